/**
 * The benchmark's yardstick: the same rubric written as native worksheet formulas (IF, MIN, MAX,
 * VLOOKUP, ROUNDUP), one row per ledger row and one cell per indicator, so a formula engine can
 * say what the rubric costs when no custom function is called. It reads clean data the way the
 * engine reads it (a blank count is 0, a flag's 是 or not-applicable answer is met) and has none of
 * spec §5's checks: it is a measure of cost, checked against the engine's totals before it is timed.
 */
import type { HyperFormula, RawCellContent } from 'hyperformula';
import { reportedItems } from '../src/engine/compile';
import { fieldDef } from '../src/fields';
import type { SheetGrid } from '../src/ledger/types';
import { columnLetter } from '../src/read/address';
import { ledgerFromGrids } from '../src/read/ledgerGrids';
import type { ScoreResult } from '../src/result';
import { HESHAN_2024 } from '../src/rules/heshan2024';
import type { Indicator, Measure, Quantity, RuleSet, Target } from '../src/rules/vocabulary';

export const NATIVE_SHEET = '原生得分';

export interface NativeWorkbook {
  sheets: Record<string, RawCellContent[][]>;
  /** Monthly totals computed by the native formulas against the engine's: how many checked, how many differ. */
  check(hf: HyperFormula, result: ScoreResult): { checked: number; wrong: number };
}

const typed = (v: unknown): RawCellContent => (typeof v === 'string' ? `'${v}` : (v as RawCellContent));

export function nativeWorkbook(grids: readonly SheetGrid[], ruleSet: RuleSet = HESHAN_2024): NativeWorkbook {
  const raw = ledgerFromGrids(grids, { source: 'native' });
  const paramsGrid = grids.find((g) => g.name === '参数')!;
  const columnOf = new Map(raw.mapping.columns.flatMap((c) => (c.target ? [[c.target.key, c.column] as const] : [])));
  const paramHeader = (paramsGrid.rows[0] as string[]).map((h) => String(h));
  const L = `'${raw.sheet}'`;

  const rows: RawCellContent[][] = [];
  const items = reportedItems(ruleSet);
  for (const r of raw.rows) {
    const at = (key: string) => `${L}!$${columnLetter(columnOf.get(key)!)}${r.row}`;
    const month = at('month');
    const field = (key: string): string => {
      const def = fieldDef(key);
      if (def.param && !columnOf.has(key)) {
        const k = paramHeader.indexOf(def.zh) + 1;
        return `VLOOKUP(${month},'参数'!$A$2:$F$13,${k},FALSE())`;
      }
      const cell = at(key);
      if (def.kind === 'flag') return `IF(OR(${[...['是', 'TRUE', '1'], ...(def.notApplicable ?? [])].map((w) => `${cell}="${w}"`).join(',')}),1,0)`;
      if (def.kind === 'rate') return `IF(${cell}>1,${cell}/100,${cell})`;
      return `N(${cell})`;
    };
    const quantity = (q: Quantity) => `(${[q.plus.map(field).join('+'), ...(q.minus ?? []).map((k) => `-${field(k)}`)].join('')})`;
    const target = (t: Target) => (typeof t === 'number' ? String(t) : field(t.field));
    const measure = (m: Measure): string => {
      switch (m.kind) {
        case 'field':
          return field(m.field);
        case 'ratio':
          return `IF(${quantity(m.den)}<=0,1,${quantity(m.num)}/${quantity(m.den)})`;
        case 'complement':
          return `IF(${field(m.total)}<=0,1,(${field(m.total)}-${field(m.part)})/${field(m.total)})`;
        case 'completion': {
          const goal = `${target(m.target)}*${m.factor ?? 1}`;
          const g = m.minTarget === undefined ? goal : `MAX(${m.minTarget},${goal})`;
          return `IF(${g}<=0,1,MIN(1,${quantity(m.value)}/${g}))`;
        }
      }
    };
    const clamp = (max: number, x: string) => `MIN(${max},MAX(0,${x}))`;
    const points = (ind: Indicator): string => {
      const s = ind.scoring;
      const max = ind.max;
      const m = measure(ind.measure);
      switch (s.kind) {
        case 'belowTarget': {
          const short = `MAX(0,${target(s.target)}-${m})*${s.unit === 'pp' ? 100 : 1}`;
          const step = s.unit === 'pp' && ruleSet.scoring.deductionStep === 'ceil' ? `ROUNDUP(ROUND(${short},9),0)` : `(${short})`;
          return clamp(max, `${max}-${s.perPoint}*${step}`);
        }
        case 'perCase':
          return clamp(max, `${max}-${s.perCase}*${m}`);
        case 'proportional': {
          const base = clamp(max, `${max}*${m}`);
          return s.gates?.length ? `IF(AND(${s.gates.map((g) => `${measure(g)}>=1`).join(',')}),${base},0)` : base;
        }
        case 'allOrNothing':
          return `IF(${m}>=${s.target},${max},0)`;
        case 'graded': {
          const grades = [...s.grades].sort((a, b) => b[0] - a[0]);
          return clamp(max, grades.reduceRight((rest, [mark, p]) => `IF(${m}>=${mark},${p},${rest})`, '0'));
        }
        case 'perItem':
          return clamp(max, `${s.pointsEach}*${m}`);
        case 'subTargets':
          return clamp(max, `${max}-${s.perFailed}*(${s.targets.map((t) => `IF(${measure(t.measure)}<${t.atLeast},1,0)`).join('+')})`);
        case 'judged':
          return clamp(max, m);
        case 'judgedDeduction':
          return clamp(max, `${max}-${m}`);
        default:
          // The yardstick measures the Heshan rubric; 通用公式 (src/output/portable) writes every rule type.
          throw new Error(`the native yardstick has no formula for rule type ${s.kind}`);
      }
    };
    const indicator = (ind: Indicator): string => {
      let x = points(ind);
      if (ind.assessedFromMonth) x = `IF(${month}<${ruleSet.scoring.assessedFromMonth},${ind.max},${x})`;
      if (ind.appliesTo) x = `IF(${at('type')}="${ind.appliesTo}",${x},0)`;
      return x;
    };
    const cells = items.map((item) => `=${item.cap !== undefined ? `MIN(${item.cap},${item.indicators.map(indicator).join('+')})` : indicator(item.indicators[0])}`);
    const first = columnLetter(0);
    const last = columnLetter(items.length - 1);
    rows.push([...cells, `=SUM(${first}${rows.length + 1}:${last}${rows.length + 1})`]);
  }

  const sheets: Record<string, RawCellContent[][]> = {};
  for (const g of grids) sheets[g.name] = g.rows.map((row) => row.map(typed));
  sheets[NATIVE_SHEET] = rows;
  return {
    sheets,
    check(hf, result) {
      const sheet = hf.getSheetId(NATIVE_SHEET)!;
      const totals = new Map(result.units.flatMap((u) => u.months.map((m) => [`${u.unit}\u0000${m.month}`, m.total] as const)));
      let wrong = 0;
      raw.rows.forEach((r, i) => {
        const want = totals.get(`${String(r.attributes.unit!.value)}\u0000${Number(r.attributes.month!.value)}`);
        const got = hf.getCellValue({ sheet, row: i, col: items.length });
        if (typeof want !== 'number' || typeof got !== 'number' || Math.abs(want - got) > 1e-9) wrong++;
      });
      return { checked: raw.rows.length, wrong };
    },
  };
}
