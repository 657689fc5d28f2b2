/**
 * `hs-score circle` (黄山 2022), `share` (山东 2010) and `equipment` (甘肃 2023), in process, on
 * small .csv and .xlsx tables: the figures worked out by hand below, a bad cell named and its row
 * left out while the others are computed, bad options and unreadable files refused in Chinese.
 * The policies' own arithmetic is tested in test/policy/; here, that the commands carry it.
 */
import * as fs from 'node:fs';
import ExcelJS from 'exceljs';
import { cliInProcess } from '../helpers/cliInProcess';

const { file, run, remove } = cliInProcess('hs-seed-');
const json = (name: string) => JSON.parse(fs.readFileSync(file(name), 'utf8'));


beforeAll(async () => {
  // 黄山 2022: 服务费 8,000 元 + 监理费 2,000 元 per 万人 of 常住人口; ceiling 10,000 元 per 万人 of 城镇人口.
  // - 城东: 125,000 residents → 12.5 万人 × (8,000 + 2,000) = 125,000 元 (100,000 + 25,000);
  //         城镇 110,000 → 11 万人 × 10,000 = 110,000 元 ceiling → over by 15,000 元
  // - 西山: "80,000" → 8 万人 → 64,000 + 16,000 = 80,000 元; no 城镇人口 → ceiling not checked
  // - 南湖: 常住人口「十万」 is not a number → error at 就业圈!B4, row left out
  // - 合计 row: left out
  // Totals (城东 + 西山): 164,000 + 41,000 = 205,000 元; 1 circle over, by 15,000 元.
  fs.writeFileSync(
    file('就业圈.csv'),
    '就业圈名称,常住人口,城镇人口\n城东就业圈,125000,110000\n西山就业圈,"80,000",\n南湖就业圈,十万,50000\n合计,205000,110000\n',
    'utf8',
  );
  // 山东 2010: 5 communities, 4 are 充分就业社区 → 4 ÷ 5 = 80 %, which meets "80%以上" (以上 includes 80 %).
  // Scores 95, 90, 90, 80 and one blank (not ranked): 4 ranked; --top 40% → 40 % × 4 = 1.6 → 2 places;
  // 幸福 1st; 和平 and 团结 tie 2nd across the line → both rewarded (ties rewarded) → 3 rewarded.
  fs.writeFileSync(file('社区.csv'), '社区名称,是否充分就业社区,考核得分\n幸福社区,是,95\n和平社区,是,90\n团结社区,否,90\n友谊社区,是,80\n光明社区,是,\n', 'utf8');
  // A flag that reads as neither 是 nor 否 (社区2!B3): the share needs every community, so it is not computed.
  fs.writeFileSync(file('社区2.csv'), '社区名称,是否充分就业社区\n幸福社区,是\n和平社区,待定\n团结社区,否\n', 'utf8');

  // 甘肃 2023, below a title row, in 元: (四) 信息网络建设 = 电脑 6,000 + 运维 2,500 = 8,500 元.
  // 省级 → 20,000 元 × 20 % = 4,000 元 cap → over by 4,500 元. 50,000 元 → 10,000 元 cap → within, 1,500 元 left.
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('支出明细');
  ws.addRow(['幸福社区2023年补助资金支出明细']);
  ws.addRow(['支出类别', '金额（元）']);
  ws.addRow(['宣传资料印制', 3000]); // （一）政策宣传
  ws.addRow(['办公电脑采购', 6000]); // （四）信息网络建设
  ws.addRow(['（四）信息网络系统运维', '2,500']); // （四）
  ws.addRow(['就业援助月专项活动', 4000]); // （二）专项活动
  ws.addRow(['合计', 15500]);
  await wb.xlsx.writeFile(file('支出.xlsx'));
  fs.writeFileSync(file('坏.xlsx'), '这不是一个工作簿', 'utf8');
}, 30_000);
afterAll(remove);

