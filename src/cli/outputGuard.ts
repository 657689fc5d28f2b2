/**
 * Inputs are read-only: an output path that names an input (the ledger, the 参数 table, the rubric,
 * the 劳动力表…) or another output of the same run is refused before anything is read or written.
 * "Names" means the same file on disk: through a symlink or a hard link, or in another letter case on
 * a file system that ignores case.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliError } from './errors';

export interface NamedFile {
  file: string;
  /** How the user knows it: 台账文件, --out, --json … */
  what: string;
}

function sameFile(a: string, b: string): boolean {
  const ra = path.resolve(a);
  const rb = path.resolve(b);
  if (ra === rb) return true;
  try {
    const sa = fs.statSync(ra);
    const sb = fs.statSync(rb);
    return sa.dev === sb.dev && sa.ino === sb.ino && sa.ino !== 0;
  } catch {
    // One of them does not exist yet: the same file only if its real directory and name match.
    const real = (p: string) => {
      try {
        return path.join(fs.realpathSync(path.dirname(p)), path.basename(p));
      } catch {
        return p;
      }
    };
    const ignoreCase = process.platform === 'win32' || process.platform === 'darwin';
    const [x, y] = [real(ra), real(rb)].map((p) => (ignoreCase ? p.toLowerCase() : p));
    return x === y;
  }
}

export function refuseOverwrites(inputs: readonly NamedFile[], outputs: readonly NamedFile[]): void {
  outputs.forEach((out, k) => {
    const input = inputs.find((i) => sameFile(i.file, out.file));
    if (input) throw new CliError(`${out.what} 指向${input.what}本身（${out.file}）：输入文件不会被覆盖，请另选输出文件名`);
    const other = outputs.slice(0, k).find((o) => sameFile(o.file, out.file));
    if (other) throw new CliError(`${out.what} 与 ${other.what} 是同一个文件（${out.file}），请分别指定`);
  });
}
