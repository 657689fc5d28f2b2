/**
 * `hs-score` as a real process (bin/hs-score.js → lib/, built in beforeAll): exit codes, Chinese
 * messages, the scored workbook read back with exceljs, the JSON contract, a GBK CSV ledger, and
 * re-running onto its own output.
 */
import { execFile, execSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import * as iconv from 'iconv-lite';
import { installInternalLinks } from '../../src/output/internalLinks';
import type { ScoreResult } from '../../src/result';
import { generateDistrict } from '../../src/sample/generateLedger';
import { csvCellAddress, writeDistrictCsv, writeDistrictXlsx, xlsxCellAddress } from '../../src/sample/writeLedger';
import { loadWorkbook, snapshot } from '../helpers/workbook';
import { main } from '../../src/cli/main';
import { withZip } from '../../src/read/zipArchive';
import { DEFAULT_READING } from '../../src/read/xlsxGrids';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin', 'hs-score.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-cli-'));
const file = (name: string) => path.join(dir, name);
const district = generateDistrict();

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function hsScore(args: string[], cwd = dir): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function hsScoreAsync(args: string[], cwd = dir): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000 }, (err, stdout, stderr) => {
      const status = err ? (typeof err.code === 'number' ? err.code : null) : 0;
      resolve({ status, stdout, stderr });
    });
  });
}



function sheetRows(ws: ExcelJS.Worksheet): ExcelJS.CellValue[][] {
  const rows: ExcelJS.CellValue[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    rows[r - 1] = (row.values as ExcelJS.CellValue[]).slice(1);
  });
  return rows;
}

const text = (v: ExcelJS.CellValue): string => (v && typeof v === 'object' && 'text' in v ? String(v.text) : String(v ?? ''));
const chinese = /[\u4e00-\u9fff]/;

/** Re-encodes a UTF-8 (BOM) file as GBK, as Excel in Chinese saves CSV. */
function toGbk(from: string, to: string): void {
  const utf8 = fs.readFileSync(from, 'utf8').replace(/^\uFEFF/, '');
  fs.writeFileSync(to, iconv.encode(utf8, 'gbk'));
}

