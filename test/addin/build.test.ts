/**
 * The real production build (webpack CLI, as `npm run build` runs it) into temporary folders: what
 * Excel loads must be there, named as manifest.xml names it. Two builds run side by side, without and
 * with ADDIN_PUBLIC_URL; ~20 s on two cores.
 */
import { spawn } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import os from 'os';
import path from 'path';
import { DOMParser, onWarningStopParsing } from '@xmldom/xmldom';

const ROOT = path.resolve(__dirname, '..', '..');
const DEV_URL = 'https://localhost:3000/';
const PUBLIC_URL = 'https://addins.example.com/hs/';
const HAN = /\p{Script=Han}/u;

interface Build {
  dir: string;
  status: number | null;
  output: string;
}

function build(publicUrl: string | undefined): Promise<Build> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hs-addin-build-'));
  const env = { ...process.env };
  delete env.ADDIN_PUBLIC_URL;
  if (publicUrl !== undefined) env.ADDIN_PUBLIC_URL = publicUrl;
  const cli = require.resolve('webpack-cli/bin/cli.js', { paths: [ROOT] });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, '--mode', 'production', '--output-path', dir], { cwd: ROOT, env });
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
  [plain, deployed, refused] = await Promise.all([build(undefined), build(PUBLIC_URL), build('http://insecure.example.com/')]);
}, 120_000);

afterAll(() => {
  for (const b of [plain, deployed, refused]) if (b) rmSync(b.dir, { recursive: true, force: true });
});

describe('npm run build', () => {
  test('succeeds', () => {
    expect({ status: plain.status, output: plain.status === 0 ? '' : plain.output }).toEqual({ status: 0, output: '' });
    expect(plain.output).toMatch(/compiled successfully/);
  });

  test('emits functions.json with ANNUAL, described in Chinese', () => {
    const metadata = JSON.parse(read(plain, 'functions.json'));
    const annual = metadata.functions.find((f: { id: string }) => f.id === 'ANNUAL');
    expect(annual).toMatchObject({ id: 'ANNUAL', name: 'ANNUAL', result: { type: 'number' } });
    expect(annual.description).toMatch(HAN);
    expect(annual.parameters).toHaveLength(1);
    expect(annual.parameters[0]).toMatchObject({ name: 'monthlyTotals', dimensionality: 'matrix', type: 'any' });
    expect(annual.parameters[0].description).toMatch(HAN);
  });

  test('functions.js registers ANNUAL itself (the metadata plugin appends the association)', () => {
    expect(read(plain, 'functions.js')).toMatch(/CustomFunctions\.associate\("ANNUAL",/);
  });

  test('taskpane.html is the shared runtime: office.js from the CDN, then functions.js, then taskpane.js', () => {
    const html = read(plain, 'taskpane.html');
    const scripts = [...html.matchAll(/<script\b[^>]*\bsrc=["']?([^"'\s>]+)/g)].map((m) => m[1]);
    expect(scripts).toEqual(['https://appsforoffice.microsoft.com/lib/1/hosted/office.js', 'functions.js', 'taskpane.js']);
    expect(html).toMatch(/<div id=["']?root["']?>/);
  });

  test('copies manifest.xml unchanged, and every URL in it names an emitted file', () => {
    const manifest = read(plain, 'manifest.xml');
    expect(manifest).toBe(readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8'));
    const files = [...manifest.matchAll(/="https:\/\/localhost:3000\/([^"]*)"/g)].map((m) => m[1]);
    expect(new Set(files)).toEqual(
      new Set(['taskpane.html', 'functions.js', 'functions.json', 'assets/icon-16.png', 'assets/icon-32.png', 'assets/icon-64.png', 'assets/icon-80.png']),
    );
    expect(files.filter((file) => !existsSync(path.join(plain.dir, file)))).toEqual([]);
    for (const size of [16, 32, 64, 80, 128]) expect(existsSync(path.join(plain.dir, 'assets', `icon-${size}.png`))).toBe(true);
  });

  test('with ADDIN_PUBLIC_URL, the copied manifest points there and still parses', () => {
    expect({ status: deployed.status, output: deployed.status === 0 ? '' : deployed.output }).toEqual({ status: 0, output: '' });
    const manifest = read(deployed, 'manifest.xml');
    expect(manifest).not.toContain('localhost');
    expect(manifest.split(PUBLIC_URL).join(DEV_URL)).toBe(readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8'));
    expect(() => new DOMParser({ onError: onWarningStopParsing }).parseFromString(manifest, 'text/xml')).not.toThrow();
  });

  test('an ADDIN_PUBLIC_URL Office would refuse fails the build with the reason', () => {
    expect(refused.status).not.toBe(0);
    expect(refused.output).toMatch(/ADDIN_PUBLIC_URL must be https/);
  });
});
