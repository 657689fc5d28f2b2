/**
 * xl/calcChain.xml lists formula cells by sheet id (`<c r="B2" i="4"/>`, the id carried over to the
 * following cells until another is given). It is a cache: Excel rebuilds it when it is missing, so
 * when it names a sheet that is taken out the whole part is dropped rather than rewritten.
 */
import { attributes, findElements, rootPrefix } from './xml';

export function calcChainNamesSheets(xml: string, sheetIds: ReadonlySet<string>): boolean {
  let current: string | undefined;
  for (const el of findElements(xml, `${rootPrefix(xml)}c`)) {
    current = attributes(el.startTag).get('i') ?? current;
    // A cell before any id cannot be placed: count it as naming a removed sheet, to be safe.
    if (current === undefined || sheetIds.has(current)) return true;
  }
  return false;
}
