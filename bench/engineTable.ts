/**
 * A synthetic district held column-wise in memory, for the benchmark: values in realistic
 * ranges, every input valid, so the figures measure scoring and nothing else.
 */
import { FIELDS, PARAM_FIELDS } from '../src/fields';
import { createTable, type UnitMonthTable } from '../src/engine/table';
import { prng } from '../src/sample/generateLedger';

export function syntheticTable(unitMonths: number, seed = 1): UnitMonthTable {
  const rand = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const table = createTable(unitMonths, FIELDS.map((f) => f.key));
  const col = (key: string) => table.columns.get(key)!;
  for (let i = 0; i < unitMonths; i++) {
    table.unit[i] = Math.floor(i / 12);
    table.month[i] = (i % 12) + 1;
    // Type codes are indexes into the rule set's unitTypes: Heshan's 社区 0, 村 1.
    table.type[i] = table.unit[i] % 3 === 0 ? 1 : 0;
    for (const f of FIELDS) {
      const c = col(f.key);
      switch (f.kind) {
        case 'size':
          c[i] = int(800, 6000);
          break;
        case 'rate':
          c[i] = 0.8 + rand() * 0.2;
          break;
        case 'average':
          c[i] = int(20, 60);
          break;
        case 'flag':
          c[i] = rand() < 0.9 ? 1 : 0;
          break;
        case 'points':
          c[i] = f.blankIsZero ? (rand() < 0.8 ? 0 : 0.5) : 2;
          break;
        default:
          c[i] = rand() < 0.7 ? 0 : int(0, 40);
      }
    }
  }
  // Parts never exceed wholes in a valid ledger.
  const cap = (part: string, whole: string) => {
    const p = col(part);
    const w = col(whole);
    for (let i = 0; i < unitMonths; i++) if (p[i] > w[i]) p[i] = w[i];
  };
  cap('registeredUnemployed', 'laborForce');
  cap('hardToEmploy', 'laborForce');
  cap('ruralTransferred', 'ruralLabor');
  cap('laborInfoUpdated', 'laborResource');
  cap('overdueReviews', 'selfServiceApplications');
  for (const part of ['gradsFollowedUp', 'gradsServed', 'gradsEmployed']) cap(part, 'gradsRegistered');
  cap('matchSucceeded', 'matchedPersons');
  cap('trainingSubsidized', 'trainingReferredTotal');
  for (const p of PARAM_FIELDS) if (p.kind === 'average') col(p.key).fill(30);
  return table;
}
