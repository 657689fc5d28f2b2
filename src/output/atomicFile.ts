/**
 * Files written whole or not at all: the content goes to a temporary file beside the target, which
 * is renamed over it only when complete, so an interrupted run never leaves half a workbook (or half
 * a JSON file) where the analyst's file was.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export async function writeAtomically(target: string, write: (temp: string) => Promise<void>): Promise<void> {
  const dir = path.dirname(path.resolve(target));
  fs.mkdirSync(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    await write(temp);
    fs.renameSync(temp, target);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
}

export function writeTextAtomically(target: string, text: string): Promise<void> {
  return writeAtomically(target, (temp) => fs.promises.writeFile(temp, text, 'utf8'));
}
