/**
 * Reading and scoring a large .xlsx ledger end to end, the way `hs-score score` does:
 * exceljs read → header mapping → cell parsing → engine → results.
 */
import { mkdtempSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { readLedgerFile } from '../src/read/ledger';
import { generateDistrict } from '../src/sample/generateLedger';
import { writeDistrictXlsx } from '../src/sample/writeLedger';
import { scoreLedger } from '../src/score';

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export async function benchLedgerFiles(rows: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hs-bench-'));
  try {
    const units = Math.ceil(rows / 12);
    const file = join(dir, 'ledger.xlsx');
    let start = process.hrtime.bigint();
    await writeDistrictXlsx(generateDistrict({ units, seed: 11, badCells: false }), file, { styles: false });
    const written = seconds(start);

    start = process.hrtime.bigint();
    const { raw } = await readLedgerFile(file, { keepWorkbook: false }); // as `hs-score score` without --out
    const read = seconds(start);

    start = process.hrtime.bigint();
    const result = scoreLedger(raw);
    const scored = seconds(start);

    const unitMonths = result.summary.unitMonths;
    console.log(`台账文件（${fmt(unitMonths)} 行 .xlsx，${(statSync(file).size / 1024 / 1024).toFixed(1)} MiB，${fmt(units)} 个单位）`);
    console.log(`  生成并写出      ${written.toFixed(2)} s`);
    console.log(`  读取与列映射    ${read.toFixed(2)} s  →  ${fmt(unitMonths / read)} 行/秒`);
    console.log(`  解析、校验与计分 ${scored.toFixed(2)} s  →  ${fmt(unitMonths / scored)} 单位月/秒（错误 ${result.errors.length} 条）`);
    console.log(`  合计            ${(read + scored).toFixed(2)} s`);
    console.log(`  峰值内存 (maxRSS) ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
