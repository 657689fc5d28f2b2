/**
 * manifest.xml, checked offline. `office-addin-manifest validate` needs Microsoft's service, and
 * `info` only catches malformed XML, so what Office would reject or silently ignore is checked here:
 * resids, the shared runtime wiring, the HS namespace, requirement sets, URLs and the icons they
 * name. build.test.ts checks the same URLs against a real build's output.
 */
import { existsSync, readFileSync } from 'fs';
import path from 'path';
import { inflateSync } from 'zlib';
import { DOMParser, onWarningStopParsing } from '@xmldom/xmldom';

const ROOT = path.resolve(__dirname, '..', '..');
const DEV_URL = 'https://localhost:3000/';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const APP = 'http://schemas.microsoft.com/office/appforoffice/1.1';
const BT = 'http://schemas.microsoft.com/office/officeappbasictypes/1.0';
const OV = 'http://schemas.microsoft.com/office/taskpaneappversionoverrides';

// Files the webpack build emits besides the copied assets/ (see webpack.config.js).
const BUILT_FILES = ['taskpane.html', 'functions.js', 'functions.json'];

/** Minimal view of the DOM nodes used here (xmldom's own types stay inside this file). */
interface El {
  localName: string | null;
  namespaceURI: string | null;
  textContent: string | null;
  getAttribute(name: string): string | null;
  getAttributeNS(namespace: string, name: string): string | null;
  hasAttribute(name: string): boolean;
  attributes: ArrayLike<{ name: string; value: string }>;
  childNodes: ArrayLike<unknown>;
}

const xml = readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
const doc = new DOMParser({ onError: onWarningStopParsing }).parseFromString(xml, 'text/xml');
const all = Array.from(doc.getElementsByTagName('*') as unknown as ArrayLike<El>);

function find(namespace: string, localName: string, within: El[] = all): El[] {
  return within.filter((el) => el.namespaceURI === namespace && el.localName === localName);
}
function only(namespace: string, localName: string, within?: El[]): El {
  const found = find(namespace, localName, within);
  expect(found.map((el) => el.localName)).toEqual([localName]);
  return found[0];
}
function children(el: El): El[] {
  return Array.from(el.childNodes).filter((n): n is El => typeof (n as El).localName === 'string');
}
function descendants(el: El): El[] {
  return children(el).flatMap((child) => [child, ...descendants(child)]);
}
const xsiType = (el: El) => el.getAttributeNS(XSI, 'type');

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
const referrers = all.filter((el) => el.hasAttribute('resid'));