describe('circle', () => {
  test('each circle\'s fees and ceiling, a bad cell named and its row left out, and the totals', async () => {
    const r = await run(['circle', '就业圈.csv', '--json', '就业圈.json']);
    expect(r.err).toBe('');
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/^黄山市2022年"三公里"就业圈购买服务：就业圈\.csv\n/);
    expect(r.out).toContain('城东就业圈：125,000人（12.5万人），服务费100,000元，监理费25,000元，合计125,000元；上限110,000元，超出15,000元');
    expect(r.out).toContain('西山就业圈：80,000人（8万人），服务费64,000元，监理费16,000元，合计80,000元；未给出城镇人口，未核对上限');
    expect(r.out).toContain('合计（不含有误的 1 行）：就业圈 2 个，服务费164,000元，监理费41,000元，合计205,000元；超出上限 1 个（城东就业圈），共超出15,000元');
    expect(r.out).toContain('注意：第5行「合计」是合计行，未计入');
    expect(r.out).toMatch(/错误 1 条.*\n {2}南湖就业圈：「七普常住人口」不是有效的数字：「十万」（就业圈!B4）/);
    expect(r.out).toContain('已写出 JSON 结果：就业圈.json');

    const result = json('就业圈.json');
    expect(result.circles.map((c: { name: string; total: number }) => [c.name, c.total])).toEqual([['城东就业圈', 125000], ['西山就业圈', 80000]]);
    expect(result.circles[0].ceiling).toMatchObject({ amount: 110000, over: 15000, withinCeiling: false });
    expect(result.circles[1].ceiling).toBeNull();
    expect(result.total).toEqual({ circles: 2, serviceFee: 164000, supervisionFee: 41000, total: 205000, overCeiling: 1, over: 15000 });
    expect(result.errors).toEqual([{ row: 4, name: '南湖就业圈', cell: '就业圈!B4', message: '「七普常住人口」不是有效的数字：「十万」（就业圈!B4）' }]);
  });

  test('a file that cannot be read is refused in Chinese (exit 2)', async () => {
    const bad = await run(['circle', '坏.xlsx']);
    expect(bad.status).toBe(2);
    expect(bad.out).toBe('');
    expect(bad.err).toMatch(/^hs-score：无法读取.*坏\.xlsx/);
    const missing = await run(['circle', '没有这个文件.csv']);
    expect(missing.status).toBe(2);
    expect(missing.err).toMatch(/^hs-score：找不到就业圈表：/);
    const wrongTable = await run(['circle', '社区2.csv']);
    expect(wrongTable.status).toBe(2);
    expect(wrongTable.err).toMatch(/^hs-score：就业圈表 社区2\.csv：.*「常住人口」/);
  });
});

