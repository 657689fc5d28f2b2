/**
 * Seeded fuzz test (issue 11, item 6): a clean generated district (8 units × 12 months, no planted
 * bad cells), read as grids through ledgerFromGrids and scored by scoreLedger, is corrupted at 1–3
 * random input cells per case. Every corruption must end as README "Bad input" / spec §5 says:
 *
 * - error: one error located at exactly that cell, naming the unit, month and field; the reported
 *   items that read the field, and the month's total, null in that unit-month;
 * - same: a documented acceptance of the same value (number as text, full-width digits, spaces,
 *   thousands commas, percent text, a bare percentage with one warning at that cell, a blank count
 *   or blank deduction that was 0), scoring exactly as the clean cell;
 * - other: a value read as the different number it is (a blank count is 0, a non-integer count or
 *   a negative 分数 with one warning at that cell, very large numbers, a rate at 0 or 100 %): no
 *   error, the items reading it may change but are scored, the unit's annual may change.
 *
 * Everything else must score as on the clean ledger: no error or warning at any other cell (a
 * unit-level warning without a cell only for a unit with an error: the months it could not score),
 * every untouched unit-month with the clean indicators, total and notes, every item of a touched
 * unit-month that reads no corrupted field unchanged, the annual of every unit without an error or
 * an "other" change unchanged; every item within [0, max], every total the sum of its items, no NaN
 * or Infinity anywhere in the result, no exception.
 *
 * Each run draws a new seed and prints it; FUZZ_SEED=<seed> replays a run, FUZZ_SEED=<seed>
 * FUZZ_CASE=<n> one case of it, FUZZ_CASES=<n> sets the number of cases (default 300).
 *
 * Left out on purpose: a bare rate number ≤ 1 (0.95 vs 95 is the documented ambiguity: "1" is
 * 100 %); flag spellings other than the ledger's 是/否/无新进人员 (README says nothing of them) and
 * 无 in a flag (it might mean 无新进人员); "other" changes on either side of a part–whole pair (a
 * blank whole read as 0 makes an error at its untouched part cell, rightly, which this test would
 * have to predict). Fields a unit-month does not read (a 村 field on a 社区 row, the 2a/2b training
 * flags before the assessed-from month) are not corrupted: README says nothing of them.
 */
import { prng } from '../helpers/prng';
import { fuzzSeeds } from '../helpers/fuzzSeeds';
import { BUILT_IN_FIELDS, FIELD_BY_KEY, type FieldDef } from '../../src/fields';
import { compileRuleSet, notForType } from '../../src/engine/compile';
import type { CellValue, SheetGrid } from '../../src/ledger/types';
import { ledgerFromGrids } from '../../src/read/ledgerGrids';
import type { MonthResult, ScoreResult } from '../../src/result';
import { HESHAN_2024 } from '../../src/rules/heshan2024';
import { generateDistrict, ledgerColumns } from '../../src/sample/generateLedger';
import { scoreLedger } from '../../src/score';
import { districtGrids } from '../helpers/districtGrids';

/* ---------- Seeds ---------- */

const { runSeed: RUN_SEED, onlyCase: ONLY_CASE, cases: CASES, caseSeed } = fuzzSeeds(300);

/** The shared seeded generator (mulberry32). */
const rng = prng;
type Rng = ReturnType<typeof rng>;

/* ---------- The clean district ---------- */

const district = generateDistrict({ units: 8, badCells: false });
const [ledgerGrid, paramsGrid] = districtGrids({ units: 8, badCells: false });
const columns = ledgerColumns();
const columnIndex = new Map(columns.map((c, i) => [c.key, i]));
const scoreGrid = (grid: SheetGrid): ScoreResult => scoreLedger(ledgerFromGrids([grid, paramsGrid], { source: 'fuzz' }));

const cleanRaw = ledgerFromGrids([ledgerGrid, paramsGrid], { source: 'fuzz' });
const clean = scoreGrid(ledgerGrid);

