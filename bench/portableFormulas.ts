/**
 * 通用公式 (issue 15) at 36 and 3,000 units: the workbook `hs-score score --formulas 通用 --out`
 * writes — its formula cells (and how many shared formulas the file stores them as), its size, the
 * time hs-score takes to write it — and LibreOffice Calc's time to open it, calculate every formula
 * and give back 年度汇总 (a CSV of that sheet: the export is small, so the figure is the opening and
 * the calculation). Beside it, the same district written as 数值 (nothing to calculate: LibreOffice's
 * cost of opening the file alone) and as the pane's 实时公式 (=HS.* formulas, written the same way;
 * LibreOffice runs no add-in, so it has no time to give for them).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSheetsIntoPackage } from '../src/output/packageEdit';
import { sharedFormulas } from '../src/output/package/sharedFormulas';
import { portableSheets, withPortableNotes } from '../src/output/portable/portableSheets';
import { columnLetter } from '../src/read/address';
import { issuesSheet, type SheetTable } from '../src/output/sheets';
import { scorePlans } from '../src/output/sheetPlans';
import { HESHAN_2024_POLICY } from '../src/policy/presets';
import { xlsxGrids } from '../src/read/grid';
import { HESHAN_2024 } from '../src/rules/heshan2024';
import { generateDistrict } from '../src/sample/generateLedger';
import { writeDistrictXlsx } from '../src/sample/writeLedger';
import { readLedger, scorePlanOptions, scoreView } from '../taskpane/paneModel';
import { writeOutputWorkbook, writePortableWorkbook } from '../src/output/workbook';

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

const formulaCells = (tables: readonly SheetTable[]) => tables.reduce((n, t) => n + t.rows.reduce((k, row) => k + row.filter((v) => typeof v === 'string' && v.startsWith('=')).length, 0), 0);

/** How many formulas a table's file stores: one per run of a formula copied down, one per other formula cell. */
function storedFormulas(table: SheetTable): number {
  const letters = table.columns.map((_, k) => columnLetter(k));
  const shared = sharedFormulas(table.rows, letters, 2);
  let n = 0;
  table.rows.forEach((row, r) => row.forEach((v, k) => {
    if (typeof v !== 'string' || !v.startsWith('=')) return;
    const cell = shared(r, k);
    if (!cell || cell.ref !== undefined) n++;
  }));
  return n;
}

/** LibreOffice opens the workbook, calculates it and writes 年度汇总 (its 4th sheet here) as CSV: wall time and peak memory. */
function libreOffice(file: string, dir: string): { seconds: number; peak: string } | string {
  if (spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status !== 0) return '未安装 LibreOffice（soffice），跳过';
  const out = join(dir, `lo-${Date.now()}`);
  const filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,4';
  const timed = spawnSync('/usr/bin/time', ['-f', '%M'], { encoding: 'utf8' }).error === undefined;
  const command = ['soffice', `-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--headless', '--convert-to', filter, '--outdir', out, file];
  const start = process.hrtime.bigint();
  const run = timed ? spawnSync('/usr/bin/time', ['-f', '%M', ...command], { encoding: 'utf8', timeout: 3_600_000 }) : spawnSync(command[0], command.slice(1), { encoding: 'utf8', timeout: 3_600_000 });
  const wall = seconds(start);
  if (run.status !== 0) return `LibreOffice 失败（退出码 ${run.status}${run.signal ? `，${run.signal}` : ''}）`;
  const kib = timed ? Number(run.stderr.trim().split('\n').at(-1)) : NaN;
  return { seconds: wall, peak: Number.isFinite(kib) ? mib(kib * 1024) : '—' };
}

export async function benchPortable(unitCounts: readonly number[]): Promise<void> {
  console.log('通用公式：hs-score score --formulas 通用 --out，LibreOffice Calc 打开并重算');
  console.log(`  本机 ${cpus().length} 核，开始时 1 分钟平均负载 ${loadavg()[0].toFixed(1)}（LibreOffice 的时间随负载变化）`);
  for (const units of unitCounts) {
    const dir = mkdtempSync(join(tmpdir(), 'hs-bench-portable-'));
    try {
      const ledger = join(dir, 'ledger.xlsx');
      await writeDistrictXlsx(generateDistrict({ units, seed: 11, badCells: false }), ledger, { styles: false });
      const grids = await xlsxGrids(ledger);
      const view = readLedger(grids, undefined);
      const policy = HESHAN_2024_POLICY;
      const result = scoreView(view, {}, HESHAN_2024, policy);
      console.log(`  ${fmt(units)} 个单位，${fmt(result.summary.unitMonths)} 个单位月（台账 ${mib(statSync(ledger).size)}）`);

      // 数值: what opening the file costs LibreOffice without anything to calculate.
      const values = join(dir, 'values.xlsx');
      let start = process.hrtime.bigint();
      await writeOutputWorkbook(values, result, ledger, HESHAN_2024);
      const valuesWrite = seconds(start);

      start = process.hrtime.bigint();
      const sheets = portableSheets(result, view.ledger, { ruleSet: HESHAN_2024, policy, workbookSheets: grids.map((g) => g.name) });
      const portable = join(dir, 'portable.xlsx');
      await writePortableWorkbook(portable, { monthly: sheets.monthly, annual: sheets.annual, issues: issuesSheet(withPortableNotes(result, sheets.notes)) }, ledger);
      const portableWrite = seconds(start);
      const stored = storedFormulas(sheets.monthly) + storedFormulas(sheets.annual);
      const written = formulaCells([sheets.monthly, sheets.annual]);

      // 实时公式: the pane's plans, written the same way (formula cells without values).
      const live = join(dir, 'live.xlsx');
      const plans = scorePlans(result, scorePlanOptions(view, {}, HESHAN_2024, 'formulas', policy));
      const liveTables: SheetTable[] = plans.map((p) => {
        const width = Math.max(...p.cells.map((row) => row.length));
        const header = Array.from({ length: width }, (_, k) => String(p.cells[0]?.[k] ?? ''));
        return { name: p.name, columns: header.map((h) => ({ header: h, kind: 'text' as const })), rows: p.cells.slice(1).map((row) => header.map((_, k) => row[k] ?? null)) };
      });
      await writeSheetsIntoPackage(ledger, live, liveTables.map((table) => ({ table, frozenColumns: 0, formulas: true })));
      const hsCalls = liveTables.reduce((n, t) => n + t.rows.reduce((k, row) => k + row.filter((v) => typeof v === 'string' && /HS\.[A-Z]+\(/.test(v)).length, 0), 0);

      const lo = (file: string) => {
        const r = libreOffice(file, dir);
        return typeof r === 'string' ? r : `${r.seconds.toFixed(1)} s，峰值内存 ${r.peak}`;
      };
      console.log(`    数值       公式 0 个，文件 ${mib(statSync(values).size)}，写出 ${valuesWrite.toFixed(1)} s；LibreOffice 打开 ${lo(values)}`);
      console.log(`    通用公式   公式 ${fmt(written)} 个（文件中存为 ${fmt(stored)} 个，其余为共享公式），文件 ${mib(statSync(portable).size)}，写出 ${portableWrite.toFixed(1)} s；LibreOffice 打开并重算 ${lo(portable)}`);
      console.log(`    实时公式   公式 ${fmt(formulaCells(liveTables))} 个（其中 HS.* 调用 ${fmt(hsCalls)} 个），文件 ${mib(statSync(live).size)}；LibreOffice 不运行加载项，HS.* 无法重算（见上文公式路径的调用次数与 JavaScript 时间）`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
