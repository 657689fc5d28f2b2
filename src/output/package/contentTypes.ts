/**
 * `[Content_Types].xml`: the Override entries of parts taken out of the package go, those of the
 * parts added are appended; every Default and every other Override stays as written.
 */
import { partKey } from './partNames';
import { applySplices, attributes, closingTagAt, escapeAttr, findElement, findElements, rootPrefix, type Splice } from './xml';

export const WORKSHEET_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
export const STYLES_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';

export interface NewOverride {
  part: string;
  contentType: string;
}

/** `removed` holds part keys (partKey); `add` part names without the leading '/'. */
export function editContentTypes(xml: string, removed: ReadonlySet<string>, add: readonly NewOverride[]): string {
  const p = rootPrefix(xml);
  const splices: Splice[] = [];
  for (const el of findElements(xml, `${p}Override`)) {
    const name = attributes(el.startTag).get('PartName') ?? '';
    let decoded = name;
    try {
      decoded = decodeURIComponent(name);
    } catch {
      // a name that is not percent-encoded
    }
    if (removed.has(partKey(decoded))) splices.push({ start: el.start, end: el.end, text: '' });
  }
  if (add.length) {
    const root = findElement(xml, `${p}Types`);
    if (!root || root.inner === null) throw new Error('工作簿的 [Content_Types].xml 缺少 Types 元素');
    const at = closingTagAt(root);
    splices.push({ start: at, end: at, text: add.map((o) => `<${p}Override PartName="/${escapeAttr(encodeURI(o.part))}" ContentType="${escapeAttr(o.contentType)}"/>`).join('') });
  }
  return applySplices(xml, splices);
}