/* ---------- What each unit-month reads (src/ledger/build.ts `applicable`) ---------- */

const rubric = compileRuleSet(HESHAN_2024);
const itemMax = new Map(rubric.items.map((i) => [i.code, i.max]));

/** For a (type, month): field → the reported items (E1 … P2 bucket) that read it. */
function readersOf(type: '社区' | '村', month: number): Map<string, Set<string>> {
  const code = rubric.typeCode(type);
  const readers = new Map<string, Set<string>>();
  for (const item of rubric.items) {
    if (notForType(item, code)) continue;
    for (const ind of item.indicators) {
      if (ind.assessedFromMonth && month < HESHAN_2024.scoring.assessedFromMonth) continue;
      if (ind.appliesTo !== undefined && !ind.appliesTo.includes(type)) continue;
      for (const field of rubric.fieldsOf(ind.code)) {
        const set = readers.get(field) ?? new Set<string>();
        set.add(item.code);
        readers.set(field, set);
      }
    }
  }
  return readers;
}
const readersCache = new Map<string, Map<string, Set<string>>>();
const readers = (type: '社区' | '村', month: number) => {
  const key = `${type}:${month}`;
  if (!readersCache.has(key)) readersCache.set(key, readersOf(type, month));
  return readersCache.get(key)!;
};

interface RowInfo {
  unit: string;
  month: number;
  type: '社区' | '村';
  /** Ledger input fields this unit-month reads (the only cells corrupted). */
  fields: string[];
}
const rowInfo: RowInfo[] = district.rows.map((row) => {
  const type = row.type as '社区' | '村';
  const month = row.month as number;
  const read = readers(type, month);
  return { unit: row.unit as string, month, type, fields: columns.filter((c) => FIELD_BY_KEY.has(c.key) && read.has(c.key)).map((c) => c.key) };
});
const cellAddress = (row: number, key: string): string => cleanRaw.rows[row].fields[key].cell;

const wholeOf = new Map(BUILT_IN_FIELDS.partsOfWholes.map(([part, whole]) => [part, whole]));
const inPair = new Set(BUILT_IN_FIELDS.partsOfWholes.flat());

/* ---------- Corruptions ---------- */

type Outcome = 'error' | 'same' | 'other';

interface Target {
  row: number;
  key: string;
  def: FieldDef;
  value: CellValue;
}

interface Kind {
  name: string;
  outcome: Outcome;
  /** For 'same' and 'other': one warning at the cell (else none). */
  warns?: boolean;
  applies(t: Target): boolean;
  make(t: Target, r: Rng): CellValue;
}

const FULL_WIDTH: Record<string, string> = { '.': '．', '%': '％', '-': '－' };
const fullWidth = (s: string) => s.replace(/[0-9.%-]/g, (c) => FULL_WIDTH[c] ?? String.fromCharCode(c.charCodeAt(0) - 48 + 0xff10));
const SPACES = [' ', '  ', '\u3000', '\t'];
const numeric = (t: Target) => t.def.kind !== 'flag' && typeof t.value === 'number';
const isCount = (t: Target) => (t.def.kind === 'count' || t.def.kind === 'size') && typeof t.value === 'number';
const isRate = (t: Target) => t.def.kind === 'rate' && typeof t.value === 'number';
/** A rate as percent text when it has an exact short decimal: 0.947 → "94.7". */
const percentOf = (v: number): string | null => {
  const p = Math.round(v * 1e6) / 1e4;
  return Math.round(v * 1e6) / 1e6 === v ? String(p) : null;
};
/** Cells a blank makes an error: sizes, rates, flags, and 分数 whose blank is not 0 (src/ledger/cells.ts). */
const blankIsError = (def: FieldDef) => def.kind === 'size' || def.kind === 'rate' || def.kind === 'flag' || (def.kind === 'points' && !def.blankIsZero);
const BLANKS: CellValue[] = [null, '', ' ', '\u3000'];

