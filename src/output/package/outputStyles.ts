/**
 * The cell styles the output sheets use, appended to the workbook's styles.xml: a bold header on a
 * light-blue fill with a thin bottom border, number formats per column kind (NUM_FMT), blue
 * underlined links, bold totals. Fonts are the workbook's own default font made bold or blue, so the
 * added sheets look like the rest of the analyst's workbook.
 */
import type { ColumnKind } from '../sheets';
import { NUM_FMT } from '../tableLayout';
import { type StyleSheetText, withChildren, withoutChildren } from './styleSheet';

/** Indices into cellXfs (the `s` of a cell); 0 is the workbook's default style. */
export interface OutputStyles {
  header: number;
  link: number;
  body: Record<ColumnKind, number>;
  total: Record<ColumnKind, number>;
}

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

export function addOutputStyles(sheet: StyleSheetText): OutputStyles {
  const { p } = sheet;
  sheet.ensure('fonts');
  sheet.ensure('cellStyleXfs'); // the xfId="0" the new styles inherit from
  const base = sheet.records('fonts')[0];
  const bold = sheet.add('fonts', withChildren(withoutChildren(base, p, ['b']), `<${p}b/>`));
  const blue = sheet.add('fonts', withChildren(withoutChildren(base, p, ['u', 'color']), `<${p}u/><${p}color rgb="${LINK_COLOR}"/>`));
  const fill = sheet.add('fills', `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${HEADER_FILL}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`);
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
  return { header, link, body, total };
}
