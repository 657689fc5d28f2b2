/**
 * 通用公式 (issue 15) proven in a real spreadsheet program: `hs-score score --formulas 通用 --out`
 * writes the workbooks — the bundled sample, a generated district, the sample under a rubric using
 * every rule type and under a county's own 评分细则 (its own fields and unit types), and the sample's
 * output with ledger cells edited afterwards in the file itself — and LibreOffice Calc (headless,
 * all five in one call) opens, calculates and saves them. The values it computed are read back:
 * every indicator, total, annual score, rank, flag, tier and amount equals scoreLedger on the same
 * (edited) ledger, to 1e-9; a blocked score reads 「数据有误」, never a number.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import type { CellValue, SheetGrid } from '../../src/ledger/types';
import { BAD_DATA } from '../../src/output/portable/portableSheets';
import { xlsxGrids } from '../../src/read/grid';
import { generateDistrict } from '../../src/sample/generateLedger';
import { writeDistrictXlsx } from '../../src/sample/writeLedger';
import { RUBRIC_SHEET, rubricSheetRows } from '../../src/rules/rubricSheet';
import { allKindsRuleSet } from '../helpers/allKindsRubric';
import { bureauGrids } from '../helpers/bureauRubric';
import { cliInProcess } from '../helpers/cliInProcess';
import { differences, type Computed, type ComputedSheet } from '../helpers/portableCheck';
import { portablePlans } from '../helpers/portableWorkbook';

const SAMPLE = path.join(__dirname, '..', '..', 'samples', 'heshan-2024-sample.xlsx');
const installed = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;

/** Sheets as a new .xlsx (exceljs): a county's ledger and rubric, or the sample with a rubric added. */
async function writeGrids(file: string, grids: readonly SheetGrid[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const g of grids) {
    const ws = wb.addWorksheet(g.name);
    g.rows.forEach((row, r) => row.forEach((v, c) => {
      if (v !== null && v !== undefined) ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue;
    }));
  }
  await wb.xlsx.writeFile(file);
}

const unescape = (t: string) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The part of a sheet in an unzipped package, by the sheet's name. */
function sheetPart(files: Record<string, Uint8Array>, sheet: string): string {
  const text = (name: string) => Buffer.from(files[name]).toString('utf8');
  const rId = new RegExp(`<sheet [^>]*name="${sheet}"[^>]*r:id="([^"]+)"`).exec(text('xl/workbook.xml'))![1];
  const rel = [...text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship [^>]*>/g)].map((m) => m[0]).find((r) => r.includes(`Id="${rId}"`))!;
  const target = /Target="([^"]+)"/.exec(rel)![1];
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

/**
 * A sheet as LibreOffice saved it, read from the package itself: each cell's value or formula result
 * (an error by its code). exceljs would do, but it drops a formula's result of 0 or "".
 */
