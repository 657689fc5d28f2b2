/**
 * Preloaded into a command the benchmark runs (`node --require …/peakReport.js`): at exit, the
 * process's own peak resident memory goes to the file HS_BENCH_PEAK_FILE names.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.HS_BENCH_PEAK_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS * 1024)));
