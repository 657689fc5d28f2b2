/**
 * What the new package holds, worked out from the old one before anything is written: which parts
 * are copied as they are, which few are edited (workbook.xml, its relationships,
 * [Content_Types].xml, styles.xml by appending), which go (the replaced sheets and what only they
 * used, a calcChain that names them) and which are new (the output sheets).
 */
import * as path from 'node:path';
import type { SheetTable, SheetValue } from '../sheets';
import { calcChainNamesSheets } from './calcChain';
import { editContentTypes, STYLES_CONTENT_TYPE, WORKSHEET_CONTENT_TYPE, type NewOverride } from './contentTypes';
import { addOutputStyles } from './outputStyles';
import { partsToRemove } from './partGraph';
import { partKey, relativeTarget, relsPartOf, resolveTarget, sourceOfRels } from './partNames';
import { decodePart, type PartText } from './partText';
import { editRelationships, freshIds, parseRelationships, relKind, type NewRelationship, type Relationship } from './relationships';
import { printTitles, worksheetXml, type PrintLayout, type RowLook } from './sheetXml';
import { emptyStyleSheet, StyleSheetText } from './styleSheet';
import { editWorkbook, readWorkbook, type AddedSheet } from './workbookXml';
import type { OutEntry } from './writeZip';
import type { ZipSource } from './zipSource';

export interface NewSheet {
  table: SheetTable;
  /** Columns frozen beside the frozen header row. */
  frozenColumns: number;
  /** How a data row stands out (red, amber), from that row's values alone. */
  rowLook?: (row: readonly SheetValue[]) => RowLook | null;
  /** Set up for printing: landscape, one page wide, header row and title columns on every page. */
  print?: PrintLayout;
  /** Text starting with '=' is a formula (通用公式); the workbook is then calculated in full when opened. */
  formulas?: boolean;
}

const WORKSHEET_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';

const notWorkbook = (what: string) => new Error(`原工作簿不是有效的 .xlsx 文件：${what}`);