/** Every URL the manifest holds, from any attribute (namespace declarations aside) or text. */
const urls = all.flatMap((el) => [
  ...Array.from(el.attributes)
    .filter((a) => a.name !== 'xmlns' && !a.name.startsWith('xmlns:'))
    .map((a) => a.value)
    .filter((v) => /^https?:\/\//i.test(v)),
  ...(children(el).length === 0 && /^\s*https?:\/\//i.test(el.textContent ?? '') ? [el.textContent!.trim()] : []),
]);

/** Width and height of a PNG, after checking its signature, chunk CRCs and image data. */
function pngSize(file: string): [number, number] {
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

describe('manifest.xml', () => {
  test('is a well-formed Excel task pane manifest, Chinese first', () => {
    const root = doc.documentElement as unknown as El;
    expect([root.namespaceURI, root.localName, xsiType(root)]).toEqual([APP, 'OfficeApp', 'TaskPaneApp']);
    expect(only(APP, 'Id').textContent).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(only(APP, 'Version').textContent).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(only(APP, 'DefaultLocale').textContent).toBe('zh-CN');
    expect(only(APP, 'DisplayName').getAttribute('DefaultValue')).toBe('充分就业社区评分');
    expect(find(APP, 'Host').map((h) => h.getAttribute('Name'))).toEqual(['Workbook']);
    expect(only(APP, 'Permissions').textContent).toBe('ReadWriteDocument');
  });

  test('requires ExcelApi 1.9, SharedRuntime 1.1 and CustomFunctionsRuntime 1.3', () => {
    const sets = find(APP, 'Set', descendants(only(APP, 'Requirements')));
    expect(Object.fromEntries(sets.map((s) => [s.getAttribute('Name'), s.getAttribute('MinVersion')]))).toEqual({
      ExcelApi: '1.9',
      SharedRuntime: '1.1',
      CustomFunctionsRuntime: '1.3',
    });
  });

  test('every resid is defined once, of the right kind, within 32 characters, and every resource is used', () => {
    expect(resourceIds.length).toBe(new Set(resourceIds).size);
    expect(referrers.length).toBeGreaterThan(0);
    for (const el of referrers) {
      const resid = el.getAttribute('resid')!;
      expect(resid.length).toBeLessThanOrEqual(32);
      expect({ resid, kind: resources.get(resid)?.kind }).toEqual({ resid, kind: KIND_BY_REFERRER[el.localName!] });
    }
    const used = new Set(referrers.map((el) => el.getAttribute('resid')));
    expect(resourceIds.filter((id) => !used.has(id))).toEqual([]);
  });

  test('one long-lived runtime, the task pane, also hosts the custom functions and the ribbon', () => {
    const runtime = only(OV, 'Runtime');
    expect(runtime.getAttribute('lifetime')).toBe('long');
    const page = runtime.getAttribute('resid');
    expect(resolve(page)).toBe(`${DEV_URL}taskpane.html`);

    const customFunctions = find(OV, 'ExtensionPoint').filter((el) => xsiType(el) === 'CustomFunctions');
    expect(customFunctions).toHaveLength(1);
    const inside = descendants(customFunctions[0]);
    const source = (part: string) => only(OV, 'SourceLocation', descendants(only(OV, part, inside))).getAttribute('resid');
    expect(source('Page')).toBe(page);
    expect(resolve(source('Script'))).toBe(`${DEV_URL}functions.js`);
    expect(resolve(source('Metadata'))).toBe(`${DEV_URL}functions.json`);

    expect(only(OV, 'FunctionFile').getAttribute('resid')).toBe(page);
    const action = only(OV, 'Action');
    expect(xsiType(action)).toBe('ShowTaskpane');
    expect(only(OV, 'SourceLocation', children(action)).getAttribute('resid')).toBe(page);
    expect(only(APP, 'SourceLocation', descendants(only(APP, 'DefaultSettings'))).getAttribute('DefaultValue')).toBe(
      resolve(page),
    );
  });

  test('the custom functions namespace is HS, the same in every language', () => {
    const namespace = only(OV, 'Namespace');
    expect(resolve(namespace.getAttribute('resid'))).toBe('HS');
    const string = resources.get(namespace.getAttribute('resid')!)!.el;
    expect(children(string)).toEqual([]); // no per-locale override
  });

  test('a Home-tab button opens the task pane, labelled in Chinese with English overrides', () => {
    const tab = only(OV, 'OfficeTab');
    expect(tab.getAttribute('id')).toBe('TabHome');
    const control = only(OV, 'Control', descendants(tab));
    expect(xsiType(control)).toBe('Button');
    const label = resources.get(only(OV, 'Label', children(control)).getAttribute('resid')!)!.el;
    expect(label.getAttribute('DefaultValue')).toMatch(/\p{Script=Han}/u);

    const namespaceId = only(OV, 'Namespace').getAttribute('resid');
    for (const [id, { kind, el }] of resources) {
      if (!kind.endsWith('Strings') || id === namespaceId) continue;
      const value = el.getAttribute('DefaultValue')!;
      expect(value).toMatch(/\p{Script=Han}/u);
      expect(value.length).toBeLessThanOrEqual(kind === 'ShortStrings' ? 125 : 250);
      const overrides = children(el).map((o) => [o.localName, o.getAttribute('Locale')]);
      expect({ id, overrides }).toEqual({ id, overrides: [['Override', 'en-US']] });
    }
    for (const name of ['DisplayName', 'Description']) {
      const el = only(APP, name);
      expect(children(el).map((o) => o.getAttribute('Locale'))).toEqual(['en-US']);
    }
  });

  test('every URL is on the dev server and names a file the build emits', () => {
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) {
      const file = url.startsWith(DEV_URL) ? url.slice(DEV_URL.length) : undefined;
      const emitted =
        file !== undefined &&
        (BUILT_FILES.includes(file) || (file.startsWith('assets/') && existsSync(path.join(ROOT, file))));
      expect({ url, onDevServer: file !== undefined, emitted }).toEqual({ url, onDevServer: true, emitted: true });
    }
  });

  test('icons are real PNGs of the sizes the manifest declares', () => {
    for (const image of find(BT, 'Image').filter((el) => el.hasAttribute('resid'))) {
      const size = Number(image.getAttribute('size'));
      const url = resolve(image.getAttribute('resid'))!;
      expect(pngSize(path.join(ROOT, url.slice(DEV_URL.length)))).toEqual([size, size]);
    }
    const icon = (name: string) => path.join(ROOT, only(APP, name).getAttribute('DefaultValue')!.slice(DEV_URL.length));
    expect(pngSize(icon('IconUrl'))).toEqual([32, 32]);
    expect(pngSize(icon('HighResolutionIconUrl'))).toEqual([64, 64]);
    for (const size of [16, 32, 64, 80, 128]) {
      expect(pngSize(path.join(ROOT, 'assets', `icon-${size}.png`))).toEqual([size, size]);
    }
  });
});
