/** Where the package's own files are, independent of the working directory. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const PACKAGE_NAME = 'hs-employment-addin';
/** The bundled sample ledger, relative to the package root. */
export const SAMPLE_LEDGER = path.join('samples', 'heshan-2024-sample.xlsx');
/** Where `hs-score demo` writes, relative to the working directory. */
export const DEMO_WORKBOOK = path.join('out', 'heshan-2024-scored.xlsx');
export const DEMO_JSON = path.join('out', 'heshan-2024-result.json');

/** The package root (the directory of our package.json), found upwards from this file, whether run from src/ or lib/. */
export function packageRoot(from: string = __dirname): string | null {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    try {
      if (JSON.parse(fs.readFileSync(manifest, 'utf8')).name === PACKAGE_NAME) return dir;
    } catch {
      // no package.json here, or not ours: keep looking
    }
    if (path.dirname(dir) === dir) return null;
  }
}
