/**
 * The unit list a template is made for: a sheet (or CSV) with 单位名称 and, optionally, 类型, 所属乡镇
 * (所属街道), 老带新小组, 认定层级 and 年初创建单位. Its header is found as every table's is
 * (src/read/headerRow.ts, below title rows, through merged two-row headers) and its columns matched by
 * the same names and synonyms as the ledger's (src/read/fieldHeader.ts). Pure: grids in, units out.
 *
 * A list the template cannot be made from is refused whole, every bad cell named: no 单位名称 column, a
 * unit named twice, a 类型 that is none of the rubric's unit types (or missing where the name does not say it).
 */
import { ATTRIBUTES, HESHAN_UNIT_TYPES, type UnitAttributeKey, type UnitType, type UnitTypeDef } from '../../fields';
import type { CellValue, SheetGrid } from '../../ledger/types';
import { readText, readUnitType, unitNameKey } from '../../ledger/cells';
import { cellAddress } from '../../read/address';
import { matchHeaderText, type HeaderFieldDef } from '../../read/fieldHeader';
import { HEADER_SCAN_ROWS, scanHeader } from '../../read/headerRow';
import { isBlankCell, isBlankRow } from '../../read/sheetCells';

export interface TemplateUnit {
  name: string;
  type: UnitType;
  town: string | null;
  group: string | null;
  level: string | null;
  founding: boolean | null;
}

/** The per-unit columns a unit list may give besides the name and type. */
export type UnitDetailKey = 'town' | 'group' | 'level' | 'founding';
export const UNIT_DETAIL_KEYS: readonly UnitDetailKey[] = ['town', 'group', 'level', 'founding'];

export interface UnitList {
  units: TemplateUnit[];
  /** The sheet the list was read from. */
  sheet: string;
  /** The per-unit columns the list has (the template prefills and locks them; the others are left to fill). */
  details: ReadonlySet<UnitDetailKey>;
}

/** A unit list the template cannot be made from; `problems` are Chinese, each naming its cell. */
export class UnitListError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'UnitListError';
  }

  /** The problems to show: the first `most`, then how many more (a ledger given as a unit list repeats every unit). */
  shown(most = 20): string[] {
    return this.problems.length <= most ? [...this.problems] : [...this.problems.slice(0, most), `……另有 ${this.problems.length - most} 处`];
  }
}

type ListKey = 'unit' | 'type' | UnitDetailKey;

/** Wordings of unit lists that the ledger's own synonyms lack (a list is not a ledger: 所属街道 is common). */
const EXTRA_SYNONYMS: Partial<Record<ListKey, readonly string[]>> = {
  unit: ['单位名单', '社区(村)名单', '社区村'],
  town: ['所属街道', '所属街道(乡镇)', '街道(乡镇)', '所属镇(街道)', '镇(街道)', '所属镇街', '镇街'],
  group: ['老带新组别', '老带新分组'],
};

const LIST_KEYS: readonly ListKey[] = ['unit', 'type', 'town', 'group', 'level', 'founding'];
const LIST_FIELDS: readonly HeaderFieldDef<ListKey>[] = LIST_KEYS.map((key) => {
  const a = ATTRIBUTES.find((x) => x.key === (key as UnitAttributeKey))!;
  return { key, zh: a.zh, synonyms: [...a.synonyms, ...(EXTRA_SYNONYMS[key] ?? [])] };
});

/** Sheets named as a unit list are read first; otherwise the first sheet with a 单位名称 column. */
const LIST_SHEET_NAMES = ['单位信息', '单位名单', '单位列表', '单位', '社区(村)名单', '名单'];

interface ListHeader {
  firstDataRow: number;
  headerRow: number;
  columns: Map<ListKey, number>;
}

/**
 * Best-first assignment of the list's fields to the header's columns, as the ledger's columns are
 * assigned. A cell reading 社区 or 村 is a unit's type, never the 单位名称 header (it would match
 * 社区(村) once brackets are dropped), so a data row is not taken for the header.
 */
function readListHeader(grid: SheetGrid, unitTypes: readonly UnitTypeDef[]): ListHeader | null {
  const found = scanHeader(grid, (located) => {
    const offers = located.flatMap((col) =>
      col.texts
        .flatMap((text) => matchHeaderText(text, LIST_FIELDS).filter((m) => m.key !== 'unit' || !readUnitType(text, unitTypes).ok))
        .map((m) => ({ column: col.column, ...m })),
    );
    offers.sort((a, b) => b.confidence - a.confidence || a.column - b.column);
    const columns = new Map<ListKey, number>();
    const taken = new Set<number>();
    let score = 0;
    for (const o of offers) {
      if (columns.has(o.key) || taken.has(o.column)) continue;
      columns.set(o.key, o.column);
      taken.add(o.column);
      score += o.confidence;
    }
    // Without a 单位名称 column it is not a unit list, however much else matches.
    return { reading: columns, score: columns.has('unit') ? score : 0 };
  });
  if (!found) return null;
  return { firstDataRow: found.firstDataRow, headerRow: found.headerRows[found.headerRows.length - 1], columns: found.reading };
}

const sheetKey = (name: string) => name.normalize('NFKC').trim();

