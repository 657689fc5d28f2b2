/**
 * xl/workbook.xml: its sheet list, and the edits that replace some sheets by new ones appended at
 * the end. Sheets are also known by position (a sheet-local name's localSheetId, the window's
 * activeTab and firstSheet), so taking one out renumbers those that point past it; a name local to
 * a sheet taken out goes with it, and names pointing into replaced sheets are handled by
 * definedNameAfter. A new sheet set up for printing gets its own `_xlnm.Print_Titles` (local to its
 * position); the earlier run's went with the sheet it was local to, so a re-run never holds two.
 * Everything else in the part — calculation settings, pivot caches, external
 * references, extensions — is left as written.
 */
import { definedNameAfter } from './definedNames';
import { applySplices, attributes, closingTagAt, escapeAttr, escapeText, findElement, findElements, namespaceOf, prefixFor, rootPrefix, setAttribute, unescapeXml, type Splice } from './xml';

export const RELATIONSHIP_NAMESPACES = ['http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'http://purl.oclc.org/ooxml/officeDocument/relationships'];

export interface WorkbookSheet {
  name: string;
  sheetId: string;
  rId: string;
  start: number;
  end: number;
}

export interface WorkbookInfo {
  /** Prefix of the workbook's elements, with its colon ('' when the namespace is the default). */
  prefix: string;
  /** Prefix bound to the relationships namespace (usually `r`). */
  relPrefix: string;
  /** The SpreadsheetML namespace the workbook uses (transitional or strict): new sheets use the same. */
  mainNamespace: string;
  relNamespace: string;
  sheets: WorkbookSheet[];
}

export function readWorkbook(xml: string): WorkbookInfo {
  const prefix = rootPrefix(xml);
  const relPrefix = prefixFor(xml, RELATIONSHIP_NAMESPACES);
  const mainNamespace = namespaceOf(xml, prefix.replace(/:$/, ''));
  const sheetsEl = findElement(xml, `${prefix}sheets`);
  if (!sheetsEl || relPrefix === undefined || mainNamespace === undefined) throw new Error('工作簿的 workbook.xml 中找不到工作表列表');
  const sheets = findElements(xml, `${prefix}sheet`, sheetsEl.start, sheetsEl.end).map((el) => {
    const a = attributes(el.startTag);
    return { name: a.get('name') ?? '', sheetId: a.get('sheetId') ?? '', rId: a.get(`${relPrefix}:id`) ?? '', start: el.start, end: el.end };
  });
  return { prefix, relPrefix, mainNamespace, relNamespace: namespaceOf(xml, relPrefix)!, sheets };
}

export interface AddedSheet {
  name: string;
  rId: string;
  /** The formula of the sheet's print titles (rows and columns repeated on every printed page). */
  printTitles?: string;
}

/** A name the edit adds: local to a sheet, by the sheet's position in the new list. */
interface NewName {
  name: string;
  localSheetId: number;
  formula: string;
}

/**
 * The workbook with the sheets named in `replaced` taken out and `added` appended after the rest
 * (each with a sheet id no sheet had before); with `fullCalcOnLoad`, set to be calculated in full
 * when opened (new formula cells carry no cached value, and Excel recalculates only what it
 * thinks changed).
 */
export function editWorkbook(xml: string, info: WorkbookInfo, replaced: ReadonlySet<string>, added: readonly AddedSheet[], options: { fullCalcOnLoad?: boolean } = {}): string {
  const { prefix: p, sheets } = info;
  const keptCount = sheets.filter((s) => !replaced.has(s.name)).length;
  // Old position → new position: a kept sheet moves up past those taken out; a replaced one is
  // where its successor of the same name lands (for the window's active tab only).
  const newIndex = new Map<number, number>();
  let k = 0;
  sheets.forEach((s, i) => {
    if (!replaced.has(s.name)) newIndex.set(i, k++);
    else {
      const j = added.findIndex((a) => a.name === s.name);
      if (j >= 0) newIndex.set(i, keptCount + j);
    }
  });
  const removedIndex = new Set(sheets.flatMap((s, i) => (replaced.has(s.name) ? [i] : [])));

  const splices: Splice[] = sheets.filter((s) => replaced.has(s.name)).map((s) => ({ start: s.start, end: s.end, text: '' }));
  let nextId = Math.max(0, ...sheets.map((s) => Number(s.sheetId) || 0));
  const sheetsEl = findElement(xml, `${p}sheets`)!;
  const at = closingTagAt(sheetsEl);
  splices.push({ start: at, end: at, text: added.map((a) => `<${p}sheet name="${escapeAttr(a.name)}" sheetId="${++nextId}" ${info.relPrefix}:id="${escapeAttr(a.rId)}"/>`).join('') });

  const newNames: NewName[] = added.flatMap((a, j) => (a.printTitles ? [{ name: '_xlnm.Print_Titles', localSheetId: keptCount + j, formula: a.printTitles }] : []));
  splices.push(...definedNameSplices(xml, p, replaced, removedIndex, newIndex, newNames));

  for (const view of findElements(xml, `${p}workbookView`)) {
    let tag = view.startTag;
    const a = attributes(tag);
    for (const attr of ['activeTab', 'firstSheet']) {
      const old = a.get(attr);
      if (old === undefined) continue;
      const moved = newIndex.get(Number(old)) ?? 0;
      if (String(moved) !== old) tag = setAttribute(tag, attr, String(moved));
    }
    if (tag !== view.startTag) splices.push({ start: view.start, end: view.start + view.startTag.length, text: tag });
  }
  if (options.fullCalcOnLoad) splices.push(fullCalcOnLoad(xml, p));
  return applySplices(xml, splices);
}

/** calcPr with fullCalcOnLoad="1": set on the workbook's own, or one added after the defined names (the schema's order). */
function fullCalcOnLoad(xml: string, p: string): Splice {
  const calcPr = findElement(xml, `${p}calcPr`);
  if (calcPr) return { start: calcPr.start, end: calcPr.start + calcPr.startTag.length, text: setAttribute(calcPr.startTag, 'fullCalcOnLoad', '1') };
  const names = findElement(xml, `${p}definedNames`);
  const at = names ? names.end : definedNamesAt(xml, p);
  return { start: at, end: at, text: `<${p}calcPr fullCalcOnLoad="1"/>` };
}

/** Where a workbook without defined names gets them: after the sheets (and function groups, external references). */
function definedNamesAt(xml: string, p: string): number {
  let at = findElement(xml, `${p}sheets`)!.end;
  for (const before of ['functionGroups', 'externalReferences']) {
    const el = findElement(xml, `${p}${before}`);
    if (el) at = Math.max(at, el.end);
  }
  return at;
}

function definedNameSplices(xml: string, p: string, replaced: ReadonlySet<string>, removedIndex: ReadonlySet<number>, newIndex: ReadonlyMap<number, number>, newNames: readonly NewName[]): Splice[] {
  const added = newNames.map((n) => `<${p}definedName name="${escapeAttr(n.name)}" localSheetId="${n.localSheetId}">${escapeText(n.formula)}</${p}definedName>`).join('');
  const container = findElement(xml, `${p}definedNames`);
  if (!container) {
    if (!added) return [];
    const at = definedNamesAt(xml, p);
    return [{ start: at, end: at, text: `<${p}definedNames>${added}</${p}definedNames>` }];
  }
  if (container.inner === null) return added ? [{ start: container.start, end: container.end, text: `<${p}definedNames>${added}</${p}definedNames>` }] : [];
  const names = findElements(xml, `${p}definedName`, container.start, container.end);
  const splices: Splice[] = [];
  let kept = 0;
  for (const el of names) {
    const a = attributes(el.startTag);
    const local = a.get('localSheetId');
    if (local !== undefined && removedIndex.has(Number(local))) {
      splices.push({ start: el.start, end: el.end, text: '' });
      continue;
    }
    const fate = definedNameAfter(unescapeXml(el.inner ?? ''), replaced);
    if (!fate.keep) {
      splices.push({ start: el.start, end: el.end, text: '' });
      continue;
    }
    kept++;
    const moved = local === undefined ? undefined : newIndex.get(Number(local));
    const tag = moved !== undefined && String(moved) !== local ? setAttribute(el.startTag, 'localSheetId', String(moved)) : el.startTag;
    const rewritten = fate.formula !== unescapeXml(el.inner ?? '');
    if (tag !== el.startTag || rewritten) {
      const inner = rewritten ? escapeText(fate.formula) : (el.inner ?? '');
      splices.push({ start: el.start, end: el.end, text: `${tag.replace(/\s*\/>$/, '>')}${inner}</${p}definedName>` });
    }
  }
  if (added) {
    const at = closingTagAt(container);
    splices.push({ start: at, end: at, text: added });
    return splices;
  }
  // An empty <definedNames/> is allowed by the schema but not worth leaving: the element goes.
  return kept === 0 && names.length > 0 ? [{ start: container.start, end: container.end, text: '' }] : splices;
}
