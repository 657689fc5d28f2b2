/**
 * Inputs are read-only (issue 11): an output that names an input, directly or through a symlink,
 * hard link or another letter case, or that names another output of the same run, is refused with
 * status 2 before anything is written; outputs are written whole or not at all; a failure of the
 * program itself is a short Chinese message and a log file, never a stack trace.
 */
import * as fs from 'node:fs';
import { generateDistrict } from '../../src/sample/generateLedger';
import { writeDistrictCsv, writeDistrictXlsx } from '../../src/sample/writeLedger';
import { main } from '../../src/cli/main';
import { cliInProcess } from '../helpers/cliInProcess';

const cli = cliInProcess('hs-readonly-');
const district = generateDistrict({ units: 6, badCells: false });
const digest = (name: string) => fs.readFileSync(cli.file(name)).toString('base64');

beforeAll(async () => {
  await writeDistrictXlsx(district, cli.file('台账.xlsx'));
  await writeDistrictCsv(district, cli.file('台账.csv'), cli.file('参数.csv'));
  fs.symlinkSync(cli.file('台账.xlsx'), cli.file('别名.xlsx'));
  fs.linkSync(cli.file('参数.csv'), cli.file('参数硬链接.csv'));
  fs.writeFileSync(cli.file('名单.csv'), '单位名称,是否认定\n甲社区,是\n');
});
afterAll(() => cli.remove());

const REFUSED: [what: string, args: string[], message: RegExp, input: string][] = [
  ['--json naming the ledger', ['score', '台账.xlsx', '--json', '台账.xlsx'], /--json 指向台账文件本身/, '台账.xlsx'],
  ['--out naming the input workbook', ['score', '台账.xlsx', '--out', '台账.xlsx'], /--out 指向台账文件本身/, '台账.xlsx'],
  ['--out through a symlink to the ledger', ['score', '别名.xlsx', '--out', '台账.xlsx'], /--out 指向台账文件本身/, '台账.xlsx'],
  ['--json naming the params file', ['score', '台账.csv', '--params', '参数.csv', '--json', '参数.csv'], /--json 指向参数表本身/, '参数.csv'],
  ['--json naming a hard link to the params file', ['score', '台账.csv', '--params', '参数.csv', '--json', '参数硬链接.csv'], /--json 指向参数表本身/, '参数.csv'],
  ['--json naming the CSV ledger', ['score', '台账.csv', '--params', '参数.csv', '--json', './台账.csv'], /--json 指向台账文件本身/, '台账.csv'],
  ['--json naming a seed policy\'s table', ['share', '名单.csv', '--json', '名单.csv'], /--json 指向/, '名单.csv'],
];

test.each(REFUSED)('refused: %s, the input untouched', async (_what, args, message, input) => {
  const before = digest(input);
  const run = await cli.run(args);
  expect(run.status).toBe(2);
  expect(run.err).toMatch(message);
  expect(run.err).toContain('输入文件不会被覆盖');
  expect(digest(input)).toBe(before);
});

test('--out and --json naming one file are refused before anything is written', async () => {
  const run = await cli.run(['score', '台账.xlsx', '--out', '结果.xlsx', '--json', '结果.xlsx']);
  expect(run.status).toBe(2);
  expect(run.err).toMatch(/--json 与 --out 是同一个文件/);
  expect(fs.existsSync(cli.file('结果.xlsx'))).toBe(false);
});

test('outputs are written whole: no temporary file is left beside them', async () => {
  const run = await cli.run(['score', '台账.xlsx', '--out', '结果.xlsx', '--json', '结果.json']);
  expect(run.status).toBe(0);
  expect(JSON.parse(fs.readFileSync(cli.file('结果.json'), 'utf8')).units).toHaveLength(6);
  expect(fs.readdirSync(cli.dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
});

test('a failure of the program itself: a short Chinese message and a log file, no stack trace', async () => {
  let err = '';
  const status = await main(['score', '台账.xlsx'], {
    cwd: cli.dir,
    out: () => {
      throw new TypeError("Cannot read properties of undefined (reading 'x')");
    },
    err: (t) => (err += t),
  });
  expect(status).toBe(70);
  expect(err).toMatch(/^hs-score：发生意外错误，未完成（Cannot read properties of undefined \(reading 'x'\)）。详细信息已写入 (.+\.log)，/);
  expect(err).not.toMatch(/\n\s+at /);
  const log = /已写入 (.+\.log)，/.exec(err)![1];
  expect(fs.readFileSync(log, 'utf8')).toMatch(/TypeError[\s\S]*\n\s+at /);
  fs.rmSync(log);
});
