/**
 * The seeds of a fuzz test: a new run seed each run (printed by the test), or FUZZ_SEED=<seed> to
 * replay a run, FUZZ_CASE=<n> one case of it, FUZZ_CASES=<n> the number of cases.
 */
import { prng } from './prng';

const envInt = (name: string): number | null => {
  const v = process.env[name];
  if (v === undefined || v.trim() === '') return null;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got ${v}`);
  return n;
};

export interface FuzzSeeds {
  runSeed: number;
  /** The one case to run (FUZZ_CASE), or null for all. */
  onlyCase: number | null;
  cases: number;
  /** Case n's own seed, derived from the run's seed so that one case can be replayed alone. */
  caseSeed: (n: number) => number;
}

export function fuzzSeeds(defaultCases: number): FuzzSeeds {
  const runSeed = (envInt('FUZZ_SEED') ?? (Date.now() ^ Math.floor(Math.random() * 0x100000000))) >>> 0;
  return {
    runSeed,
    onlyCase: envInt('FUZZ_CASE'),
    cases: envInt('FUZZ_CASES') ?? defaultCases,
    caseSeed: (n) => (prng((runSeed ^ Math.imul(n + 1, 0x9e3779b1)) >>> 0).next() * 0x100000000) >>> 0,
  };
}
