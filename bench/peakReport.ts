/**
 * Preloaded into a command the benchmark runs (`node --require …/peakReport.js`): at exit, the
 * process's own peak resident memory and the CPU time of all its threads (zlib's included) go, as
 * JSON, to the file HS_BENCH_PEAK_FILE names.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.HS_BENCH_PEAK_FILE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ peakBytes: usage.maxRSS * 1024, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6 }));
  });
}