function computed(file: string, sheet: string): ComputedSheet {
  const files = unzipSync(fs.readFileSync(file));
  const shared = files['xl/sharedStrings.xml'] ? [...Buffer.from(files['xl/sharedStrings.xml']).toString('utf8').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => unescape([...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join(''))) : [];
  const xml = Buffer.from(files[sheetPart(files, sheet)]).toString('utf8');
  const rows: Computed[][] = [];
  for (const cell of xml.matchAll(/<c r="([A-Z]+)(\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const [, letters, row, attrs, inner = ''] = cell;
    const col = [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    const type = /t="([^"]+)"/.exec(attrs)?.[1] ?? 'n';
    const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
    const inline = /<is>([\s\S]*?)<\/is>/.exec(inner)?.[1];
    let value: Computed = null;
    if (type === 's') value = shared[Number(v)];
    else if (type === 'inlineStr') value = unescape([...(inline ?? '').matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join(''));
    else if (type === 'str' || type === 'e') value = unescape(v ?? '');
    else if (type === 'b') value = v === '1';
    else if (v !== undefined && v !== '') value = Number(v);
    (rows[Number(row) - 1] ??= [])[col] = value;
  }
  const width = Math.max(...rows.map((r) => r?.length ?? 0));
  const full = Array.from(rows, (r) => Array.from({ length: width }, (_, c) => r?.[c] ?? null));
  return { header: (full[0] ?? []).map((v) => String(v ?? '')), rows: full.slice(1) };
}

/** Sets cells of one sheet of an .xlsx package in place (a number, or empty): an analyst's edit, without any program recalculating. */
function editPackage(file: string, sheet: string, edits: readonly [ref: string, value: number | null][]): void {
  const files = unzipSync(fs.readFileSync(file));
  const part = sheetPart(files, sheet);
  const text = (name: string) => Buffer.from(files[name]).toString('utf8');
  let xml = text(part);
  for (const [ref, v] of edits) {
    const cell = new RegExp(`<c r="${ref}"(?:\\s[^>]*)?(?:/>|>[\\s\\S]*?</c>)`);
    expect(cell.test(xml)).toBe(true);
    xml = xml.replace(cell, v === null ? '' : `<c r="${ref}"><v>${v}</v></c>`);
  }
  files[part] = Buffer.from(xml, 'utf8');
  fs.writeFileSync(file, zipSync(files));
}

const refOf = (cell: string) => cell.slice(cell.lastIndexOf('!') + 1);

(installed ? describe : describe.skip)('通用公式 calculated by LibreOffice Calc', () => {
  const cli = cliInProcess('hs-portable-lo-');
  afterAll(() => cli.remove());

  test('five workbooks written by hs-score, opened and calculated in one soffice call, equal the engine', async () => {
    const sampleGrids = await xlsxGrids(SAMPLE);
    const cases: { name: string; input: string; grids: SheetGrid[] }[] = [];
    fs.copyFileSync(SAMPLE, cli.file('sample.xlsx'));
    cases.push({ name: 'sample', input: 'sample.xlsx', grids: sampleGrids });
    await writeDistrictXlsx(generateDistrict({ units: 48, seed: 5 }), cli.file('district.xlsx'));
    cases.push({ name: 'district', input: 'district.xlsx', grids: await xlsxGrids(cli.file('district.xlsx')) });
    const allKinds = [...sampleGrids, { name: RUBRIC_SHEET, rows: rubricSheetRows(allKindsRuleSet()), merges: [] }];
    await writeGrids(cli.file('all-kinds.xlsx'), allKinds);
    cases.push({ name: 'all-kinds', input: 'all-kinds.xlsx', grids: await xlsxGrids(cli.file('all-kinds.xlsx')) });
    await writeGrids(cli.file('county.xlsx'), bureauGrids());
    cases.push({ name: 'county', input: 'county.xlsx', grids: await xlsxGrids(cli.file('county.xlsx')) });

    for (const c of cases) {
      const run = await cli.run(['score', c.input, '--formulas', c.name === 'district' ? 'portable' : '通用', '--out', `${c.name}-out.xlsx`]);
      expect({ case: c.name, status: run.status, err: run.err }).toEqual({ case: c.name, status: 0, err: '' });
      expect(run.out).toContain('评分工作簿（通用公式）');
    }

    // The sample's output edited in the file afterwards: the 无 corrected, one unit's 劳动力总数 blanked in every month (ruling R9).
    const scored = portablePlans(sampleGrids);
    const ledger = scored.view.ledger;
    const complaints = ledger.rows.find((r) => r.fields.validComplaints?.value === '无')!.fields.validComplaints.cell;
    const unit = scored.result.units[2].unit;
    const blanked = ledger.rows.filter((r) => r.attributes.unit?.value === unit).map((r) => r.fields.laborForce.cell);
    fs.copyFileSync(cli.file('sample-out.xlsx'), cli.file('edited-out.xlsx'));
    editPackage(cli.file('edited-out.xlsx'), ledger.sheet, [[refOf(complaints), 0], ...blanked.map((c): [string, null] => [refOf(c), null])]);
    const at = (cell: string): [number, number] => {
      const m = /([A-Z]+)(\d+)$/.exec(cell)!;
      return [Number(m[2]) - 1, [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1];
    };
    const editedGrids = sampleGrids.map((g) => {
      if (g.name !== ledger.sheet) return g;
      const rows = g.rows.map((r) => [...r]);
      for (const [cell, v] of [[complaints, 0], ...blanked.map((c) => [c, null])] as [string, CellValue][]) {
        const [r, c] = at(cell);
        rows[r][c] = v;
      }
      return { ...g, rows };
    });
    cases.push({ name: 'edited', input: 'sample.xlsx', grids: editedGrids });

    const outDir = cli.file('calculated');
    fs.mkdirSync(outDir);
    const started = Date.now();
    const r = spawnSync('soffice', [`-env:UserInstallation=file://${cli.file('profile')}`, '--headless', '--convert-to', 'xlsx', '--outdir', outDir, ...cases.map((c) => cli.file(`${c.name}-out.xlsx`))], { encoding: 'utf8', timeout: 400_000 });
    console.log(`LibreOffice opened, calculated and saved ${cases.length} workbooks in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(r.status).toBe(0);

    for (const c of cases) {
      const calculated = path.join(outDir, `${c.name}-out.xlsx`);
      const monthly = computed(calculated, '月度得分');
      const annual = computed(calculated, '年度汇总');
      const expected = portablePlans(c.grids);
      expect({ case: c.name, differences: differences(monthly, annual, expected.result, expected.ledger, expected.ruleSet) }).toEqual({ case: c.name, differences: [] });
      const shown = [...monthly.rows.flat(), ...annual.rows.flat()];
      expect({ case: c.name, errors: shown.filter((v) => typeof v === 'string' && /^(#|Err:)/.test(v)) }).toEqual({ case: c.name, errors: [] });
      if (c.name === 'sample' || c.name === 'edited') expect(shown.filter((v) => v === BAD_DATA).length).toBeGreaterThan(0);
      if (c.name === 'edited') expect(annual.rows[2][annual.header.indexOf('年度得分')]).toBe('待核实');
    }
  }, 600_000);
});
