/**
 * What Office would reject or silently ignore in an XML manifest, checked offline (`office-addin-manifest
 * validate` needs Microsoft's service, and `info` only catches malformed XML): resids, the shared
 * runtime wiring, the HS namespace, requirement sets, the per-language function metadata, URLs and
 * the icons they name. One set of checks for every copy of the manifest: manifest.test.ts runs them
 * on manifest.xml (the dev server), build.test.ts on the manifest of a deployable folder
 * (`npm run package -- --url https://内网地址/hs/`), each against the files that copy is served with.
 */
import { readFileSync } from 'fs';
import { inflateSync } from 'zlib';
import { DOMParser, onWarningStopParsing } from '@xmldom/xmldom';

export const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
export const APP = 'http://schemas.microsoft.com/office/appforoffice/1.1';
export const BT = 'http://schemas.microsoft.com/office/officeappbasictypes/1.0';
export const OV = 'http://schemas.microsoft.com/office/taskpaneappversionoverrides';

/** A copy of the manifest and where it is served from. */
export interface ManifestUnderTest {
  xml: string;
  /** The base URL every URL in it must start with ("https://localhost:3000/", a package's URL). */
  base: string;
  /** Whether the server at `base` has this file (a path relative to the base). */
  served(file: string): boolean;
  /** The local path of a served file, to read an icon. */
  localPath(file: string): string;
}

/** Minimal view of the DOM nodes used here (xmldom's own types stay inside this file). */
export interface El {
  localName: string | null;
  namespaceURI: string | null;
  textContent: string | null;
  getAttribute(name: string): string | null;
  getAttributeNS(namespace: string, name: string): string | null;
  hasAttribute(name: string): boolean;
  attributes: ArrayLike<{ name: string; value: string }>;
  childNodes: ArrayLike<unknown>;
}

export function children(el: El): El[] {
  return Array.from(el.childNodes).filter((n): n is El => typeof (n as El).localName === 'string');
}
export function descendants(el: El): El[] {
  return children(el).flatMap((child) => [child, ...descendants(child)]);
}
const xsiType = (el: El) => el.getAttributeNS(XSI, 'type');