const KINDS: readonly Kind[] = [
  // Documented acceptances of the same value.
  { name: 'number as text', outcome: 'same', applies: numeric, make: (t) => String(t.value) },
  { name: 'full-width digits', outcome: 'same', applies: numeric, make: (t) => fullWidth(String(t.value)) },
  { name: 'padded with spaces', outcome: 'same', applies: numeric, make: (t, r) => `${r.pick(SPACES)}${String(t.value)}${r.pick(SPACES)}` },
  {
    name: 'rate as percent text', outcome: 'same', applies: (t) => isRate(t) && percentOf(t.value as number) !== null,
    make: (t, r) => {
      const text = `${percentOf(t.value as number)}${r.pick(['%', '％', ' %'])}`;
      return r.next() < 0.3 ? fullWidth(text) : text;
    },
  },
  {
    // README: "a bare 95 in a rate field is read as 95 % with a warning" (only above 1: a bare 1 is 100 %).
    name: 'rate as a bare percentage', outcome: 'same', warns: true,
    applies: (t) => isRate(t) && percentOf(t.value as number) !== null && (t.value as number) * 100 > 1,
    make: (t, r) => (r.next() < 0.5 ? Number(percentOf(t.value as number)) : percentOf(t.value as number)),
  },
  {
    name: 'blank count that was 0', outcome: 'same',
    applies: (t) => t.value === 0 && (t.def.kind === 'count' || (t.def.kind === 'points' && t.def.blankIsZero === true)),
    make: (_t, r) => r.pick(BLANKS),
  },
  {
    // src/ledger/cells.ts: "thousands commas".
    name: 'thousands commas', outcome: 'same', applies: (t) => isCount(t) && (t.value as number) >= 1000,
    make: (t) => (t.value as number).toLocaleString('en-US'),
  },

  // Read as the different number they are.
  { name: 'blank count (read as 0)', outcome: 'other', applies: (t) => t.def.kind === 'count' && t.value !== 0 && !inPair.has(t.key), make: (_t, r) => r.pick(BLANKS) },
  {
    name: 'non-integer count', outcome: 'other', warns: true, applies: (t) => t.def.kind === 'count' && typeof t.value === 'number' && !inPair.has(t.key),
    make: (t, r) => {
      const v = (t.value as number) + r.pick([0.5, 0.25, 0.1]);
      return r.next() < 0.5 ? v : String(v);
    },
  },
  {
    // README: a count beyond ten times the unit-month's 劳动力总数 is read as written, with a warning.
    name: 'very large count', outcome: 'other', warns: true, applies: (t) => t.def.kind === 'count' && t.def.zh.endsWith('人数') && !inPair.has(t.key),
    make: (_t, r) => r.pick<CellValue>([1e308, 2.5e9, '1e15', '９９９９９９', 1e6]),
  },
  {
    name: 'very large number', outcome: 'other', applies: (t) => (t.def.kind === 'count' && !t.def.zh.endsWith('人数') && !inPair.has(t.key)) || t.def.kind === 'points',
    make: (_t, r) => r.pick<CellValue>([1e308, 2.5e9, '1e15', '９９９９９９', 1e6]),
  },
  { name: 'negative 分数', outcome: 'other', warns: true, applies: (t) => t.def.kind === 'points', make: (_t, r) => -r.int(1, 40) / 2 },
  { name: 'rate at 0 or 100%', outcome: 'other', applies: isRate, make: (_t, r) => r.pick<CellValue>([0, 1, '0%', '100%', '１００％']) },

  // Located errors.
  {
    name: 'negative', outcome: 'error', applies: (t) => isCount(t) || isRate(t),
    make: (t, r) => {
      if (t.def.kind === 'rate') return r.pick<CellValue>([-(r.int(1, 100) / 100), `-${r.int(1, 100)}%`, -r.int(1, 100)]);
      const n = -r.int(1, 200);
      return r.next() < 0.5 ? n : String(n);
    },
  },
  {
    name: 'text that is not a number', outcome: 'error', applies: (t) => t.def.kind !== 'flag',
    make: (_t, r) => r.pick(['无', 'abc', '#N/A', '#VALUE!', '不详', '—', '1O', '12人', '约10', '/', '1e400', '1.2.3']),
  },
  { name: 'flag text that is not 是/否', outcome: 'error', applies: (t) => t.def.kind === 'flag', make: (_t, r) => r.pick(['abc', '#N/A', '不详', '待定', '?']) },
  { name: 'logical value in a number cell', outcome: 'error', applies: (t) => t.def.kind !== 'flag', make: (_t, r) => r.next() < 0.5 },
  {
    name: 'percent in a count or 分数', outcome: 'error', applies: (t) => isCount(t) || (t.def.kind === 'points' && typeof t.value === 'number'),
    make: (t, r) => `${String(t.value)}${r.pick(['%', '％'])}`,
  },
  {
    name: 'rate above 100%', outcome: 'error', applies: isRate,
    make: (_t, r) => {
      const p = r.int(1001, 3000) / 10;
      return r.pick<CellValue>([`${p}%`, fullWidth(`${p}%`), p, String(p)]);
    },
  },
  { name: 'date in a cell', outcome: 'error', applies: () => true, make: (_t, r) => new Date(Date.UTC(2024, r.int(0, 11), r.int(1, 28))) },
  { name: 'zero size', outcome: 'error', applies: (t) => t.def.kind === 'size', make: (_t, r) => r.pick<CellValue>([0, '0', '０']) },
  { name: 'blank where a value is required', outcome: 'error', applies: (t) => blankIsError(t.def), make: (_t, r) => r.pick(BLANKS) },
  {
    name: 'part larger than its whole', outcome: 'error',
    applies: (t) => wholeOf.has(t.key) && typeof t.value === 'number' && rowInfo[t.row].fields.includes(wholeOf.get(t.key)!),
    make: (t, r) => (district.rows[t.row][wholeOf.get(t.key)!] as number) + r.int(1, 20),
  },
];

