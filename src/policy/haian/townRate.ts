/**
 * A town's registered unemployment rate against the seed's ceiling. 三(二)1：「各区镇、街道要通过就业
 * 创业服务将本辖区城镇登记失业率控制在3%以内」. Rate = registered unemployed ÷ labour force (employed
 * plus registered unemployed); 「以内」 includes 3 % itself. The seed attaches no points to it: a town
 * is 达标 or 未达标.
 */
import { excelRound } from '../../engine/excelRound';
import { readNumberText } from '../../ledger/cells';
import type { CellValue, SheetGrid } from '../../ledger/types';
import { addressesIn } from '../../read/address';
import { cellAt, isBlankRow } from '../../read/sheetCells';
import { TOWN_FIELDS, fieldName, plainWords, type TownFieldKey } from './fields';
import { columnOf, detectFieldHeader, type ColumnOverrides } from '../../read/fieldHeader';
import { locatedMessage, type HaianIssue } from './issues';
import { HAIAN_2021, HaianInputError, type HaianSettings } from './settings';

export interface TownLabour {
  town: string;
  /** People: the town's labour force (employed + registered unemployed), > 0. */
  laborForce: number;
  /** People: registered unemployed, 0 … laborForce. */
  registeredUnemployed: number;
  /** Where the figures were read, when from a sheet. */
  cells?: { laborForce?: string; registeredUnemployed?: string };
}

export interface TownRate {
  rate: number;
  /** The rate in percent, 2 decimals as Excel rounds: 3.1 for 3.10 %. */
  percent: number;
  meets: boolean;
  /** `登记失业12人÷劳动力400人＝3.00%，不高于3%，达标`. */
  explanation: string;
}

const pct = (x: number): string => `${Number((x * 100).toFixed(6))}%`;

export function townUnemploymentRate(input: { laborForce: number; registeredUnemployed: number }, settings: HaianSettings = HAIAN_2021): TownRate {
  const { laborForce, registeredUnemployed } = input;
  if (!Number.isFinite(laborForce) || laborForce <= 0) throw new HaianInputError(`「劳动力人数」必须大于0，读到${laborForce}`, 'laborForce');
  if (!Number.isFinite(registeredUnemployed) || registeredUnemployed < 0) {
    throw new HaianInputError(`「登记失业人数」不能为负数，读到${registeredUnemployed}`, 'registeredUnemployed');
  }
  if (registeredUnemployed > laborForce) {
    throw new HaianInputError(`「登记失业人数」${registeredUnemployed}多于「劳动力人数」${laborForce}`, 'registeredUnemployed');
  }
  const rate = registeredUnemployed / laborForce;
  const ceiling = settings.unemploymentRateCeiling;
  const meets = settings.unemploymentRateInclusive ? rate <= ceiling : rate < ceiling;
  const percent = excelRound(rate * 100, 2);
  const against = rate === ceiling ? `等于${pct(ceiling)}` : rate < ceiling ? `低于${pct(ceiling)}` : `高于${pct(ceiling)}`;
  return {
    rate,
    percent,
    meets,
    explanation: `登记失业${registeredUnemployed}人÷劳动力${laborForce}人＝${percent.toFixed(2)}%，${against}，${meets ? '达标' : '未达标'}`,
  };
}

/** The key a town is compared by: 海安街道 and ` 海安街道 ` are one town. */
export function townKey(name: string): string {
  return plainWords(name);
}

function readPeople(v: CellValue, field: string, mustBePositive: boolean): { ok: true; value: number } | { ok: false; error: string } {
  if (v === null || (typeof v === 'string' && v.trim() === '')) return { ok: false, error: `「${field}」未填写` };
  const n = typeof v === 'number' ? { value: v, percent: false } : typeof v === 'string' ? readNumberText(v) : null;
  if (n === null || !Number.isFinite(n.value)) return { ok: false, error: `「${field}」不是有效的数字：「${v instanceof Date ? v.toISOString().slice(0, 10) : String(v)}」` };
  if (n.percent) return { ok: false, error: `「${field}」应为人数，不应是百分比：「${String(v)}」` };
  if (n.value < 0) return { ok: false, error: `「${field}」不能为负数：${n.value}` };
  if (!Number.isInteger(n.value)) return { ok: false, error: `「${field}」应为整数人数，读到${n.value}` };
  if (mustBePositive && n.value === 0) return { ok: false, error: `「${field}」必须大于0` };
  return { ok: true, value: n.value };
}