/** What a name says about its type: 「…社区」, 「…村委会」, 「…街道」 (the longest type word it ends with); null when it says none. */
function typeFromName(name: string, unitTypes: readonly UnitTypeDef[]): UnitType | null {
  const n = unitNameKey(name);
  let best: { type: UnitType; length: number } | null = null;
  for (const t of unitTypes) {
    for (const word of [t.name, ...t.synonyms].map(unitNameKey)) {
      if (n.endsWith(word) && n.length > word.length && (!best || word.length > best.length)) best = { type: t.name, length: word.length };
    }
  }
  return best?.type ?? null;
}

/** Notes under a list (注：…, 填表人：…) and totals rows are not units. */
const NOT_A_UNIT = /^(?:注\d*|说明|备注|填表人|填报人|制表人|审核人|联系人|联系电话)[:：]|^(?:合计|总计|小计)$/;

/**
 * The units of a workbook's (or CSV's) unit list. `source` names the file in messages.
 * Throws UnitListError listing every problem with its cell.
 */
export function readUnitList(grids: readonly SheetGrid[], source: string, unitTypes: readonly UnitTypeDef[] = HESHAN_UNIT_TYPES): UnitList {
  const typeNames = unitTypes.map((t) => `「${t.name}」`).join('或');
  const named = LIST_SHEET_NAMES.map((n) => grids.find((g) => sheetKey(g.name) === n)).filter((g): g is SheetGrid => g !== undefined);
  const ordered = [...named, ...grids.filter((g) => !named.includes(g))];
  let chosen: { grid: SheetGrid; header: ListHeader } | undefined;
  for (const grid of ordered) {
    const header = readListHeader(grid, unitTypes);
    if (header) {
      chosen = { grid, header };
      break;
    }
  }
  if (!chosen) {
    const sheets = grids.map((g) => `「${g.name}」`).join('、') || '（没有工作表）';
    throw new UnitListError([`单位列表 ${source} 的工作表 ${sheets} 前${HEADER_SCAN_ROWS}行中都找不到「单位名称」列（也可写作「社区(村)名称」「社区名称」）`]);
  }
  const { grid, header } = chosen;
  const col = (key: ListKey) => header.columns.get(key);
  const at = (r: number, c: number) => cellAddress(grid.name, r, c);
  const value = (r: number, key: ListKey): CellValue => {
    const c = col(key);
    return c === undefined ? null : grid.rows[r]?.[c] ?? null;
  };
  const problems: string[] = [];
  const units: TemplateUnit[] = [];
  const seen = new Map<string, number>();
  const unitColumn = col('unit')!;
  for (let r = header.firstDataRow; r < grid.rows.length; r++) {
    const row = grid.rows[r];
    if (isBlankRow(row)) continue;
    const name = readText(value(r, 'unit'));
    const mapped = LIST_KEYS.some((k) => col(k) !== undefined && !isBlankCell(value(r, k)));
    if (!mapped) continue; // a row with text only in columns the list does not use
    if (name === null) {
      problems.push(`${at(r, unitColumn)}：「单位名称」未填写（本行其他列有内容）`);
      continue;
    }
    if (NOT_A_UNIT.test(name.normalize('NFKC').replace(/\s+/g, ''))) continue;
    const key = unitNameKey(name);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push(`${at(r, unitColumn)}：单位「${name}」重复（与 ${at(earlier, unitColumn)} 相同），每个单位只能列一次`);
      continue;
    }
    seen.set(key, r);

    let type: UnitType | null = null;
    const typeColumn = col('type');
    if (typeColumn !== undefined && !isBlankCell(value(r, 'type'))) {
      const reading = readUnitType(value(r, 'type'), unitTypes);
      if (reading.ok) type = reading.type;
      else problems.push(`${at(r, typeColumn)}：单位「${name}」的「类型」应为${typeNames}，读到「${readText(value(r, 'type'))}」`);
    } else {
      type = typeFromName(name, unitTypes);
      if (type === null) {
        const plain = unitTypes.map((t) => t.name);
        problems.push(
          typeColumn !== undefined
            ? `${at(r, typeColumn)}：单位「${name}」的「类型」未填写，应为${typeNames}`
            : `${at(r, unitColumn)}：从单位名称「${name}」看不出是${plain.join('还是')}，请在单位列表中加「类型」列（${plain.join('或')}）`,
        );
      }
    }
    let founding: boolean | null = null;
    const foundingText = readText(value(r, 'founding'));
    if (foundingText !== null) {
      const t = foundingText.normalize('NFKC').toLowerCase();
      if (['是', 'y', 'yes', 'true', '1', '√'].includes(t)) founding = true;
      else if (['否', 'n', 'no', 'false', '0', '×'].includes(t)) founding = false;
      else problems.push(`${at(r, col('founding')!)}：单位「${name}」的「年初创建单位」应为「是」或「否」，读到「${foundingText}」`);
    }
    if (type !== null) {
      units.push({ name, type, town: readText(value(r, 'town')), group: readText(value(r, 'group')), level: readText(value(r, 'level')), founding });
    }
  }
  if (problems.length === 0 && units.length === 0) {
    problems.push(`${at(header.headerRow, unitColumn)}：「单位名称」列下没有单位`);
  }
  if (problems.length) throw new UnitListError(problems);
  const details = new Set(UNIT_DETAIL_KEYS.filter((k) => col(k) !== undefined));
  return { units, sheet: grid.name, details };
}