interface Corruption {
  row: number;
  key: string;
  cell: string;
  kind: Kind;
  from: CellValue;
  to: CellValue;
}

const OUTCOME_ZH: Record<Outcome, string> = { error: '错误', same: '接受且得分不变', other: '按所填数值读取' };
const show = (v: CellValue) => (v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' ? JSON.stringify(v) : String(v));
const described = (c: Corruption) => `${c.cell} ${rowInfo[c.row].unit}${rowInfo[c.row].month}月「${FIELD_BY_KEY.get(c.key)!.zh}」${show(c.from)}→${show(c.to)} (${c.kind.name}, 应为${OUTCOME_ZH[c.kind.outcome]}${c.kind.warns ? '并警告' : ''})`;

/**
 * 1–3 corruptions at distinct cells. A part made larger than its whole keeps the whole's cell (and
 * no other corruption touches the pair's cells), so the comparison it needs is still there.
 */
function corruptionsFor(r: Rng): Corruption[] {
  const count = r.int(1, 3);
  const taken = new Set<string>();
  const out: Corruption[] = [];
  // The kind first, then a cell it applies to: every kind is drawn about equally often.
  for (let attempt = 0; out.length < count && attempt < 50; attempt++) {
    const kind = r.pick(KINDS);
    for (let tries = 0; tries < 200; tries++) {
      const row = r.int(0, district.rows.length - 1);
      const key = r.pick(rowInfo[row].fields);
      if (taken.has(`${row}:${key}`)) continue;
      const target: Target = { row, key, def: FIELD_BY_KEY.get(key)!, value: district.rows[row][key] ?? null };
      if (!kind.applies(target)) continue;
      if (kind.name === 'part larger than its whole') {
        const whole = wholeOf.get(key)!;
        if (taken.has(`${row}:${whole}`)) continue;
        taken.add(`${row}:${whole}`);
      }
      taken.add(`${row}:${key}`);
      out.push({ row, key, cell: cellAddress(row, key), kind, from: target.value, to: kind.make(target, r) });
      break;
    }
  }
  return out;
}

/* ---------- Checks ---------- */

function nonFinite(value: unknown, path: string, out: string[]): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push(`${path} = ${value}`);
  } else if (Array.isArray(value)) value.forEach((v, i) => nonFinite(v, `${path}[${i}]`, out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) nonFinite(v, `${path}.${k}`, out);
}