beforeAll(async () => {
  // exceljs alone reads Excel's in-workbook links (a location, no relationship) as plain text.
  installInternalLinks();
  execSync('npm run build:cli --silent', { cwd: ROOT, stdio: 'pipe' });
  await writeDistrictXlsx(district, file('ledger.xlsx'));
  await writeDistrictCsv(district, file('ledger-utf8.csv'), file('params-utf8.csv'));
  toGbk(file('ledger-utf8.csv'), file('台账-gbk.csv'));
  toGbk(file('params-utf8.csv'), file('参数-gbk.csv'));
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const COMMON = ['E1', 'E2', 'E3', 'S1', 'S2', 'S3a', 'S3b', 'S3c', 'S3d', 'S4a', 'S4b', 'S4c', 'S5a', 'S5b', 'S5c', 'S6a', 'S6b', 'S6c', 'Q1', 'Q2a', 'Q2b', 'Q2c', 'Q3', 'P1a', 'P1b', 'P2', 'P3'];

/** The JSON contract of src/result.ts that callers rely on; collects every mismatch, then asserts once. */
function expectContractShape(result: ScoreResult): void {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  check(result.units.length > 0, 'no units');
  for (const u of result.units) {
    for (const key of ['unit', 'type', 'group', 'level', 'months', 'annual', 'bottomRank', 'eliminated', 'subsidy']) check(key in u, `${u.unit}: no ${key}`);
    check(u.type === '社区' || u.type === '村', `${u.unit}: type ${u.type}`);
    const expected = [...COMMON, u.type === '社区' ? 'E4a' : 'E4b'].sort().join(',');
    for (const m of u.months) {
      check(Object.keys(m.indicators).sort().join(',') === expected, `${u.unit} ${m.month}: indicators ${Object.keys(m.indicators).join(',')}`);
      check(Number.isInteger(m.month) && m.month >= 1 && m.month <= 12, `${u.unit}: month ${m.month}`);
      check(Object.values(m.indicators).every((v) => v === null || typeof v === 'number'), `${u.unit} ${m.month}: indicator values`);
      check(m.total === null || typeof m.total === 'number', `${u.unit} ${m.month}: total`);
    }
    // Ruling R9: an amount or a verdict is null (待核实) when it depends on a missing score, never 0 or false.
    check(typeof u.subsidy.reward === 'number' || (u.subsidy.reward === null && u.subsidy.total === null), `${u.unit}: subsidy.reward`);
    for (const k of ['base', 'groupDeduction', 'total'] as const) check(u.subsidy[k] === null || typeof u.subsidy[k] === 'number', `${u.unit}: subsidy.${k}`);
    check(u.eliminated === null || typeof u.eliminated === 'boolean', `${u.unit}: eliminated`);
    check(u.groupFlagged === null || typeof u.groupFlagged === 'boolean', `${u.unit}: groupFlagged`);
    check(u.annual === null || typeof u.annual === 'number', `${u.unit}: annual`);
    check(u.annual !== null || (u.eliminated === null && u.subsidy.total === null && u.subsidy.base === null && u.subsidy.tier === '待核实'), `${u.unit}: no annual, yet a verdict or an amount`);
    check((u.pendingReason === null) === !result.summary.undetermined.includes(u.unit), `${u.unit}: pendingReason and summary.undetermined disagree`);
  }
  check(Array.isArray(result.flaggedGroups) && Array.isArray(result.pendingGroups), 'flaggedGroups, pendingGroups');
  const totals = result.units.map((u) => u.subsidy.total);
  const certain = totals.filter((t): t is number => t !== null).reduce((a, b) => a + b, 0);
  check(result.summary.subsidyDeterminedTotal === certain, 'summary.subsidyDeterminedTotal');
  check(result.summary.subsidyTotal === (totals.includes(null) ? null : certain), 'summary.subsidyTotal');
  check(result.summary.eliminated.every((n) => result.units.find((u) => u.unit === n)?.eliminated === true), 'summary.eliminated holds only certain eliminations');
  for (const e of [...result.errors, ...result.warnings]) check(Object.keys(e).sort().join(',') === 'cell,field,message,month,unit', `issue keys ${Object.keys(e)}`);
  expect(problems).toEqual([]);
}

describe('hs-score score ledger.xlsx', () => {
  let run: Run;
  let result: ScoreResult;
  let input: ExcelJS.Workbook;
  let output: ExcelJS.Workbook;

  beforeAll(async () => {
    run = hsScore(['score', 'ledger.xlsx', '--out', 'scored.xlsx', '--json', 'result.json']);
    result = JSON.parse(fs.readFileSync(file('result.json'), 'utf8'));
    input = await loadWorkbook(file('ledger.xlsx'));
    output = await loadWorkbook(file('scored.xlsx'));
  });

  it('exits 0 although the ledger has bad cells, and prints a Chinese summary', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('单位 36 个');
    expect(run.stdout).toContain(`单位月 ${district.rows.length - 2} 个`);
    expect(run.stdout).toMatch(new RegExp(`错误 ${result.errors.length} 条，提示 ${result.warnings.length} 条`));
    expect(run.stdout).toMatch(/倒数第1名/);
    expect(run.stdout).toContain(`末位淘汰：${result.summary.eliminated.join('、')}`);
    expect(run.stdout).toContain(`连带扣减的老带新小组：${result.flaggedGroups.join('、')}`);
    expect(run.stdout).toContain(`年终补贴合计：${result.summary.subsidyTotal!.toLocaleString('zh-CN')} 元`);
    expect(run.stdout).toContain('已写出评分工作簿：scored.xlsx');
    expect(run.stdout).toContain('已写出 JSON 结果：result.json');
  });

  it('reports the column mapping: a summary line, and with --mapping every column and its confidence', () => {
    expect(run.stdout).toMatch(/列映射：表头在第2、3行，识别 \d+ 列/);
    const detailed = hsScore(['score', 'ledger.xlsx', '--mapping']);
    expect(detailed.status).toBe(0);
    expect(detailed.stdout).toContain('列映射明细：');
    expect(detailed.stdout).toMatch(/→ 劳动力总数（(规范|同义)列名，置信度 (1\.00|0\.9\d)）/);
    expect(detailed.stdout).toMatch(/→ 单位名称（规范列名，置信度 1\.00）/);
  });

  it('writes JSON in the contract shape', () => {
    expectContractShape(result);
    expect(result.summary.units).toBe(36);
    expect(result.units.some((u) => u.type === '村') && result.units.some((u) => u.type === '社区')).toBe(true);
    expect(result.summary.eliminated.length).toBeGreaterThan(0);
    expect(result.flaggedGroups.length).toBeGreaterThan(0);
    expect(result.policy).toBe('heshan-2024');
  });

  it('reports every planted bad cell in the JSON errors with its address', () => {
    const cells = result.errors.map((e) => e.cell);
    for (const bad of district.badCells) expect(cells).toContain(xlsxCellAddress(bad.row, bad.key));
    const blank = district.badCells.find((b) => b.key === 'laborForce')!;
    const e = result.errors.find((x) => x.cell === xlsxCellAddress(blank.row, 'laborForce'))!;
    expect(e).toMatchObject({ unit: district.rows[blank.row].unit, month: district.rows[blank.row].month, field: '劳动力总数' });
    expect(e.message).toMatch(chinese);
  });

  it("keeps the analyst's sheets unchanged, cell for cell", () => {
    expect(output.worksheets.map((ws) => ws.name)).toEqual(['台账', '参数', '月度得分', '年度汇总', '问题清单']);
    for (const name of ['台账', '参数']) expect(snapshot(output.getWorksheet(name)!)).toEqual(snapshot(input.getWorksheet(name)!));
  });

  it('adds 月度得分 with one row per unit-month', () => {
    const rows = sheetRows(output.getWorksheet('月度得分')!);
    expect(rows[0].slice(0, 5)).toEqual(['单位名称', '类型', '小组', '月份', 'E1 登记失业人员就业率(5)']);
    expect(rows[0]).toContain('P2 人员配置及培训(4)');
    expect(rows[0]).toContain('月度总分(100)');
    const body = rows.slice(1);
    expect(body).toHaveLength(result.summary.unitMonths);
    expect(new Set(body.map((r) => `${r[0]}/${r[3]}`)).size).toBe(body.length);
  });

  it('adds 年度汇总 with one row per unit and a 合计 row', () => {
    const rows = sheetRows(output.getWorksheet('年度汇总')!);
    expect(rows[0]).toEqual([
      '单位名称', '类型', '所属乡镇', '小组', '认定层级', '带动奖励', '计分月数', '缺少月份', '年度得分', '倒数排名', '末位淘汰', '小组连带', '补贴档次',
      '层级补助', '小组扣减', '年终补贴合计', '说明', '启动资金(不计入)',
    ]);
    expect(rows).toHaveLength(1 + 36 + 1);
    expect(rows[37][0]).toBe('合计');
    expect(rows[37][rows[0].indexOf('年终补贴合计')]).toBe(result.summary.subsidyTotal);
    const eliminated = rows.slice(1, 37).filter((r) => r[rows[0].indexOf('末位淘汰')] === '是').map((r) => r[0]);
    expect(eliminated).toEqual(result.summary.eliminated);
  });

  it('adds 问题清单 listing the bad cells with their addresses, linked to the ledger', () => {
    const ws = output.getWorksheet('问题清单')!;
    const rows = sheetRows(ws);
    expect(rows[0]).toEqual(['级别', '单位', '月份', '字段', '单元格', '说明']);
    expect(rows.slice(1)).toHaveLength(result.errors.length + result.warnings.length);
    for (const bad of district.badCells) {
      const address = xlsxCellAddress(bad.row, bad.key);
      const row = rows.find((r) => text(r[4]) === address);
      expect(row).toBeDefined();
      expect(row![0]).toBe('错误');
      expect(row![4]).toEqual({ text: address, hyperlink: `#'台账'!${address.split('!')[1]}` });
    }
  });

  it('re-scoring a scored workbook into a new file replaces the three sheets and nothing else; onto itself it is refused', async () => {
    const copy = file('rerun.xlsx');
    const wb = await loadWorkbook(file('scored.xlsx'));
    wb.addWorksheet('我的备注').getCell('B2').value = '分析员写的备注';
    await wb.xlsx.writeFile(copy);
    const before = await loadWorkbook(copy);
    const bytes = fs.readFileSync(copy);
    const inPlace = hsScore(['score', 'rerun.xlsx', '--out', 'rerun.xlsx']);
    expect(inPlace.status).toBe(2);
    expect(inPlace.stderr).toMatch(/--out 指向台账文件本身.*输入文件不会被覆盖/);
    expect(fs.readFileSync(copy).equals(bytes)).toBe(true);
    const again = hsScore(['score', 'rerun.xlsx', '--out', 'rerun-2.xlsx', '--policy', 'gansu-2023', '--json', 'rerun.json']);
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
    const after = await loadWorkbook(file('rerun-2.xlsx'));
    expect(after.worksheets.map((ws) => ws.name)).toEqual(['台账', '参数', '我的备注', '月度得分', '年度汇总', '问题清单']);
    for (const name of ['台账', '参数', '我的备注']) expect(snapshot(after.getWorksheet(name)!)).toEqual(snapshot(before.getWorksheet(name)!));
    const gansu: ScoreResult = JSON.parse(fs.readFileSync(file('rerun.json'), 'utf8'));
    expect(gansu.policy).toBe('gansu-2023');
    expect(gansu.units.map((u) => u.annual)).toEqual(result.units.map((u) => u.annual));
    const annual = sheetRows(after.getWorksheet('年度汇总')!);
    expect(annual[37][15]).toBe(gansu.summary.subsidyTotal ?? '待核实');
    expect(sheetRows(after.getWorksheet('月度得分')!)).toHaveLength(1 + result.summary.unitMonths);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('hs-score score on a GBK-encoded CSV ledger', () => {
  let run: Run;
  let result: ScoreResult;

  beforeAll(() => {
    run = hsScore(['score', '台账-gbk.csv', '--params', '参数-gbk.csv', '--out', 'csv-scored.xlsx', '--json', 'csv-result.json']);
    result = JSON.parse(fs.readFileSync(file('csv-result.json'), 'utf8'));
  });

  it('exits 0 and scores the same district as the .xlsx gives', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expectContractShape(result);
    const fromXlsx: ScoreResult = JSON.parse(fs.readFileSync(file('result.json'), 'utf8'));
    expect(result.units.map((u) => [u.unit, u.annual, u.bottomRank, u.subsidy.total])).toEqual(fromXlsx.units.map((u) => [u.unit, u.annual, u.bottomRank, u.subsidy.total]));
    expect(result.units.flatMap((u) => u.months)).toEqual(fromXlsx.units.flatMap((u) => u.months));
  });

  it('writes a new workbook with just the three sheets, the bad cells listed by their CSV addresses', async () => {
    const wb = await loadWorkbook(file('csv-scored.xlsx'));
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['月度得分', '年度汇总', '问题清单']);
    expect(sheetRows(wb.getWorksheet('月度得分')!)).toHaveLength(1 + result.summary.unitMonths);
    const cells = sheetRows(wb.getWorksheet('问题清单')!).slice(1).map((r) => text(r[4]));
    for (const bad of district.badCells) {
      const address = csvCellAddress(bad.row, bad.key);
      expect(cells.some((c) => c === address || c.endsWith(`!${address}`))).toBe(true);
    }
  });
});

const REFUSALS: [name: string, args: string[], message: RegExp][] = [
  ['a missing ledger', ['score', 'missing.xlsx'], /找不到|不存在/],
  ['an unsupported extension', ['score', 'ledger.xls'], /不支持|\.xlsx/],
  ['a text file', ['score', 'notes.txt'], /不支持/],
  ['a corrupt .xlsx', ['score', 'corrupt.xlsx'], /无法读取|不是有效/],
  ['an unknown policy', ['score', 'ledger.xlsx', '--policy', 'shanghai-2030'], /未知的补贴政策/],
  ['a missing params file', ['score', '台账-gbk.csv', '--params', 'nope.csv'], /找不到参数表/],
  ['an unknown sheet', ['score', 'ledger.xlsx', '--sheet', '不存在的表'], /不存在的表/],
  ['an unknown option', ['score', 'ledger.xlsx', '--outt', 'x.xlsx'], /未知选项：--outt/],
  ['a missing argument', ['score'], /缺少参数/],
  ['an option without its value', ['score', 'ledger.xlsx', '--out'], /选项 --out 缺少取值/],
  // Several ledgers are one district (a file per community or month): one that is missing is named.
  ['one of several ledgers missing', ['score', 'ledger.xlsx', 'other.xlsx'], /无法读取 .*other\.xlsx：文件或文件夹不存在/],
  ['an unknown command', ['scroe'], /未知命令：scroe/],
  ['--out that is not .xlsx', ['score', 'ledger.xlsx', '--out', 'x.csv'], /--out 应为 \.xlsx/],
];

describe('hs-score score without any 参数 (ruling R9: no score, no verdict, no money)', () => {
  let run: Run;
  let result: ScoreResult;
  beforeAll(() => {
    run = hsScore(['score', 'ledger-utf8.csv', '--json', 'no-params.json']);
    result = JSON.parse(fs.readFileSync(file('no-params.json'), 'utf8'));
  });

  it('pays nobody: every annual, verdict and total is null (待核实) in the JSON, and there is no total', () => {
    expect(run.status).toBe(0);
    expectContractShape(result);
    expect(result.units).toHaveLength(36);
    expect(result.units.every((u) => u.annual === null && u.eliminated === null && u.subsidy.total === null)).toBe(true);
    expect(result.summary).toMatchObject({ eliminated: [], subsidyTotal: null, subsidyDeterminedTotal: 0 });
    expect(result.summary.undetermined).toEqual(result.units.map((u) => u.unit));
    expect(result.flaggedGroups).toEqual([]);
    expect(result.units.every((u) => u.subsidy.explanation.startsWith('待核实：本单位没有年度得分'))).toBe(true);
    expect(result.warnings.filter((w) => /待核实（裁定R9）/.test(w.message)).map((w) => w.unit)).toEqual(result.summary.undetermined);
  });

  it('says so in the summary, never a sum', () => {
    expect(run.stdout).toContain('年终补贴合计：待核实（已确定部分 0 元；36 个单位的补贴待核实，见问题清单）');
    expect(run.stdout).toMatch(/无年度得分（其排名、末位淘汰和补贴待核实）：/);
    expect(run.stdout).toContain('末位淘汰：无');
  });
});

describe('hs-score refuses what it cannot read, in Chinese, with status 2', () => {
  const runs = new Map<string, Run>();

  beforeAll(async () => {
    fs.writeFileSync(file('notes.txt'), 'hello');
    fs.writeFileSync(file('corrupt.xlsx'), 'this is not a zip');
    fs.writeFileSync(file('ledger.xls'), 'old format');
    // Independent processes: run them side by side.
    await Promise.all(REFUSALS.map(async ([name, args]) => runs.set(name, await hsScoreAsync(args))));
  });

  it.each(REFUSALS)('%s', (name, _args, message) => {
    const r = runs.get(name)!;
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(chinese);
    expect(r.stderr).not.toMatch(/error:|Error:|at .*\.js:\d+/);
  });

  it('without a command shows the Chinese usage on stderr', () => {
    const r = hsScore([]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/用法：/);
  });
});

describe('hs-score score on a ledger large enough for the scan thread', () => {
  it('gives what one thread alone gives, errors and their cells included', async () => {
    // 1,100 units: a sheet of about 20 MB of XML, past the size from which its plain pieces are read on
    // the second thread (the built binary has the compiled thread; ts-jest's in-process run has not).
    const big = generateDistrict({ units: 1100, seed: 20261130 });
    await writeDistrictXlsx(big, file('big.xlsx'));
    const sheet = await withZip(file('big.xlsx'), async (zip) => zip.parts().find((p) => p.name === 'xl/worksheets/sheet1.xml')!.size);
    expect(sheet).toBeGreaterThanOrEqual(DEFAULT_READING.threadFrom);
    expect(fs.existsSync(path.join(ROOT, 'lib/src/read/sheetScanWorker.js'))).toBe(true);

    const threaded = await hsScoreAsync(['score', 'big.xlsx', '--json', 'big-threaded.json']);
    expect(threaded.stderr).toBe('');
    let err = '';
    const alone = await main(['score', 'big.xlsx', '--json', 'big-alone.json'], { out: () => undefined, err: (t) => (err += t), cwd: dir });
    expect(err).toBe('');
    expect(threaded.status).toBe(alone);
    const result = JSON.parse(fs.readFileSync(file('big-threaded.json'), 'utf8')) as ScoreResult;
    const reference = JSON.parse(fs.readFileSync(file('big-alone.json'), 'utf8')) as ScoreResult;
    expect(result.units.length).toBe(1100);
    expect(result.errors.length).toBeGreaterThan(0); // the generator's planted bad cells, each at its cell
    // Unit by unit, so that a difference prints as one unit rather than a diff of megabytes.
    const firstDifferent = result.units.findIndex((u, i) => JSON.stringify(u) !== JSON.stringify(reference.units[i]));
    expect(firstDifferent >= 0 ? [result.units[firstDifferent], reference.units[firstDifferent]] : []).toEqual([]);
    expect({ ...result, units: [] }).toEqual({ ...reference, units: [] });
  }, 120_000);
});

describe('help', () => {
  it('is Chinese and exits 0', () => {
    const top = hsScore(['--help']);
    expect(top.status).toBe(0);
    expect(top.stdout).toMatch(/用法：/);
    expect(top.stdout).toMatch(/命令：/);
    expect(top.stdout).not.toMatch(/Usage:|Options:|Commands:|display help/);
    const score = hsScore(['score', '--help']);
    expect(score.status).toBe(0);
    expect(score.stdout).toMatch(/--params <参数\.csv>/);
    expect(score.stdout).toMatch(/选项：/);
    expect(score.stdout).toMatch(/heshan-2024/);
  });
});

describe('hs-score demo', () => {
  it('scores the bundled sample from any working directory into ./out', () => {
    const cwd = file('demo');
    fs.mkdirSync(cwd);
    const r = hsScore(['demo'], cwd);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(fs.existsSync(path.join(cwd, 'out', 'heshan-2024-scored.xlsx'))).toBe(true);
    const result: ScoreResult = JSON.parse(fs.readFileSync(path.join(cwd, 'out', 'heshan-2024-result.json'), 'utf8'));
    expectContractShape(result);
    expect(r.stdout).toMatch(/倒数第1名/);
    expect(r.stdout).toMatch(/末位淘汰：\S+/);
    expect(r.stdout).toMatch(/年终补贴合计：/);
    expect(r.stdout).toMatch(/前 5 条错误：\n {2}台账!/);
    expect(r.stdout).toContain(path.join('out', 'heshan-2024-scored.xlsx'));
  });
});