describe('share', () => {
  test('the share against the 80 % target and, with --top, the rewarded communities with the tie across the line', async () => {
    const r = await run(['share', '社区.csv', '--top', '40%', '--json', '社区.json']);
    expect(r.err).toBe('');
    expect(r.status).toBe(0);
    expect(r.out).toContain('充分就业社区4个，占社区总数5个的80%，达到80%以上的目标');
    expect(r.out).toContain('考核排名前40%奖励：参加排名 4 个，奖励名额 2 个，列入奖励 3 个（名额线上有并列，一并奖励）');
    expect(r.out).toMatch(/第1名 {2}幸福社区 {2}95分\n {2}第2名 {2}和平社区 {2}90分（2个并列）\n {2}第2名 {2}团结社区 {2}90分（2个并列）\n/);
    expect(r.out).toContain('无考核得分、未参加排名：光明社区');
    const result = json('社区.json');
    expect(result.share).toMatchObject({ recognised: 4, total: 5, share: 0.8, meetsTarget: true, shortfall: 0 });
    expect(result.top).toEqual({ share: 0.4, ranked: 4, places: 2, tiesRewarded: true, rewarded: ['幸福社区', '和平社区', '团结社区'] });
    expect(result.communities.find((c: { name: string }) => c.name === '友谊社区')).toMatchObject({ rank: 4, rewarded: false });
  });

  test('a higher target: how many more are needed', async () => {
    // 90 % of 5 = 4.5 → at least 5 needed; 4 recognised → 1 more.
    const r = await run(['share', '社区.csv', '--target', '90%']);
    expect(r.status).toBe(0);
    expect(r.out).toContain('充分就业社区4个，占社区总数5个的80%，未达到90%以上的目标，至少需5个，还差1个');
    expect(r.out).not.toContain('考核排名');
  });

  test('a bad flag is named and the share is not computed', async () => {
    const r = await run(['share', '社区2.csv']);
    expect(r.status).toBe(0);
    expect(r.out).toContain('占比未计算：1 个社区的「是否充分就业社区」有误');
    expect(r.out).toContain('和平社区：社区2!B3「待定」应为 是/否 或 TRUE/FALSE');
  });

  test('bad options and a missing score column are refused in Chinese (exit 2)', async () => {
    const target = await run(['share', '社区.csv', '--target', '120%']);
    expect(target.status).toBe(2);
    expect(target.out).toBe('');
    expect(target.err).toBe('hs-score：--target：占比目标「120%」应大于0且不超过100%\n');
    const top = await run(['share', '社区.csv', '--top', '前两名']);
    expect(top.status).toBe(2);
    expect(top.err).toMatch(/^hs-score：--top：「奖励比例」不是有效的数字：「前两名」/);
    const noScores = await run(['share', '社区2.csv', '--top', '20%']);
    expect(noScores.status).toBe(2);
    expect(noScores.err).toMatch(/缺少「考核得分」列/);
  });
});

describe('equipment', () => {
  test('each line classified, and the information-network spending over 20 % of a 省级 subsidy', async () => {
    const r = await run(['equipment', '支出.xlsx', '--subsidy', '省级', '--json', '支出.json']);
    expect(r.err).toBe('');
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/^甘肃省2023年充分就业社区补助资金使用范围：支出\.xlsx（工作表「支出明细」）\n/);
    expect(r.out).toContain('宣传资料印制：3,000元，第十三条（一）政策宣传');
    expect(r.out).toContain('办公电脑采购：6,000元，第十三条（四）信息网络建设');
    expect(r.out).toContain('（四）信息网络系统运维：2,500元，第十三条（四）信息网络建设');
    expect(r.out).toContain('就业援助月专项活动：4,000元，第十三条（二）专项活动');
    expect(r.out).toContain('信息网络建设支出（第十三条（四））8,500元，超过上限4,000元（省级充分就业社区补助资金20,000元的20%），超出4,500元');
    expect(r.out).toContain('注意：第7行「合计」是合计行，未计入');
    const result = json('支出.json');
    expect(result.check).toMatchObject({ spending: 8500, subsidy: 20000, cap: 4000, over: 4500, isOver: true });
    expect(result.lines.map((l: { use: { code: string } }) => l.use.code)).toEqual(['一', '四', '四', '二']);
    expect(result.complete).toBe(true);
  });

  test('a subsidy in yuan: within the cap', async () => {
    const r = await run(['equipment', '支出.xlsx', '--subsidy', '50,000']);
    expect(r.status).toBe(0);
    expect(r.out).toContain('信息网络建设支出（第十三条（四））8,500元，未超过上限10,000元（补助资金50,000元的20%），尚余1,500元');
  });

  test('a bad --subsidy and a missing one are refused in Chinese (exit 2)', async () => {
    const level = await run(['equipment', '支出.xlsx', '--subsidy', '县级']);
    expect(level.status).toBe(2);
    expect(level.err).toMatch(/^hs-score：--subsidy：「补助资金」无法识别「县级」/);
    const missing = await run(['equipment', '支出.xlsx']);
    expect(missing.status).toBe(2);
    expect(missing.err).toMatch(/缺少必需的选项：--subsidy/);
  });
});
