/**
 * 认定: a unit whose annual score reaches the rubric's recognition line is recognised (永嘉: every
 * unit scoring 85 or more), independent of 末位淘汰; and the share of units recognised against the
 * rubric's targets, for all units or per unit type (从化: 社区 75 %, 村 70 %). Ruling R9 holds: a unit
 * without an annual score is 待核实 (null), and a share it could change is 待核实 too, never a guess.
 */
import { formatPercent } from '../policy/policyInputError';
import { meets, neededFor } from '../policy/shandong2010';
import { PENDING } from '../result';
import type { ShareTarget } from '../rules/vocabulary';

/** 「以上」包括本数: reaching a share target exactly meets it (as 山东 2010's 80 %以上). */
const INCLUSIVE = true;

/** Recognised when the annual score reaches the line; null (待核实) without a score. */
export function isRecognised(annual: number | null, line: number): boolean | null {
  return annual === null ? null : annual >= line;
}

export interface RecognitionShare {
  /** The unit type measured; null for every unit together. */
  unitType: string | null;
  /** Units of the type (every unit for null). */
  units: number;
  /** Units certainly recognised. */
  recognised: number;
  /** Units whose recognition is 待核实 (no annual score), or whose type is unknown and could be this one. */
  pending: number;
  /** recognised ÷ units; null while pending units could change it. */
  share: number | null;
  target: number;
  /** null = 待核实: the pending units decide it. */
  meetsTarget: boolean | null;
  /** The fewest recognised units that meet the target; null while the number of units is not known. */
  needed: number | null;
  /** needed − recognised (0 when met); null with needed. */
  shortfall: number | null;
  explanation: string;
}

export interface RecognitionUnit {
  unit: string;
  type: string | null;
  recognised: boolean | null;
}

/**
 * The share of each target's units recognised. A unit of unknown type may belong to any typed
 * target: the verdict is certain only when it holds whichever types those units turn out to be
 * (the unrecognised ones joining makes the share lowest, the recognised ones highest).
 */
export function recognitionShares(units: readonly RecognitionUnit[], targets: readonly ShareTarget[]): RecognitionShare[] {
  return targets.map(({ unitType, share: target }) => {
    const own = unitType === null ? units : units.filter((u) => u.type === unitType);
    const unknown = unitType === null ? [] : units.filter((u) => u.type === null);
    const recognised = own.filter((u) => u.recognised === true).length;
    const pendingOwn = own.filter((u) => u.recognised === null).length;
    // Worst case: every pending unit unrecognised, every unrecognised unit of unknown type joins.
    const worst = { count: recognised, total: own.length + unknown.filter((u) => u.recognised !== true).length };
    // Best case: every pending unit recognised, every recognised-or-pending unit of unknown type joins.
    const hopeful = unknown.filter((u) => u.recognised !== false).length;
    const best = { count: recognised + pendingOwn + hopeful, total: own.length + hopeful };
    const noun = unitType ?? '单位';
    const goal = `${formatPercent(target)}以上`;
    const pending = pendingOwn + unknown.length;
    if (best.total === 0) {
      return { unitType, units: 0, recognised: 0, pending, share: null, target, meetsTarget: null, needed: null, shortfall: null, explanation: `没有${unitType === null ? '任何单位' : `类型为「${unitType}」的单位`}，无法计算认定占比` };
    }
    const certainlyMet = worst.total > 0 && meets(worst.count, worst.total, target, INCLUSIVE);
    const certainlyMissed = !meets(best.count, best.total, target, INCLUSIVE);
    const meetsTarget = certainlyMet ? true : certainlyMissed ? false : null;
    const settled = pending === 0;
    const needed = unknown.length === 0 ? neededFor(own.length, target, INCLUSIVE) : null;
    const shortfall = needed === null || !settled ? null : Math.max(0, needed - recognised);
    const share = settled ? recognised / own.length : null;
    const head = `${unitType === null ? '' : `${unitType}：`}认定${recognised}个`;
    let explanation: string;
    if (settled) {
      explanation = `${head}，占${noun}总数${own.length}个的${formatPercent(share!)}，` + (meetsTarget ? `达到${goal}的目标` : `未达到${goal}的目标，至少需${needed}个，还差${shortfall}个`);
    } else {
      const open = [pendingOwn ? `${pendingOwn}个没有年度得分` : '', unknown.length ? `${unknown.length}个类型不明的单位可能属于此类` : ''].filter(Boolean).join('，');
      const verdict = meetsTarget === null ? `是否达到${goal}的目标${PENDING}` : meetsTarget ? `无论其结果如何都已达到${goal}的目标` : `无论其结果如何都达不到${goal}的目标`;
      explanation = `${head}（另有${open}），${verdict}`;
    }
    return { unitType, units: own.length, recognised, pending, share, target, meetsTarget, needed, shortfall, explanation };
  });
}

/** 80 % → "80%"; a type's target → "社区 75%"; several joined by "；" (the 评分细则 and --target syntax). */
export function shareTargetsText(targets: readonly ShareTarget[]): string {
  return targets.map((t) => `${t.unitType === null ? '' : `${t.unitType} `}${Number((t.share * 100).toFixed(10))}%`).join('；');
}

/**
 * Share targets as an analyst writes them: one share for every unit (`80%`, `0.8`), or one per unit
 * type (`社区 75%；村 70%`, `社区=75%,村=70%`). A type outside `unitTypes` (when given) is refused.
 */
export function parseShareTargets(text: string, unitTypes?: readonly string[]): { ok: true; targets: ShareTarget[] } | { ok: false; error: string } {
  const targets: ShareTarget[] = [];
  const parts = text.normalize('NFKC').split(/[；;，,、]/).map((p) => p.trim()).filter(Boolean);
  if (!parts.length) return { ok: false, error: '占比目标未填写，应写作比例（80%）或「类型 比例」（社区 75%；村 70%）' };
  for (const part of parts) {
    const m = /^(.*?)\s*[:=]?\s*(\d+(?:\.\d+)?)\s*(%?)$/.exec(part);
    if (!m) return { ok: false, error: `占比目标「${part}」应写作比例（80%）或「类型 比例」（社区 75%）` };
    const unitType = m[1] === '' ? null : m[1];
    if (unitType !== null && unitTypes && !unitTypes.includes(unitType)) return { ok: false, error: `占比目标的类型「${unitType}」不是单位类型（${unitTypes.join('、')}）` };
    const n = Number(m[2]);
    const share = m[3] === '%' || n > 1 ? n / 100 : n;
    if (!(share > 0 && share <= 1)) return { ok: false, error: `占比目标「${part}」应大于0且不超过100%` };
    if (targets.some((t) => t.unitType === unitType)) return { ok: false, error: `占比目标中「${unitType ?? '全部单位'}」写了两次` };
    targets.push({ unitType, share });
  }
  if (targets.length > 1 && targets.some((t) => t.unitType === null)) return { ok: false, error: '占比目标不能既写全部单位的比例，又写按类型的比例' };
  return { ok: true, targets };
}