const monthKey = (unit: string, month: number) => `${unit}\u0000${month}`;
function monthsOf(result: ScoreResult): Map<string, MonthResult> {
  const map = new Map<string, MonthResult>();
  for (const u of result.units) for (const m of u.months) map.set(monthKey(u.unit, m.month), m);
  return map;
}
const cleanMonths = monthsOf(clean);
const cleanAnnual = new Map(clean.units.map((u) => [u.unit, u.annual]));

/** Everything that went wrong with one case, in words. */
function check(corruptions: readonly Corruption[], result: ScoreResult): string[] {
  const problems: string[] = [];
  const byCell = new Map(corruptions.map((c) => [c.cell, c]));

  // (4) No NaN or Infinity anywhere.
  const bad: string[] = [];
  nonFinite(result, 'result', bad);
  if (bad.length) problems.push(`非有限数: ${bad.slice(0, 5).join(', ')}`);

  // (1) Every error corruption: one error at its cell naming its unit, month and field.
  for (const c of corruptions) {
    const info = rowInfo[c.row];
    const zh = FIELD_BY_KEY.get(c.key)!.zh;
    const errors = result.errors.filter((e) => e.cell === c.cell);
    const warnings = result.warnings.filter((w) => w.cell === c.cell);
    if (c.kind.outcome === 'error') {
      if (errors.length !== 1) problems.push(`${c.cell}: 应有1条错误，实有${errors.length}条 ${JSON.stringify(errors.map((e) => e.message))}`);
      for (const e of errors) {
        if (e.unit !== info.unit || e.month !== info.month || e.field !== zh) {
          problems.push(`${c.cell}: 错误应为 ${info.unit}/${info.month}月/「${zh}」，实为 ${e.unit}/${e.month}月/「${e.field}」`);
        }
        if (!/[\u4e00-\u9fff]/.test(e.message)) problems.push(`${c.cell}: 错误信息不是中文：${e.message}`);
      }
      if (warnings.length) problems.push(`${c.cell}: 错误单元格另有警告 ${JSON.stringify(warnings.map((w) => w.message))}`);
    } else {
      if (errors.length) problems.push(`${c.cell}: 应被接受，却有错误 ${JSON.stringify(errors.map((e) => e.message))}`);
      const wanted = c.kind.warns ? 1 : 0;
      // The ten-times check needs the row's 劳动力总数: another corruption of it may leave nothing to compare with.
      const laborChanged = c.kind.name === 'very large count' && corruptions.some((o) => o.row === c.row && o.key === 'laborForce');
      if (warnings.length !== wanted && !(laborChanged && warnings.length === 0)) problems.push(`${c.cell}: 应有${wanted}条警告，实有${warnings.length}条 ${JSON.stringify(warnings.map((w) => w.message))}`);
      for (const w of warnings) {
        if (w.unit !== info.unit || w.month !== info.month || w.field !== zh) {
          problems.push(`${c.cell}: 警告应为 ${info.unit}/${info.month}月/「${zh}」，实为 ${w.unit}/${w.month}月/「${w.field}」`);
        }
      }
    }
  }

  // (2) Nothing at any other cell; no issue without a cell beyond the clean ledger's, except a
  // unit-level warning (months not scored, R9) for a unit with an error.
  const errorUnits = new Set(corruptions.filter((c) => c.kind.outcome === 'error').map((c) => rowInfo[c.row].unit));
  const cleanUncelled = new Set([...clean.errors, ...clean.warnings].filter((i) => i.cell === null).map((i) => i.message));
  for (const [what, list] of [['错误', result.errors], ['警告', result.warnings]] as const) {
    for (const i of list) {
      if (i.cell !== null) {
        if (!byCell.has(i.cell)) problems.push(`未改动的单元格 ${i.cell} 有${what}：${i.message}`);
      } else if (!cleanUncelled.has(i.message) && !(what === '警告' && i.month === null && i.unit !== null && errorUnits.has(i.unit))) {
        problems.push(`无单元格的${what}（${i.unit ?? '-'}/${i.month ?? '-'}）：${i.message}`);
      }
    }
  }

  // (3) Unit-months: untouched ones as clean. In touched ones: the items reading an error's field
  // null (and the total), the items reading an "other" change scored, every other item as clean.
  const months = monthsOf(result);
  if (months.size !== cleanMonths.size) problems.push(`单位月份数 ${months.size}，干净台账为 ${cleanMonths.size}`);
  const blockedIn = new Map<string, Set<string>>();
  const changedIn = new Map<string, Set<string>>();
  const touched = new Set<string>();
  for (const c of corruptions) {
    const info = rowInfo[c.row];
    const key = monthKey(info.unit, info.month);
    touched.add(key);
    if (c.kind.outcome === 'same') continue;
    const map = c.kind.outcome === 'error' ? blockedIn : changedIn;
    const set = map.get(key) ?? new Set<string>();
    for (const item of readers(info.type, info.month).get(c.key) ?? []) set.add(item);
    map.set(key, set);
  }
  for (const [key, want] of cleanMonths) {
    const [unit, month] = key.split('\u0000');
    const got = months.get(key);
    const where = `${unit}${month}月`;
    if (!got) {
      problems.push(`${where} 不在结果中`);
      continue;
    }
    if (!touched.has(key)) {
      if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`${where} 未改动却与干净台账不同：${diffMonth(want, got)}`);
      continue;
    }
    const blocked = blockedIn.get(key) ?? new Set<string>();
    const changed = changedIn.get(key) ?? new Set<string>();
    const codes = new Set([...Object.keys(want.indicators), ...Object.keys(got.indicators)]);
    for (const code of codes) {
      const v = got.indicators[code];
      if (blocked.has(code)) {
        if (v !== null) problems.push(`${where} ${code} 应被错误阻断（null），实为 ${v}`);
      } else if (changed.has(code)) {
        if (v === null || v === undefined) problems.push(`${where} ${code} 应按所填数值计分，实为 ${v}`);
      } else if (!Object.is(v, want.indicators[code])) {
        problems.push(`${where} ${code} 应为 ${want.indicators[code]}（与干净台账相同），实为 ${v}`);
      }
    }
    if (blocked.size ? got.total !== null : changed.size ? got.total === null : !Object.is(got.total, want.total)) {
      problems.push(`${where} 合计应为 ${blocked.size ? null : changed.size ? '一个数' : want.total}，实为 ${got.total}`);
    }
  }

  // Every item within [0, max]; every total the sum of its items, null exactly when one is.
  for (const u of result.units) {
    for (const m of u.months) {
      const values = Object.entries(m.indicators);
      for (const [code, v] of values) {
        const max = itemMax.get(code);
        if (max === undefined) problems.push(`${u.unit}${m.month}月 未知指标 ${code}`);
        else if (v !== null && !(v >= 0 && v <= max + 1e-9)) problems.push(`${u.unit}${m.month}月 ${code}=${v} 不在 0–${max} 之间`);
      }
      const anyNull = values.some(([, v]) => v === null);
      const sum = values.reduce((a, [, v]) => a + (v ?? 0), 0);
      if (anyNull !== (m.total === null) || (m.total !== null && Math.abs(m.total - sum) > 1e-6)) {
        problems.push(`${u.unit}${m.month}月 合计 ${m.total} 与各项之和 ${anyNull ? '（有空项）' : sum} 不符`);
      }
    }
  }

  const unitsChanged = new Set(corruptions.filter((c) => c.kind.outcome !== 'same').map((c) => rowInfo[c.row].unit));
  for (const u of result.units) {
    if (!unitsChanged.has(u.unit) && !Object.is(u.annual, cleanAnnual.get(u.unit))) problems.push(`${u.unit} 年度得分 ${u.annual}，干净台账为 ${cleanAnnual.get(u.unit)}`);
  }
  return problems;
}

