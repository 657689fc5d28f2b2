/**
 * What the end-to-end tests serve: the production build of the add-in and the fake workbook bundled
 * as office.js. Both are built once per state of the sources and kept in the system's temporary
 * folder, so the e2e files (a build takes most of a minute on two cores) share one build.
 */
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'fs';
import os from 'os';
import path from 'path';
import webpack from 'webpack';

const ROOT = path.resolve(__dirname, '..', '..');
const SOURCES = ['src', 'taskpane', 'functions', 'test/e2e/fakeOfficePage.ts', 'test/fakes', 'webpack.config.js', 'manifest.xml', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.webpack.json'];

/** A fingerprint of every file the builds read: path, size and modification time. */
function sourcesKey(): string {
  const hash = createHash('sha1');
  const walk = (p: string) => {
    const full = path.join(ROOT, p);
    if (!existsSync(full)) return;
    const stat = statSync(full);
    if (stat.isDirectory()) for (const name of readdirSync(full).sort()) walk(path.join(p, name));
    else hash.update(`${p}\u0000${stat.size}\u0000${stat.mtimeMs}\n`);
  };
  SOURCES.forEach(walk);
  return hash.digest('hex').slice(0, 16);
}

/** Builds into a fresh folder and moves it into place, so a half-finished build is never used. */
function once(name: string, build: (out: string) => void | Promise<void>): Promise<string> {
  const dir = path.join(os.tmpdir(), `hs-e2e-${name}-${sourcesKey()}`);
  if (existsSync(dir)) return Promise.resolve(dir);
  const temp = `${dir}.${process.pid}`;
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp, { recursive: true });
  return Promise.resolve(build(temp)).then(() => {
    if (!existsSync(dir)) renameSync(temp, dir);
    else rmSync(temp, { recursive: true, force: true });
    return dir;
  });
}

/** The add-in's production build (`webpack --mode production`); resolves to its folder. */
export function builtAddin(): Promise<string> {
  return once('dist', (out) => {
    const cli = require.resolve('webpack-cli/bin/cli.js', { paths: [ROOT] });
    const r = spawnSync(process.execPath, [cli, '--mode', 'production', '--output-path', out], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
  });
}

/** The fake workbook as office.js (test/e2e/fakeOfficePage.ts), bundled for the page: its source text. */
export async function fakeOfficeScript(): Promise<string> {
  const dir = await once('fake-office', (out) => {
    const compiler = webpack({
      mode: 'development',
      devtool: false,
      target: 'web',
      entry: path.join(__dirname, 'fakeOfficePage.ts'),
      output: { path: out, filename: 'fake-office.js' },
      resolve: { extensions: ['.ts', '.js'] },
      module: { rules: [{ test: /\.ts$/, loader: 'ts-loader', options: { transpileOnly: true, configFile: path.join(ROOT, 'tsconfig.webpack.json') } }] },
    });
    return new Promise<void>((resolve, reject) =>
      compiler.run((error, stats) => {
        if (error || stats?.hasErrors()) reject(error ?? new Error(stats!.toString('errors-only')));
        else resolve();
      }),
    );
  });
  return readFileSync(path.join(dir, 'fake-office.js'), 'utf8');
}
