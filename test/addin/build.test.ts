/**
 * The real production build (webpack CLI, as `npm run build` runs it) into temporary folders: what
 * Excel loads must be there, named as manifest.xml names it. Three builds run side by side: plain,
 * a deployable folder (`npm run package -- --url https://内网地址/hs/`, whose manifest gets the checks
 * of manifest.test.ts) and one with an ADDIN_PUBLIC_URL Office would refuse; ~30 s on two cores.
 */
import { spawn } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import os from 'os';
import path from 'path';
import { DOMParser, onWarningStopParsing } from '@xmldom/xmldom';
import { describeManifest } from './manifestChecks';

const ROOT = path.resolve(__dirname, '..', '..');
const DEV_URL = 'https://localhost:3000/';
/** What an IT department types: an intranet host in Chinese. Office and DNS see its ASCII form. */
const PACKAGE_URL = 'https://内网地址/hs/';
const PUBLIC_URL = new URL(PACKAGE_URL).href; // https://xn--v6qz1lnb867w/hs/
const HAN = /\p{Script=Han}/u;

/** acorn, webpack's own parser: which ECMAScript edition a bundle needs to parse. */
const acorn = require(require.resolve('acorn', { paths: [path.dirname(require.resolve('webpack'))] })) as {
  parse(code: string, options: { ecmaVersion: number | 'latest'; sourceType: 'script' }): unknown;
};
const parsesAs = (code: string, ecmaVersion: number) => {
  try {
    acorn.parse(code, { ecmaVersion, sourceType: 'script' });
    return true;
  } catch {
    return false;
  }
};

interface Build {
  dir: string;
  status: number | null;
  output: string;
}

/** `npm run build` (publicUrl: ADDIN_PUBLIC_URL) or, with `packageUrl`, `npm run package -- --url …`. */
function build(publicUrl: string | undefined, packageUrl?: string): Promise<Build> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hs-addin-build-'));
  const env = { ...process.env };
  delete env.ADDIN_PUBLIC_URL;
  if (publicUrl !== undefined) env.ADDIN_PUBLIC_URL = publicUrl;
  const cli = require.resolve('webpack-cli/bin/cli.js', { paths: [ROOT] });
  const args = packageUrl === undefined ? [cli, '--mode', 'production', '--output-path', dir] : [path.join(ROOT, 'scripts', 'package.js'), '--url', packageUrl, '--out', dir];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ dir, status, output }));
  });
}

const read = (b: Build, file: string) => readFileSync(path.join(b.dir, file), 'utf8');

let plain: Build;
let deployed: Build;
let refused: Build;

beforeAll(async () => {
  [plain, deployed, refused] = await Promise.all([build(undefined), build(undefined, PACKAGE_URL), build('http://insecure.example.com/')]);
}, 120_000);

afterAll(() => {
  for (const b of [plain, deployed, refused]) if (b) rmSync(b.dir, { recursive: true, force: true });
});

