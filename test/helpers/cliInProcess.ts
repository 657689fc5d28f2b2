/**
 * `hs-score` run in process with its output captured, in a folder of its own: for tests of one
 * command that do not need the built binary (test/cli/cli.test.ts runs the real process).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main, type CliIo } from '../../src/cli/main';

export interface CliRun {
  status: number;
  out: string;
  err: string;
}

export function cliInProcess(prefix: string): { dir: string; file: (name: string) => string; run: (args: string[]) => Promise<CliRun>; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const run = async (args: string[]): Promise<CliRun> => {
    let out = '';
    let err = '';
    const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), cwd: dir };
    return { status: await main(args, io), out, err };
  };
  return { dir, file: (name) => path.join(dir, name), run, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
