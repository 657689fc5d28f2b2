/**
 * An output table as a worksheet part, produced as a stream of chunks (a thousand rows at a time)
 * so a million-row 月度得分 is never one string in memory. The sheet looks as the exceljs writer
 * made it: bold wrapped header on a fill, frozen header row (and first column where asked), an
 * autofilter over the data (not the 合计 row), column widths and number formats per column kind,
 * bold totals, and the 单元格 column linked to the analyst's cell (`location`, no relationship, as
 * Excel writes links inside a workbook). Text is written inline (`t="inlineStr"`), so the
 * workbook's shared strings stay as they were. A row may stand out (`rowLook`: 年度汇总's eliminated
 * units red, flagged ones amber, as the pane's conditional formats show them), decided from that
 * row's own values as it is written; a sheet meant for paper (`print`) is set up landscape, one
 * page wide, its header row and title columns repeated on every page (the print titles are a
 * defined name in workbook.xml: printTitles gives its formula), with the sheet's name above and
 * 第 n 页，共 m 页 below.
 */
import { Readable } from 'node:stream';
import type { SheetTable, SheetValue } from '../sheets';
import { columnWidth, internalLink, parseCellAddress, textWidth } from '../tableLayout';
import type { OutputStyles, RowLook } from './outputStyles';
import { sharedFormulas, type SharedCell } from './sharedFormulas';
import { asciiBytes, ByteRun } from './byteRun';
import { escapeAttr, escapeText } from './xml';

export type { RowLook };

/** A sheet laid out for printing. */
export interface PrintLayout {
  /** Leading columns repeated on every printed page (the unit's name); the header row always is. */
  titleColumns: number;
}

export interface SheetXmlOptions {
  table: SheetTable;
  /** Columns kept in view when scrolling right (the header row is always frozen). */
  frozenColumns: number;
  styles: OutputStyles;
  /** Sheets of the workbook a 单元格 address may link to. */
  linkable: ReadonlySet<string>;
  mainNamespace: string;
  relNamespace: string;
  /** How a data row (not the 合计 row) stands out, from its values alone; none when absent or null. */
  rowLook?: (row: readonly SheetValue[]) => RowLook | null;
  print?: PrintLayout;
  /** Text starting with '=' is a formula (通用公式), written without a cached value for the program to calculate. */
  formulas?: boolean;
}

const ROWS_PER_CHUNK = 1000;

