/**
 * `hs-score score <ledger> --out <scored.xlsx>` end to end on the largest ledger Excel can hold, as
 * an analyst would run it: a separate process reads, scores and writes, and reports its own peak
 * memory. Targets (issue 11): a 1,048,576-row ledger under 2 GB peak and at least 20,000 rows/s.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDistrict } from '../src/sample/generateLedger';
import { writeDistrictCsv, writeDistrictXlsx } from '../src/sample/writeLedger';

const TARGET_PEAK_BYTES = 2 * 1024 ** 3;
const TARGET_ROWS_PER_SECOND = 20_000;

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const mark = (ok: boolean) => (ok ? '达标' : '未达标');

/** Runs hs-score as its own process; its wall time, CPU time, peak memory and exit status. */
function runCommand(args: string[], dir: string): { seconds: number; cpu: number; peak: number; status: number | null; stderr: string } {
  const peakFile = join(dir, 'peak.txt');
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--require', join(__dirname, 'peakReport.js'), join(__dirname, '../../bin/hs-score.js'), ...args], {
    cwd: dir,
    env: { ...process.env, HS_BENCH_PEAK_FILE: peakFile },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  let peak = NaN; // a process killed for want of memory reports nothing
  let cpu = NaN;
  try {
    ({ peakBytes: peak, cpuSeconds: cpu } = JSON.parse(readFileSync(peakFile, 'utf8')) as { peakBytes: number; cpuSeconds: number });
  } catch {
    // left NaN
  }
  return { seconds: seconds(start), cpu, peak, status: run.status, stderr: run.stderr };
}

export async function benchLedgerFiles(rows: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hs-bench-'));
  try {
    const units = Math.floor(rows / 12);
    let start = process.hrtime.bigint();
    const district = generateDistrict({ units, seed: 11, badCells: false });
    await writeDistrictXlsx(district, join(dir, 'ledger.xlsx'), { styles: false });
    await writeDistrictCsv(district, join(dir, 'ledger.csv'), join(dir, 'params.csv'));
    const unitMonths = district.rows.length;
    console.log(`hs-score score --out，端到端（${fmt(unitMonths)} 个单位月，${fmt(units)} 个单位；生成台账 ${seconds(start).toFixed(0)} s）`);
    // Wall time means little on a busy machine: the load and the CPU time say how busy it was.
    console.log(`  本机 ${cpus().length} 核，开始时 1 分钟平均负载 ${loadavg()[0].toFixed(1)}`);
    for (const [label, args] of [
      ['.xlsx', ['score', 'ledger.xlsx', '--out', 'scored-xlsx.xlsx']],
      ['.csv ', ['score', 'ledger.csv', '--params', 'params.csv', '--out', 'scored-csv.xlsx']],
    ] as const) {
      const input = statSync(join(dir, args[1])).size;
      const run = runCommand([...args], dir);
      if (run.status !== 0) {
        console.log(`  ${label} 失败（退出码 ${run.status}）：${run.stderr.trim().split('\n').slice(-3).join(' ')}`);
        continue;
      }
      const rate = unitMonths / run.seconds;
      console.log(
        `  ${label} ${mib(input)} → ${mib(statSync(join(dir, args[args.length - 1])).size)}：${run.seconds.toFixed(1)} s，${fmt(rate)} 行/秒（${mark(rate >= TARGET_ROWS_PER_SECOND)}，目标 ≥ ${fmt(TARGET_ROWS_PER_SECOND)}），` +
          `峰值内存 ${mib(run.peak)}（${mark(run.peak < TARGET_PEAK_BYTES)}，目标 < ${mib(TARGET_PEAK_BYTES)}），` +
          `CPU 时间 ${run.cpu.toFixed(1)} s（各线程合计），结束时负载 ${loadavg()[0].toFixed(1)}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