/**
 * The per-town table (区镇(街道), 劳动力人数, 登记失业人数), found by its header below any title
 * rows. A bad figure is an error naming the town and cell; that town then has no rate.
 */
export interface TownTable {
  towns: TownLabour[];
  /** Towns named in the table whose figures are bad (their errors are in `issues`): no rate, no further warning. */
  invalidTowns: string[];
  issues: HaianIssue[];
}

export function readTownTable(grid: SheetGrid, overrides: ColumnOverrides<TownFieldKey> = {}): TownTable {
  const header = detectFieldHeader(grid, TOWN_FIELDS, overrides);
  const issues: HaianIssue[] = [];
  const towns: TownLabour[] = [];
  const invalidTowns: string[] = [];
  const sheetIssue = (message: string): HaianIssue => ({ severity: 'error', town: null, community: null, person: null, field: null, cell: null, message, blocks: [] });
  const cols = { town: columnOf(header, 'town'), laborForce: columnOf(header, 'laborForce'), registeredUnemployed: columnOf(header, 'registeredUnemployed') };
  const absent = (Object.keys(cols) as TownFieldKey[]).filter((k) => cols[k] === null);
  if (absent.length) {
    issues.push(sheetIssue(`${grid.name}：未找到${absent.map((k) => `「${fieldName(k, true)}」`).join('、')}列，无法计算各区镇城镇登记失业率`));
    return { towns, invalidTowns, issues };
  }
  const address = addressesIn(grid.name);
  const seen = new Map<string, number>();
  for (let r = header.firstDataRow; r < grid.rows.length; r++) {
    if (isBlankRow(grid.rows[r])) continue;
    const townCell = cellAt(grid, r, cols.town!);
    const town = townCell === null ? '' : String(townCell).trim();
    if (['合计', '总计', '小计', '全市'].includes(plainWords(town))) continue;
    if (town === '') {
      issues.push({ ...sheetIssue(locatedMessage(address(r, cols.town!), null, '「区镇(街道)」未填写，该行未计入')), field: '区镇(街道)', cell: address(r, cols.town!) });
      continue;
    }
    const key = townKey(town);
    if (seen.has(key)) {
      issues.push({ ...sheetIssue(locatedMessage(address(r, cols.town!), town, `区镇「${town}」与第${seen.get(key)! + 1}行重复，该行未计入`)), town, field: '区镇(街道)', cell: address(r, cols.town!) });
      continue;
    }
    seen.set(key, r);
    const lfCell = address(r, cols.laborForce!);
    const ruCell = address(r, cols.registeredUnemployed!);
    const lf = readPeople(cellAt(grid, r, cols.laborForce!), '劳动力人数', true);
    const ru = readPeople(cellAt(grid, r, cols.registeredUnemployed!), '登记失业人数', false);
    const bad = (cell: string, field: string, error: string): HaianIssue => ({
      severity: 'error', town, community: null, person: null, field, cell, message: locatedMessage(cell, town, `${error}，该区镇城镇登记失业率无法计算`), blocks: [],
    });
    if (!lf.ok) issues.push(bad(lfCell, '劳动力人数', lf.error));
    if (!ru.ok) issues.push(bad(ruCell, '登记失业人数', ru.error));
    if (lf.ok && ru.ok && ru.value > lf.value) {
      issues.push(bad(ruCell, '登记失业人数', `「登记失业人数」${ru.value}多于「劳动力人数」${lf.value}`));
    }
    if (!lf.ok || !ru.ok || ru.value > lf.value) {
      invalidTowns.push(town);
      continue;
    }
    towns.push({ town, laborForce: lf.value, registeredUnemployed: ru.value, cells: { laborForce: lfCell, registeredUnemployed: ruCell } });
  }
  return { towns, invalidTowns, issues };
}
