/**
 * The cell styles the output sheets use, appended to the workbook's styles.xml: a bold header on a
 * light-blue fill with a thin bottom border, number formats per column kind (NUM_FMT), blue
 * underlined links, bold totals, and the row looks the task pane gives 年度汇总 with conditional
 * formats (sheetPlans.ts, annualFills): an eliminated unit's row on red with dark-red text, a row to
 * look at (a flagged group, or a verdict or total 待核实) on amber. Fonts are the workbook's own
 * default font made bold, blue or dark red, so the added sheets look like the rest of the analyst's
 * workbook.
 */
import type { ColumnKind } from '../sheets';
import { NUM_FMT } from '../tableLayout';
import { type StyleSheetText, withChildren, withoutChildren } from './styleSheet';

/**
 * How a data row stands out, as the pane's conditional formats show it: `eliminated` (末位淘汰 是)
 * red, `flagged` (its group flagged, or 末位淘汰, 小组连带 or 年终补贴合计 待核实) amber.
 */
export type RowLook = 'eliminated' | 'flagged';

/** The styles of a row with a look: every column kind, and a link, on the row's fill. */
export interface LookStyles {
  body: Record<ColumnKind, number>;
  link: number;
}

/** Indices into cellXfs (the `s` of a cell); 0 is the workbook's default style. */
export interface OutputStyles {
  header: number;
  link: number;
  body: Record<ColumnKind, number>;
  total: Record<ColumnKind, number>;
  looks: Record<RowLook, LookStyles>;
}

/** The pane's colours (sheetPlans.ts, annualFills: #F8CBAD with #9C0006 text, #FFE699), as ARGB. */
export const LOOK_COLORS: Record<RowLook, { fill: string; font?: string }> = {
  eliminated: { fill: 'FFF8CBAD', font: 'FF9C0006' },
  flagged: { fill: 'FFFFE699' },
};

const KINDS: readonly ColumnKind[] = ['text', 'points', 'yuan', 'integer', 'cell'];
const LINK_COLOR = 'FF0563C1';
const HEADER_FILL = 'FFDDEBF7';

interface Xf {
  numFmt?: number;
  font?: number;
  fill?: number;
  border?: number;
  alignment?: string;
}

function xf(p: string, x: Xf): string {
  const apply = [
    x.numFmt ? ' applyNumberFormat="1"' : '',
    x.font ? ' applyFont="1"' : '',
    x.fill ? ' applyFill="1"' : '',
    x.border ? ' applyBorder="1"' : '',
    x.alignment ? ' applyAlignment="1"' : '',
  ].join('');
  const open = `<${p}xf numFmtId="${x.numFmt ?? 0}" fontId="${x.font ?? 0}" fillId="${x.fill ?? 0}" borderId="${x.border ?? 0}" xfId="0"${apply}`;
  return x.alignment ? `${open}>${x.alignment}</${p}xf>` : `${open}/>`;
}

const solidFill = (p: string, argb: string) => `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${argb}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`;

export function addOutputStyles(sheet: StyleSheetText): OutputStyles {
  const { p } = sheet;
  sheet.ensure('fonts');
  sheet.ensure('cellStyleXfs'); // the xfId="0" the new styles inherit from
  const base = sheet.records('fonts')[0];
  const bold = sheet.add('fonts', withChildren(withoutChildren(base, p, ['b']), `<${p}b/>`));
  const blue = sheet.add('fonts', withChildren(withoutChildren(base, p, ['u', 'color']), `<${p}u/><${p}color rgb="${LINK_COLOR}"/>`));
  const fill = sheet.add('fills', solidFill(p, HEADER_FILL));
  const border = sheet.add('borders', `<${p}border><${p}left/><${p}right/><${p}top/><${p}bottom style="thin"><${p}color indexed="64"/></${p}bottom><${p}diagonal/></${p}border>`);

  const header = sheet.add('cellXfs', xf(p, { font: bold, fill, border, alignment: `<${p}alignment horizontal="center" vertical="center" wrapText="1"/>` }));
  const link = sheet.add('cellXfs', xf(p, { font: blue }));
  const body = {} as Record<ColumnKind, number>;
  const total = {} as Record<ColumnKind, number>;
  for (const kind of KINDS) {
    const format = NUM_FMT[kind];
    const numFmt = format === undefined ? 0 : sheet.numFmt(format);
    // Plain text keeps the workbook's default style, as the cells the analyst types into do.
    body[kind] = numFmt === 0 ? 0 : sheet.add('cellXfs', xf(p, { numFmt }));
    total[kind] = sheet.add('cellXfs', xf(p, { numFmt, font: bold }));
  }
  const looks = {} as Record<RowLook, LookStyles>;
  for (const look of ['eliminated', 'flagged'] as const) {
    const colors = LOOK_COLORS[look];
    const lookFill = sheet.add('fills', solidFill(p, colors.fill));
    const font = colors.font ? sheet.add('fonts', withChildren(withoutChildren(base, p, ['color']), `<${p}color rgb="${colors.font}"/>`)) : 0;
    const lookBody = {} as Record<ColumnKind, number>;
    for (const kind of KINDS) {
      const format = NUM_FMT[kind];
      lookBody[kind] = sheet.add('cellXfs', xf(p, { numFmt: format === undefined ? 0 : sheet.numFmt(format), font, fill: lookFill }));
    }
    looks[look] = { body: lookBody, link: sheet.add('cellXfs', xf(p, { font: blue, fill: lookFill })) };
  }
  return { header, link, body, total, looks };
}