/** The parsed manifest with the look-ups the checks use. */
export function parseManifest(xml: string) {
  const doc = new DOMParser({ onError: onWarningStopParsing }).parseFromString(xml, 'text/xml');
  const all = Array.from(doc.getElementsByTagName('*') as unknown as ArrayLike<El>);
  const find = (namespace: string, localName: string, within: El[] = all): El[] => within.filter((el) => el.namespaceURI === namespace && el.localName === localName);
  const only = (namespace: string, localName: string, within?: El[]): El => {
    const found = find(namespace, localName, within);
    expect(found.map((el) => el.localName)).toEqual([localName]);
    return found[0];
  };
  // Resources: id → kind (Images, Urls, ShortStrings, LongStrings) and the element itself.
  const resources = new Map<string, { kind: string; el: El }>();
  const resourceIds: string[] = [];
  for (const kind of ['Images', 'Urls', 'ShortStrings', 'LongStrings']) {
    for (const group of find(BT, kind)) {
      for (const el of children(group)) {
        const id = el.getAttribute('id') ?? '';
        resourceIds.push(id);
        resources.set(id, { kind, el });
      }
    }
  }
  const resolve = (resid: string | null) => resources.get(resid ?? '')?.el.getAttribute('DefaultValue');
  /** Every URL the manifest holds, from any attribute (namespace declarations aside) or text. */
  const urls = all.flatMap((el) => [
    ...Array.from(el.attributes)
      .filter((a) => a.name !== 'xmlns' && !a.name.startsWith('xmlns:'))
      .map((a) => a.value)
      .filter((v) => /^https?:\/\//i.test(v)),
    ...(children(el).length === 0 && /^\s*https?:\/\//i.test(el.textContent ?? '') ? [el.textContent!.trim()] : []),
  ]);
  return { doc, all, find, only, resources, resourceIds, resolve, urls };
}

// What kind of resource each element that carries a resid must point at.
const KIND_BY_REFERRER: Record<string, string> = {
  Image: 'Images',
  SourceLocation: 'Urls',
  FunctionFile: 'Urls',
  LearnMoreUrl: 'Urls',
  Runtime: 'Urls',
  Label: 'ShortStrings',
  Title: 'ShortStrings',
  Namespace: 'ShortStrings',
  Description: 'LongStrings',
};

/** Width and height of a PNG, after checking its signature, chunk CRCs and image data. */
export function pngSize(file: string): [number, number] {
  const png = readFileSync(file);
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const idat: Buffer[] = [];
  let width = 0;
  let height = 0;
  let bytesPerPixel = 0;
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect(data[8]).toBe(8); // bit depth
      bytesPerPixel = { 2: 3, 6: 4 }[data[9]] ?? 0; // RGB or RGBA
      expect(bytesPerPixel).toBeGreaterThan(0);
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  expect(inflateSync(Buffer.concat(idat)).length).toBe((width * bytesPerPixel + 1) * height);
  return [width, height];
}
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * Registers the manifest checks for the copy `load` returns (called inside each test, so a copy made
 * in a beforeAll can be checked).
 */
export function describeManifest(label: string, load: () => ManifestUnderTest): void {
  let cached: { under: ManifestUnderTest; m: ReturnType<typeof parseManifest> } | undefined;
  const get = () => {
    if (!cached) {
      const under = load();
      cached = { under, m: parseManifest(under.xml) };
    }
    return cached;
  };

  describe(label, () => {
    test('is a well-formed Excel task pane manifest, Chinese first', () => {
      const { m } = get();
      const root = m.doc.documentElement as unknown as El;
      expect([root.namespaceURI, root.localName, xsiType(root)]).toEqual([APP, 'OfficeApp', 'TaskPaneApp']);
      expect(m.only(APP, 'Id').textContent).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(m.only(APP, 'Version').textContent).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      expect(m.only(APP, 'DefaultLocale').textContent).toBe('zh-CN');
      expect(m.only(APP, 'DisplayName').getAttribute('DefaultValue')).toBe('充分就业社区评分');
      expect(m.find(APP, 'Host').map((h) => h.getAttribute('Name'))).toEqual(['Workbook']);
      expect(m.only(APP, 'Permissions').textContent).toBe('ReadWriteDocument');
    });

    test('requires ExcelApi 1.9, SharedRuntime 1.1 and CustomFunctionsRuntime 1.3', () => {
      const { m } = get();
      const sets = m.find(APP, 'Set', descendants(m.only(APP, 'Requirements')));
      expect(Object.fromEntries(sets.map((s) => [s.getAttribute('Name'), s.getAttribute('MinVersion')]))).toEqual({
        ExcelApi: '1.9',
        SharedRuntime: '1.1',
        CustomFunctionsRuntime: '1.3',
      });
    });

    test('every resid is defined once, of the right kind, within 32 characters, and every resource is used', () => {
      const { m } = get();
      const referrers = m.all.filter((el) => el.hasAttribute('resid'));
      expect(m.resourceIds.length).toBe(new Set(m.resourceIds).size);
      expect(referrers.length).toBeGreaterThan(0);
      for (const el of referrers) {
        const resid = el.getAttribute('resid')!;
        expect(resid.length).toBeLessThanOrEqual(32);
        expect({ resid, kind: m.resources.get(resid)?.kind }).toEqual({ resid, kind: KIND_BY_REFERRER[el.localName!] });
      }
      const used = new Set(referrers.map((el) => el.getAttribute('resid')));
      expect(m.resourceIds.filter((id) => !used.has(id))).toEqual([]);
    });

    test('one long-lived runtime, the task pane, also hosts the custom functions and the ribbon', () => {
      const { m, under } = get();
      const runtime = m.only(OV, 'Runtime');
      expect(runtime.getAttribute('lifetime')).toBe('long');
      const page = runtime.getAttribute('resid');
      expect(m.resolve(page)).toBe(`${under.base}taskpane.html`);

      const customFunctions = m.find(OV, 'ExtensionPoint').filter((el) => xsiType(el) === 'CustomFunctions');
      expect(customFunctions).toHaveLength(1);
      const inside = descendants(customFunctions[0]);
      const source = (part: string) => m.only(OV, 'SourceLocation', descendants(m.only(OV, part, inside))).getAttribute('resid');
      expect(source('Page')).toBe(page);
      expect(m.resolve(source('Script'))).toBe(`${under.base}functions.js`);
      expect(m.resolve(source('Metadata'))).toBe(`${under.base}functions.json`);

      expect(m.only(OV, 'FunctionFile').getAttribute('resid')).toBe(page);
      const action = m.only(OV, 'Action');
      expect(xsiType(action)).toBe('ShowTaskpane');
      expect(m.only(OV, 'SourceLocation', children(action)).getAttribute('resid')).toBe(page);
      expect(m.only(APP, 'SourceLocation', descendants(m.only(APP, 'DefaultSettings'))).getAttribute('DefaultValue')).toBe(m.resolve(page));
    });

    test("the functions' help is Chinese by default and English for en-US: one metadata file per language", () => {
      const { m, under } = get();
      const customFunctions = m.find(OV, 'ExtensionPoint').find((el) => xsiType(el) === 'CustomFunctions')!;
      const metadata = m.only(OV, 'SourceLocation', descendants(m.only(OV, 'Metadata', descendants(customFunctions)))).getAttribute('resid')!;
      const url = m.resources.get(metadata)!.el;
      expect(url.getAttribute('DefaultValue')).toBe(`${under.base}functions.json`);
      expect(children(url).map((o) => [o.localName, o.getAttribute('Locale'), o.getAttribute('Value')])).toEqual([
        ['Override', 'en-US', `${under.base}functions.en-US.json`],
      ]);
      // No other URL changes with the language: the script and the page are one for every locale.
      for (const [id, { kind, el }] of m.resources) {
        if (kind === 'Urls' && id !== metadata) expect({ id, overrides: children(el).length }).toEqual({ id, overrides: 0 });
      }
    });

    test('the custom functions namespace is HS, the same in every language', () => {
      const { m } = get();
      const namespace = m.only(OV, 'Namespace');
      expect(m.resolve(namespace.getAttribute('resid'))).toBe('HS');
      const string = m.resources.get(namespace.getAttribute('resid')!)!.el;
      expect(children(string)).toEqual([]); // no per-locale override
    });

    test('a Home-tab button opens the task pane, labelled in Chinese with English overrides', () => {
      const { m } = get();
      const tab = m.only(OV, 'OfficeTab');
      expect(tab.getAttribute('id')).toBe('TabHome');
      const control = m.only(OV, 'Control', descendants(tab));
      expect(xsiType(control)).toBe('Button');
      const label = m.resources.get(m.only(OV, 'Label', children(control)).getAttribute('resid')!)!.el;
      expect(label.getAttribute('DefaultValue')).toMatch(/\p{Script=Han}/u);

      const namespaceId = m.only(OV, 'Namespace').getAttribute('resid');
      for (const [id, { kind, el }] of m.resources) {
        if (!kind.endsWith('Strings') || id === namespaceId) continue;
        const value = el.getAttribute('DefaultValue')!;
        expect(value).toMatch(/\p{Script=Han}/u);
        expect(value.length).toBeLessThanOrEqual(kind === 'ShortStrings' ? 125 : 250);
        const overrides = children(el).map((o) => [o.localName, o.getAttribute('Locale')]);
        expect({ id, overrides }).toEqual({ id, overrides: [['Override', 'en-US']] });
      }
      for (const name of ['DisplayName', 'Description']) {
        const el = m.only(APP, name);
        expect(children(el).map((o) => o.getAttribute('Locale'))).toEqual(['en-US']);
      }
    });

    test('every URL is https on the server it is deployed to and names a file served there', () => {
      const { m, under } = get();
      expect(under.base).toMatch(/^https:\/\/[^/?#]+\/([^?#]*\/)?$/);
      expect(m.urls.length).toBeGreaterThan(0);
      for (const url of m.urls) {
        const file = url.startsWith(under.base) ? url.slice(under.base.length) : undefined;
        const served = file !== undefined && under.served(file);
        expect({ url, onServer: file !== undefined, served }).toEqual({ url, onServer: true, served: true });
      }
    });

    test('icons are real PNGs of the sizes the manifest declares', () => {
      const { m, under } = get();
      const local = (url: string) => under.localPath(url.slice(under.base.length));
      for (const image of m.find(BT, 'Image').filter((el) => el.hasAttribute('resid'))) {
        const size = Number(image.getAttribute('size'));
        expect(pngSize(local(m.resolve(image.getAttribute('resid'))!))).toEqual([size, size]);
      }
      expect(pngSize(local(m.only(APP, 'IconUrl').getAttribute('DefaultValue')!))).toEqual([32, 32]);
      expect(pngSize(local(m.only(APP, 'HighResolutionIconUrl').getAttribute('DefaultValue')!))).toEqual([64, 64]);
    });
  });
}
