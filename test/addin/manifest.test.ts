/**
 * manifest.xml, checked offline (test/addin/manifestChecks.ts: resids, the shared runtime wiring, the
 * HS namespace, requirement sets, the per-language function metadata, URLs and the icons they name)
 * as the dev server serves it. build.test.ts runs the same checks on a deployable folder's manifest
 * and checks the URLs against a real build's output.
 */
import { existsSync, readFileSync } from 'fs';
import path from 'path';
import { describeManifest, pngSize } from './manifestChecks';

const ROOT = path.resolve(__dirname, '..', '..');
const DEV_URL = 'https://localhost:3000/';

// Files the webpack build emits besides the copied assets/ (see webpack.config.js).
const BUILT_FILES = ['taskpane.html', 'functions.js', 'functions.json', 'functions.en-US.json'];

describeManifest('manifest.xml', () => ({
  xml: readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8'),
  base: DEV_URL,
  served: (file) => BUILT_FILES.includes(file) || (file.startsWith('assets/') && existsSync(path.join(ROOT, file))),
  localPath: (file) => path.join(ROOT, file),
}));

describe('assets/', () => {
  test('holds the icon of every size Office asks for', () => {
    for (const size of [16, 32, 64, 80, 128]) {
      expect(pngSize(path.join(ROOT, 'assets', `icon-${size}.png`))).toEqual([size, size]);
    }
  });
});

describe('the dev server', () => {
  test("listens on package.json's config.dev_server_port, the manifest's port", () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { config?: { dev_server_port?: number } };
    expect(pkg.config?.dev_server_port).toBe(Number(new URL(DEV_URL).port));
  });
});