function diffMonth(want: MonthResult, got: MonthResult): string {
  const parts: string[] = [];
  for (const code of new Set([...Object.keys(want.indicators), ...Object.keys(got.indicators)])) {
    if (!Object.is(want.indicators[code], got.indicators[code])) parts.push(`${code} ${want.indicators[code]}→${got.indicators[code]}`);
  }
  if (!Object.is(want.total, got.total)) parts.push(`合计 ${want.total}→${got.total}`);
  if (JSON.stringify(want.notes) !== JSON.stringify(got.notes)) parts.push(`注 ${JSON.stringify(want.notes)}→${JSON.stringify(got.notes)}`);
  return parts.join('，') || '（结构不同）';
}

/* ---------- The run ---------- */

describe('fuzz: corrupted cells of the sample ledger', () => {
  it('the clean district scores without any issue', () => {
    expect(clean.errors).toEqual([]);
    expect(clean.warnings).toEqual([]);
    expect(cleanRaw.rows).toHaveLength(district.rows.length);
    expect(ledgerGrid.rows[0]).toEqual(columns.map((c) => c.header));
    expect(clean.summary.unitMonths).toBe(district.rows.length);
  });

  it(`every corruption is a located error or a documented acceptance (${ONLY_CASE === null ? CASES : 1} cases)`, () => {
    console.log(`fuzz seed ${RUN_SEED}; reproduce with FUZZ_SEED=${RUN_SEED} (one case: FUZZ_SEED=${RUN_SEED} FUZZ_CASE=<n>)`);
    const mismatches: string[] = [];
    const kindsSeen = new Map<string, number>();
    const cases = ONLY_CASE === null ? Array.from({ length: CASES }, (_, n) => n) : [ONLY_CASE];
    for (const n of cases) {
      const seed = caseSeed(n);
      const corruptions = corruptionsFor(rng(seed));
      const grid: SheetGrid = { ...ledgerGrid, rows: ledgerGrid.rows.slice() };
      for (const c of corruptions) {
        kindsSeen.set(c.kind.name, (kindsSeen.get(c.kind.name) ?? 0) + 1);
        const gridRow = (grid.rows[c.row + 1] = grid.rows[c.row + 1] === ledgerGrid.rows[c.row + 1] ? ledgerGrid.rows[c.row + 1].slice() : grid.rows[c.row + 1]);
        gridRow[columnIndex.get(c.key)!] = c.to;
      }
      let problems: string[];
      try {
        problems = check(corruptions, scoreGrid(grid));
      } catch (e) {
        problems = [`异常: ${e instanceof Error ? e.stack ?? e.message : String(e)}`];
      }
      if (problems.length) {
        mismatches.push(
          `#${n} (case seed ${seed}; FUZZ_SEED=${RUN_SEED} FUZZ_CASE=${n})\n    改动: ${corruptions.map(described).join('\n          ')}\n    问题: ${problems.join('\n          ')}`,
        );
      }
    }
    if (ONLY_CASE === null) {
      // Every kind drawn at least once in a full run (300 cases × ~2 corruptions make a miss unlikely).
      for (const k of KINDS) if (CASES >= 200 && !kindsSeen.has(k.name)) mismatches.push(`kind never drawn: ${k.name}`);
    }
    if (mismatches.length) {
      throw new Error(`${mismatches.length} fuzz case(s) failed, run seed ${RUN_SEED}:\n${mismatches.slice(0, 30).join('\n')}${mismatches.length > 30 ? `\n… and ${mismatches.length - 30} more` : ''}`);
    }
  });
});
