/**
 * `npm run sample`: regenerates samples/heshan-2024-sample.xlsx, the synthetic Heshan ledger the
 * demo and the README use. Deterministic: the same cell values on every run. The archive's own
 * timestamps change with every write, so an unchanged ledger leaves the committed file alone.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageRoot, SAMPLE_LEDGER } from '../src/cli/paths';
import { generateDistrict, SAMPLE_SEED } from '../src/sample/generateLedger';
import { writeDistrictXlsx, xlsxCellAddress } from '../src/sample/writeLedger';
import { sameZipContent } from '../src/read/zipArchive';

async function run(): Promise<void> {
  const root = packageRoot();
  if (root === null) throw new Error('找不到项目目录（package.json）');
  const file = path.join(root, SAMPLE_LEDGER);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const district = generateDistrict({ units: 36, seed: SAMPLE_SEED, badCells: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeDistrictXlsx(district, temp);
  const shownPath = path.relative(process.cwd(), file) || file;
  if (fs.existsSync(file) && (await sameZipContent(file, temp))) {
    fs.rmSync(temp);
    console.log(`示例台账没有变化：${shownPath}`);
  } else {
    fs.renameSync(temp, file);
    console.log(`已生成示例台账：${shownPath}`);
  }
  console.log(`  ${district.units.length} 个单位 × 12 个月，共 ${district.rows.length} 行（含 1 行重复）`);
  console.log('  故意填错的单元格：');
  for (const b of district.badCells) console.log(`    ${xlsxCellAddress(b.row, b.key)}  ${district.rows[b.row].unit}  ${b.what}`);
}

run().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
