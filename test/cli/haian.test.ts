/**
 * `hs-score haian`, in process, on a real .xlsx person ledger and a CSV of the towns' labour: the
 * summary, the 一览表 / 明细表 workbook read back with exceljs, the JSON, and a bad --as-of.
 * The arithmetic of each finding is tested in test/policy/haian/; here, that the command carries it.
 */
import * as fs from 'node:fs';
import ExcelJS from 'exceljs';
import { cliInProcess } from '../helpers/cliInProcess';
import { HEADER, type PersonRow } from '../policy/haian/helpers';

const { file, run, remove } = cliInProcess('hs-haian-');


// Two towns. As of 2021-12-31:
// - 张三 unemployed, tracked 2021-12-01 (monthly: on time), 131 complete (1/3/1), subsidy granted → 0
// - 李四 unemployed, tracked 2021-10-15 (over a month: −1), 131 = 1/1/0 (short at year end: −1), subsidy 1 entitled 0 granted (−1) → −3
// - 王五 flexible, tracked 2021-08-01 (half-yearly, within 6 months: on time) → 0
const PERSONS: PersonRow[] = [
  ['城东街道', '幸福社区', '张三', '320621199001011234', '失业人员', '失业', '2021-12-01', 1, 3, 1, 1, 1],
  ['城东街道', '幸福社区', '李四', '320621199002021234', '失业人员', '失业', '2021-10-15', 1, 1, 0, 1, 0],
  ['南莫镇', '南莫村', '王五', '320621199003031234', '农村劳动力', '灵活就业', '2021-08-01', null, null, null, null, null],
];

beforeAll(async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('明细表');
  ws.addRow(['海安市2021年服务重点群体情况明细表']);
  ws.addRow(HEADER);
  PERSONS.forEach((p, i) => ws.addRow([i + 1, ...p]));
  await wb.xlsx.writeFile(file('人员台账.xlsx'));
  // 城东: 12 ÷ 400 = 3.00 % (at the line: 达标); 南莫: 13 ÷ 400 = 3.25 % (未达标).
  fs.writeFileSync(file('劳动力.csv'), '区镇(街道),劳动力人数,登记失业人数\n城东街道,400,12\n南莫镇,400,13\n', 'utf8');
}, 30_000);
afterAll(remove);

test('scores the ledger as of the quarter end and writes 一览表 and 明细表', async () => {
  const r = await run(['haian', '人员台账.xlsx', '--as-of', '2021-12-31', '--towns', '劳动力.csv', '--out', '核查.xlsx', '--json', '核查.json']);
  expect(r.err).toBe('');
  expect(r.status).toBe(0);
  expect(r.out).toMatch(/截至2021-12-31（2021年第4季度）/);
  expect(r.out).toMatch(/人员 3 人，其中失业 2 人；未按时跟踪 1 人，131服务未达标 1 人，补贴未享受 1 项，共扣 3 分/);
  expect(r.out).toMatch(/城东街道：扣 3 分；.*达标/);
  expect(r.out).toMatch(/南莫镇：扣 0 分；.*未达标/);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file('核查.xlsx'));
  expect(wb.worksheets.map((w) => w.name)).toEqual(['重点群体情况一览表', '重点群体情况明细表', '重点群体社区(村)汇总', '重点群体问题清单']);
  const detail = wb.getWorksheet('重点群体情况明细表')!;
  const names: string[] = [];
  detail.eachRow((row) => names.push(row.values ? String((row.values as ExcelJS.CellValue[]).join('|')) : ''));
  expect(names.some((line) => line.includes('李四'))).toBe(true);

  const json = JSON.parse(fs.readFileSync(file('核查.json'), 'utf8'));
  expect(json.total.points).toBe(3);
  expect(json.persons.map((p: { name: string; points: number }) => [p.name, p.points])).toEqual([['张三', 0], ['李四', 3], ['王五', 0]]);
});

test('an unreadable --as-of is refused in Chinese', async () => {
  const r = await run(['haian', '人员台账.xlsx', '--as-of', '上个月']);
  expect(r.status).toBe(2);
  expect(r.err).toMatch(/^hs-score：.*截止日期/);
});