export function columnName(k: number): string {
  let name = '';
  for (let n = k + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/**
 * Text as cell content. XML 1.0 cannot hold most control characters even escaped, so they are
 * written as Excel writes them, `_x0001_` (and a literal `_x0041_` has its underscore escaped so
 * it is not read as one); a carriage return is a character reference, which parsers keep.
 */
export function cellText(s: string): string {
  // Most cells (names, 是/否, 备注) need none of it: one test instead of four replacements.
  if (!NEEDS_ESCAPING.test(s)) return s;
  return escapeText(s)
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
    .replace(/\r/g, '&#13;')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

const NEEDS_ESCAPING = /[&<>_\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** ` s="7"`, made once per style rather than once per cell. */
const styleAttributes: Uint8Array[] = [];
const NO_STYLE = new Uint8Array(0);
const styleAttribute = (style: number): Uint8Array => (style ? (styleAttributes[style] ??= asciiBytes(` s="${style}"`)) : NO_STYLE);

const QUOTE = asciiBytes('"');
const EMPTY_END = asciiBytes('/>');
const NUMBER_START = asciiBytes('><v>');
const NUMBER_END = asciiBytes('</v></c>');
const TEXT_START = asciiBytes(' t="inlineStr"><is><t>');
const TEXT_START_PRESERVED = asciiBytes(' t="inlineStr"><is><t xml:space="preserve">');
const TEXT_END = asciiBytes('</t></is></c>');

/**
 * A cell, its reference given as its column's opening (`<c r="AB`) and its row's number, so a
 * million-row sheet makes no reference string per cell; an empty one is written only when
 * `keepEmpty` (a row's fill covers its blanks too).
 */
function writeCell(out: ByteRun, open: Uint8Array, row: string, v: SheetValue, style: number, keepEmpty: boolean): void {
  const written = v !== null && (typeof v === 'string' || Number.isFinite(v));
  if (!written && !(keepEmpty && style)) return;
  out.bytes(open);
  out.ascii(row);
  out.bytes(QUOTE);
  out.bytes(styleAttribute(style));
  if (!written) return out.bytes(EMPTY_END);
  if (typeof v === 'number') {
    out.bytes(NUMBER_START);
    out.number(v);
    return out.bytes(NUMBER_END);
  }
  out.bytes(/^\s|\s$|\n/.test(v) ? TEXT_START_PRESERVED : TEXT_START);
  out.text(cellText(v));
  out.bytes(TEXT_END);
}

/** A formula cell: its text without the '=', or its part in a shared formula (the run's first cell holds the text). */
function formulaXml(ref: string, formula: string, style: number, shared: SharedCell | null): string {
  const s = style ? ` s="${style}"` : '';
  if (!shared) return `<c r="${ref}"${s}><f>${escapeText(formula.slice(1))}</f></c>`;
  if (shared.ref === undefined) return `<c r="${ref}"${s}><f t="shared" si="${shared.si}"/></c>`;
  return `<c r="${ref}"${s}><f t="shared" ref="${shared.ref}" si="${shared.si}">${escapeText(formula.slice(1))}</f></c>`;
}

/** The analyst's cell a 单元格 value links to, when that sheet is in the workbook. */
function linkTarget(v: SheetValue, linkable: ReadonlySet<string>): string | null {
  if (typeof v !== 'string') return null;
  const target = parseCellAddress(v);
  return target && linkable.has(target.sheet) ? internalLink(target.sheet, target.cell).slice(1) : null;
}

function paneXml(frozenColumns: number): string {
  if (frozenColumns > 0) {
    const topLeft = `${columnName(frozenColumns)}2`;
    return `<pane xSplit="${frozenColumns}" ySplit="1" topLeftCell="${topLeft}" activePane="bottomRight" state="frozen"/><selection pane="topRight"/><selection pane="bottomLeft"/><selection pane="bottomRight" activeCell="${topLeft}" sqref="${topLeft}"/>`;
  }
  return '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>';
}

/** A sheet name as a formula writes it: quoted, with its quotes doubled. */
const sheetRef = (name: string) => `'${name.replace(/'/g, "''")}'`;

/**
 * The formula of a sheet's `_xlnm.Print_Titles` name: its title columns, then its header row (the
 * order Excel writes them in).
 */
export function printTitles(sheet: string, layout: PrintLayout): string {
  const rows = `${sheetRef(sheet)}!$1:$1`;
  if (layout.titleColumns < 1) return rows;
  return `${sheetRef(sheet)}!$A:$${columnName(layout.titleColumns - 1)},${rows}`;
}

/** A header/footer text: `&` is the field mark (&A the sheet's name, &P the page, &N the pages). */
const PAGE_HEADER = '&C&A';
const PAGE_FOOTER = '&C第 &P 页，共 &N 页';

/**
 * The page setup after the sheet's data (printOptions, pageMargins, pageSetup, headerFooter, in
 * the schema's order): A4 landscape, fitted to one page wide and as many pages down as it takes,
 * gridlines printed, narrower side margins. Without a layout, the margins Excel writes by default.
 */
function pageXml(print: PrintLayout | undefined): string {
  if (!print) return '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
  return (
    '<printOptions horizontalCentered="1" gridLines="1"/>' +
    '<pageMargins left="0.4" right="0.4" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>' +
    `<headerFooter><oddHeader>${escapeText(PAGE_HEADER)}</oddHeader><oddFooter>${escapeText(PAGE_FOOTER)}</oddFooter></headerFooter>`
  );
}

function* chunks(o: SheetXmlOptions): Generator<Buffer> {
  const { table, styles } = o;
  const n = table.columns.length;
  const letters = table.columns.map((_c, k) => columnName(k));
  const cellOpen = letters.map((letter) => asciiBytes(`<c r="${letter}`));
  const last = letters[n - 1] ?? 'A';
  const lastDataRow = 1 + (table.totalRow ?? table.rows.length);
  const linkColumns = table.columns.flatMap((c, k) => (c.kind === 'cell' ? [k] : []));
  const shared = o.formulas ? sharedFormulas(table.rows, letters, 2) : null;

  const cols = table.columns.map((c, k) => {
    const style = styles.body[c.kind];
    return `<col min="${k + 1}" max="${k + 1}" width="${columnWidth(table, k)}"${style ? ` style="${style}"` : ''} customWidth="1"/>`;
  });
  const headerHeight = table.columns.some((c) => c.kind === 'points' && textWidth(c.header) > 16) ? 45 : 20;
  const out = new ByteRun();
  out.text(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<worksheet xmlns="${escapeAttr(o.mainNamespace)}" xmlns:r="${escapeAttr(o.relNamespace)}">` +
      (o.print ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : '') +
      `<dimension ref="A1:${last}${1 + table.rows.length}"/>` +
      `<sheetViews><sheetView workbookViewId="0">${paneXml(o.frozenColumns)}</sheetView></sheetViews>` +
      '<sheetFormatPr defaultRowHeight="15"/>' +
      (cols.length ? `<cols>${cols.join('')}</cols>` : '') +
      `<sheetData><row r="1" spans="1:${n}" ht="${headerHeight}" customHeight="1">`,
  );
  table.columns.forEach((c, k) => writeCell(out, cellOpen[k], '1', c.header, styles.header, false));
  out.text('</row>');
  yield out.take();

  // Read once: a streamed table's rows are made as they are read (sheets.ts, rowsWhenRead).
  const rows = table.rows;
  const count = rows.length;
  const kinds = table.columns.map((c) => c.kind);
  for (let i = 0; i < count; i++) {
    const r = String(i + 2);
    const isTotal = i === table.totalRow;
    out.ascii(isTotal ? `<row r="${r}" spans="1:${n}" s="${styles.total.text}" customFormat="1">` : `<row r="${r}" spans="1:${n}">`);
    const values = rows[i];
    const look = !isTotal && o.rowLook ? o.rowLook(values) : null;
    const plain = look ? styles.looks[look] : styles;
    // A row with a look is filled across the table, blanks included; others write only their values.
    const width = look ? n : values.length;
    for (let k = 0; k < width; k++) {
      const kind = kinds[k];
      const v = values[k] ?? null;
      const style = isTotal ? styles.total[kind] : kind === 'cell' && linkTarget(v, o.linkable) !== null ? plain.link : plain.body[kind];
      if (o.formulas && typeof v === 'string' && v.startsWith('=')) out.text(formulaXml(`${letters[k]}${r}`, v, style, shared!(i, k)));
      else writeCell(out, cellOpen[k], r, v, style, look !== null);
    }
    out.ascii('</row>');
    if ((i + 1) % ROWS_PER_CHUNK === 0) yield out.take();
  }
  out.ascii(`</sheetData><autoFilter ref="A1:${last}${Math.max(1, lastDataRow)}"/>`);
  yield out.take();

  // Links come after the filter in the schema's order: a second pass over the 单元格 column.
  let links = '';
  let any = false;
  for (let i = 0; linkColumns.length && i < count; i++) {
    if (i === table.totalRow) continue;
    const values = rows[i];
    for (const k of linkColumns) {
      const v = values[k];
      const location = linkTarget(v, o.linkable);
      if (location === null) continue;
      if (!any) links += '<hyperlinks>';
      any = true;
      links += `<hyperlink ref="${letters[k]}${i + 2}" location="${escapeAttr(location)}" tooltip="${escapeAttr(`转到 ${String(v)}`)}"/>`;
    }
    if ((i + 1) % ROWS_PER_CHUNK === 0 && links.length) {
      yield Buffer.from(links, 'utf8');
      links = '';
    }
  }
  if (any) links += '</hyperlinks>';
  links += `${pageXml(o.print)}</worksheet>`;
  yield Buffer.from(links, 'utf8');
}

export function worksheetXml(o: SheetXmlOptions): Readable {
  return Readable.from(chunks(o), { objectMode: false });
}