export async function planPackage(source: ZipSource, sheets: readonly NewSheet[]): Promise<OutEntry[]> {
  const text = async (part: string): Promise<PartText | null> => {
    const bytes = await source.read(part);
    return bytes && decodePart(bytes, part);
  };
  const rootRels = await text('_rels/.rels');
  const officeDocument = rootRels && parseRelationships(rootRels.text).find((r) => relKind(r.type) === 'officeDocument' && !r.external);
  if (!officeDocument) throw notWorkbook('找不到工作簿部件（_rels/.rels）');
  const workbookPart = resolveTarget('', officeDocument.target);
  const workbookRelsPart = relsPartOf(workbookPart);
  const [workbook, workbookRels, contentTypes] = await Promise.all([text(workbookPart), text(workbookRelsPart), text('[Content_Types].xml')]);
  if (!workbook || !workbookRels || !contentTypes) throw notWorkbook(`缺少 ${!workbook ? workbookPart : !workbookRels ? workbookRelsPart : '[Content_Types].xml'}`);

  const info = readWorkbook(workbook.text);
  const rels = parseRelationships(workbookRels.text);
  const partOf = (r: Relationship | undefined) => (r && !r.external ? resolveTarget(workbookPart, r.target) : undefined);
  const relById = new Map(rels.map((r) => [r.id, r]));

  // The sheets replaced, and a calcChain that names them (a cache Excel rebuilds).
  const replaced = new Set(sheets.map((s) => s.table.name));
  const oldSheets = info.sheets.filter((s) => replaced.has(s.name));
  const removedRelIds = new Set(oldSheets.map((s) => s.rId));
  const removedRoots = oldSheets.flatMap((s) => partOf(relById.get(s.rId)) ?? []);
  const calcRel = rels.find((r) => relKind(r.type) === 'calcChain' && !r.external);
  if (calcRel && oldSheets.length) {
    const calcPart = partOf(calcRel)!;
    const calc = await text(calcPart);
    if (calc && calcChainNamesSheets(calc.text, new Set(oldSheets.map((s) => s.sheetId)))) {
      removedRelIds.add(calcRel.id);
      removedRoots.push(calcPart);
    }
  }
  const removed = removedRoots.length ? await removedParts(source, text, workbookPart, rels, removedRelIds, removedRoots) : new Set<string>();

  // Styles: appended to the workbook's own part, or a new part if it has none.
  const stylesRel = rels.find((r) => relKind(r.type) === 'styles' && !r.external);
  const stylesPart = partOf(stylesRel);
  const stylesText = stylesPart ? await text(stylesPart) : null;
  const styleSheet = new StyleSheetText(stylesText?.text ?? emptyStyleSheet(info.mainNamespace));
  const styles = addOutputStyles(styleSheet);

  // New parts, named clear of every name the old archive used.
  const taken = new Set(source.entries.map((e) => partKey(e.fileName)));
  const worksheetRel = rels.find((r) => relKind(r.type) === 'worksheet' && !r.external);
  const worksheetType = worksheetRel?.type ?? WORKSHEET_TYPE;
  const sheetDir = path.posix.dirname(partOf(worksheetRel) ?? `${path.posix.dirname(workbookPart)}/worksheets/sheet.xml`).replace(/^\.$/, '');
  const ids = freshIds(rels.map((r) => r.id), sheets.length + 1);
  const newParts = sheets.map(() => freshName(taken, sheetDir, 'sheet', '.xml'));
  const newRels: NewRelationship[] = newParts.map((part, i) => ({ id: ids[i], type: worksheetType, target: relativeTarget(workbookPart, part) }));
  const overrides: NewOverride[] = newParts.map((part) => ({ part, contentType: WORKSHEET_CONTENT_TYPE }));
  const newStylesPart = stylesText ? null : freshName(taken, path.posix.dirname(workbookPart).replace(/^\.$/, ''), 'styles', '.xml');
  if (newStylesPart) {
    if (stylesRel) removedRelIds.add(stylesRel.id); // a relationship to a part the archive lacks
    newRels.push({ id: ids[sheets.length], type: worksheetType.replace(/worksheet$/, 'styles'), target: relativeTarget(workbookPart, newStylesPart) });
    overrides.push({ part: newStylesPart, contentType: STYLES_CONTENT_TYPE });
  }
  const added: AddedSheet[] = sheets.map((s, i) => ({ name: s.table.name, rId: ids[i], ...(s.print ? { printTitles: printTitles(s.table.name, s.print) } : {}) }));

  const edited = new Map<string, Buffer>([
    [partKey(workbookPart), workbook.encode(editWorkbook(workbook.text, info, replaced, added, { fullCalcOnLoad: sheets.some((s) => s.formulas) }))],
    [partKey(workbookRelsPart), workbookRels.encode(editRelationships(workbookRels.text, removedRelIds, newRels))],
    [partKey('[Content_Types].xml'), contentTypes.encode(editContentTypes(contentTypes.text, removed, overrides))],
  ]);
  if (stylesPart && stylesText) edited.set(partKey(stylesPart), stylesText.encode(styleSheet.text));

  const entries: OutEntry[] = [];
  for (const entry of source.entries) {
    const key = partKey(entry.fileName);
    const mtime = entry.getLastModDate();
    if (removed.has(key)) continue;
    const data = edited.get(key);
    if (data) entries.push({ kind: 'buffer', name: entry.fileName, mtime, data });
    else if (entry.fileName.endsWith('/')) entries.push({ kind: 'directory', name: entry.fileName, mtime });
    else {
      const { compressionMethod: compression, crc32: crc, uncompressedSize: size, compressedSize } = entry;
      entries.push({ kind: 'copy', name: entry.fileName, mtime, compression, crc, size, compressedSize, proven: source.proven(entry), open: () => source.storedStream(entry) });
    }
  }
  const now = new Date();
  const linkable = new Set(info.sheets.filter((s) => !replaced.has(s.name)).map((s) => s.name));
  sheets.forEach((s, i) => {
    const options = { table: s.table, frozenColumns: s.frozenColumns, styles, linkable, mainNamespace: info.mainNamespace, relNamespace: info.relNamespace, rowLook: s.rowLook, print: s.print, formulas: s.formulas };
    entries.push({ kind: 'stream', name: newParts[i], mtime: now, open: () => worksheetXml(options) });
  });
  if (newStylesPart) entries.push({ kind: 'buffer', name: newStylesPart, mtime: now, data: Buffer.from(styleSheet.text, 'utf8') });
  return entries;
}

/** The parts that go with the replaced sheets (see partsToRemove), found through every `.rels` part. */
async function removedParts(
  source: ZipSource,
  text: (part: string) => Promise<PartText | null>,
  workbookPart: string,
  workbookRels: readonly Relationship[],
  removedRelIds: ReadonlySet<string>,
  roots: readonly string[],
): Promise<Set<string>> {
  const targets = (from: string, rels: readonly Relationship[]) => rels.filter((r) => !r.external).map((r) => partKey(resolveTarget(from, r.target)));
  const links = new Map<string, string[]>();
  for (const entry of source.entries) {
    const from = sourceOfRels(entry.fileName);
    if (from === null || partKey(from) === partKey(workbookPart)) continue;
    const rels = await text(entry.fileName);
    if (rels) links.set(partKey(from), targets(from, parseRelationships(rels.text)));
  }
  links.set(partKey(workbookPart), targets(workbookPart, workbookRels.filter((r) => !removedRelIds.has(r.id))));
  return partsToRemove(links, new Set(source.entries.map((e) => partKey(e.fileName))), roots.map(partKey));
}

/** `<dir>/<stem><n><ext>` with the smallest n ≥ 1 no part of the archive (nor an earlier pick) uses. */
function freshName(taken: Set<string>, dir: string, stem: string, ext: string): string {
  for (let n = 1; ; n++) {
    const name = `${dir ? `${dir}/` : ''}${stem}${n}${ext}`;
    if (!taken.has(partKey(name))) {
      taken.add(partKey(name));
      return name;
    }
  }
}