describe('npm run build', () => {
  test('succeeds', () => {
    expect({ status: plain.status, output: plain.status === 0 ? '' : plain.output }).toEqual({ status: 0, output: '' });
    expect(plain.output).toMatch(/compiled successfully/);
  });

  /** The functions of issue 3 with their parameters, optional ones in brackets. */
  const EXPECTED: Record<string, string[]> = {
    JOBRATE: ['laborForce', 'registeredUnemployed', '[rubric]'],
    HARDRATE: ['laborForce', 'hardToEmploy', '[rubric]'],
    RATE: ['numerator', 'denominator', '[rubric]'],
    SCORE: ['code', 'inputs', '[month]', '[unitType]', '[rubric]'],
    INPUTS: ['code', '[rubric]'],
    MONTHSCORES: ['headerRows', 'rows', '[params]', '[rubric]', '[month]'],
    MONTHSCORE: ['headerRow', 'valueRow', '[params]', '[month]', '[unitType]', '[rubric]'],
    BREAKDOWN: ['headerRow', 'valueRow', '[params]', '[month]', '[unitType]', '[rubric]'],
    ITEMS: ['[rubric]'],
    ANNUAL: ['monthlyTotals', '[rubric]'],
    ANNUALS: ['monthlyTotals', '[rubric]'],
    BOTTOMRANK: ['score', 'allScores'],
    ELIMINATED: ['score', 'allScores', '[bottomN]', '[threshold]', '[rubric]'],
    GROUPFLAG: ['group', 'groups', 'eliminatedFlags'],
    SUBSIDY: ['unit', 'units', 'scores', 'levels', 'groups', '[rewards]', '[policy]', '[part]', '[rubric]'],
    CIRCLECOST: ['population', '[urbanPopulation]', '[part]'],
    FULLSHARE: ['flags', '[target]', '[part]', '[types]', '[rubric]'],
    TOPSHARE: ['score', 'allScores', 'share', '[tiesRewarded]'],
    EQUIPCHECK: ['spending', 'subsidy', '[part]'],
    TRACKED: ['status', 'lastTracked', 'asOf', '[entryDate]', '[part]'],
    SERVICE131: ['status', 'guidance', 'referral', 'training', 'asOf', '[part]'],
    TOWNRATE: ['laborForce', 'registeredUnemployed', '[part]'],
  };
  const RANGES = new Set(['inputs', 'headerRow', 'headerRows', 'valueRow', 'rows', 'params', 'monthlyTotals', 'allScores', 'groups', 'eliminatedFlags', 'units', 'scores', 'levels', 'rewards', 'flags', 'types', 'spending', 'rubric']);
  /** District-wide functions take one cell or a whole column as their first argument and answer in its shape. */
  const COLUMN_FIRST: Record<string, string> = { BOTTOMRANK: 'score', ELIMINATED: 'score', GROUPFLAG: 'group', SUBSIDY: 'unit' };
  /** HS.SUBSIDY's part may be a row of part names (a header row): one column per part. */
  const PART_RANGE: Record<string, string> = { SUBSIDY: 'part' };

  interface Metadata {
    functions: {
      id: string;
      name: string;
      description: string;
      parameters: { name: string; description: string; type: string; dimensionality?: string; optional?: boolean }[];
      result: { dimensionality?: string };
      options?: { requiresParameterAddresses?: boolean; volatile?: boolean; stream?: boolean };
    }[];
  }

  test('emits the functions\' metadata per language: English names and help for en-US, Chinese for the default', () => {
    const english: Metadata = JSON.parse(read(plain, 'functions.en-US.json'));
    const chinese: Metadata = JSON.parse(read(plain, 'functions.json'));
    expect(english.functions.map((f) => f.id).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const f of english.functions) {
      expect({ id: f.id, name: f.name }).toEqual({ id: f.id, name: f.id });
      expect({ id: f.id, description: f.description }).toEqual({ id: f.id, description: expect.stringMatching(/[A-Za-z]{3}/) });
      expect(f.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name))).toEqual(EXPECTED[f.id]);
      for (const p of f.parameters) {
        // "any", never "number": Excel would turn a text cell into a bare #VALUE! before our message.
        expect({ parameter: `${f.id}.${p.name}`, type: p.type, dimensionality: p.dimensionality ?? 'scalar' }).toEqual({
          parameter: `${f.id}.${p.name}`, type: 'any', dimensionality: RANGES.has(p.name) || COLUMN_FIRST[f.id] === p.name || PART_RANGE[f.id] === p.name ? 'matrix' : 'scalar',
        });
      }
      // Pure and non-volatile, so Excel recalculates a cell only when its inputs change.
      expect({ id: f.id, volatile: f.options?.volatile ?? false, stream: f.options?.stream ?? false }).toEqual({ id: f.id, volatile: false, stream: false });
      // Messages name real cells through parameter addresses, which Microsoft documents only for a
      // matrix result: every function asks for them and answers a matrix (one value as 1×1).
      if (f.parameters.length > 0) {
        expect({ id: f.id, addresses: f.options?.requiresParameterAddresses, result: f.result.dimensionality }).toEqual({ id: f.id, addresses: true, result: 'matrix' });
      }
    }
    // The default (zh-CN) file is the same functions, parameter for parameter, in Chinese.
    const words = (m: Metadata) => m.functions.map((f) => ({ ...f, description: '', parameters: f.parameters.map((p) => ({ ...p, name: '', description: '' })) }));
    expect(words(chinese)).toEqual(words(english));
    for (const f of chinese.functions) {
      expect({ id: f.id, name: f.name, description: f.description }).toEqual({ id: f.id, name: f.id, description: expect.stringMatching(HAN) });
      for (const p of f.parameters) expect({ id: f.id, name: p.name, help: p.description }).toEqual({ id: f.id, name: expect.stringMatching(HAN), help: expect.stringMatching(HAN) });
    }
  });

  test('functions.js registers every function itself (the metadata plugin appends the associations)', () => {
    const js = read(plain, 'functions.js');
    for (const id of Object.keys(EXPECTED)) expect({ id, associated: new RegExp(`CustomFunctions\\.associate\\("${id}",`).test(js) }).toEqual({ id, associated: true });
  });

  test('functions.js parses as ES2018 (older Mac webviews register the functions); the pane needs ES2022', () => {
    expect(parsesAs(read(plain, 'functions.js'), 2018)).toBe(true);
    // Fluent UI's tabster has class static blocks: the inline check in taskpane.html says so instead of a blank pane.
    expect([parsesAs(read(plain, 'taskpane.js'), 2021), parsesAs(read(plain, 'taskpane.js'), 2022)]).toEqual([false, true]);
  });

  test('taskpane.html is the shared runtime: an ES5 webview check, office.js from the CDN, then functions.js, then taskpane.js', () => {
    const html = read(plain, 'taskpane.html');
    const scripts = [...html.matchAll(/<script\b[^>]*\bsrc=["']?([^"'\s>]+)/g)].map((m) => m[1]);
    expect(scripts).toEqual(['https://appsforoffice.microsoft.com/lib/1/hosted/office.js', 'functions.js', 'taskpane.js']);
    expect(html).toMatch(/<div id=["']?root["']?>/);
    const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    expect(inline).toHaveLength(1);
    // It must run where the bundles cannot: Internet Explorer 11 parses nothing newer than ES5.
    expect(parsesAs(inline[0], 5)).toBe(true);
    expect(inline[0]).toMatch(/WebView2/);
  });

  test('the production build ships no source maps', () => {
    const files = readdirSync(plain.dir);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    for (const file of files.filter((f) => f.endsWith('.js'))) expect({ file, mapped: /sourceMappingURL=/.test(read(plain, file)) }).toEqual({ file, mapped: false });
  });

  test('copies manifest.xml unchanged, and every URL in it names an emitted file', () => {
    const manifest = read(plain, 'manifest.xml');
    expect(manifest).toBe(readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8'));
    const files = [...manifest.matchAll(/="https:\/\/localhost:3000\/([^"]*)"/g)].map((m) => m[1]);
    expect(new Set(files)).toEqual(
      new Set(['taskpane.html', 'functions.js', 'functions.json', 'functions.en-US.json', 'assets/icon-16.png', 'assets/icon-32.png', 'assets/icon-64.png', 'assets/icon-80.png']),
    );
    expect(files.filter((file) => !existsSync(path.join(plain.dir, file)))).toEqual([]);
    for (const size of [16, 32, 64, 80, 128]) expect(existsSync(path.join(plain.dir, 'assets', `icon-${size}.png`))).toBe(true);
  });

  test('npm run package -- --url https://内网地址/hs/: the build, IIS\'s web.config and 部署说明, the manifest pointing there', () => {
    expect({ status: deployed.status, output: deployed.status === 0 ? '' : deployed.output }).toEqual({ status: 0, output: '' });
    expect(deployed.output).toContain(PUBLIC_URL);
    expect(readdirSync(deployed.dir).sort()).toEqual(
      ['assets', 'engineWorker.js', 'functions.en-US.json', 'functions.js', 'functions.json', 'manifest.xml', 'taskpane.html', 'taskpane.js', 'taskpane.js.LICENSE.txt', 'web.config', '部署说明.txt'].sort(),
    );
    const manifest = read(deployed, 'manifest.xml');
    expect(manifest).not.toContain('localhost');
    expect(manifest.split(PUBLIC_URL).join(DEV_URL)).toBe(readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8'));
    expect(() => new DOMParser({ onError: onWarningStopParsing }).parseFromString(read(deployed, 'web.config'), 'text/xml')).not.toThrow();
    expect(read(deployed, '部署说明.txt')).toContain(`${PUBLIC_URL}taskpane.html`);
  });

  test('an ADDIN_PUBLIC_URL Office would refuse fails the build with the reason', () => {
    expect(refused.status).not.toBe(0);
    expect(refused.output).toMatch(/ADDIN_PUBLIC_URL must be https/);
  });
});

// The deployable folder's manifest passes every check manifest.test.ts makes, against the folder's own files.
describeManifest('the manifest of npm run package -- --url https://内网地址/hs/', () => ({
  xml: read(deployed, 'manifest.xml'),
  base: PUBLIC_URL,
  served: (file) => existsSync(path.join(deployed.dir, file)),
  localPath: (file) => path.join(deployed.dir, file),
}));
