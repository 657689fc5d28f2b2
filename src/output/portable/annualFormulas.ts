/**
 * 年度汇总 in 通用公式: every figure worked out from 月度得分's totals by formulas a spreadsheet
 * program evaluates alike — annual score (spec §3: ROUND of the mean of the scored months), bottom
 * rank (RANK.EQ as COUNTIF of lower scores, ruling R6), 末位淘汰, group flag, the 3:4:3 tiers
 * (ruling R7), level amount, group deduction (R8) and year-end total — with ruling R9: a unit
 * without an annual score, and every verdict or amount it could change, reads 待核实, never a
 * number (src/engine/ranking.ts and subsidy.ts, decision by decision).
 *
 * A unit's 认定层级, 小组 and 带动奖励 are read when the sheet is written (so are its name and type):
 * its levels are then known, and each amount is one IF chain over that unit's own levels.
 */
import { mayBeTiered, readLevels, TIER_NAME } from '../../engine/subsidy';
import type { LevelRule, SubsidyPolicy, TierRule } from '../../policy/types';
import { columnLetter } from '../../read/address';
import { PENDING, type ScoreResult } from '../../result';
import type { RankingRulings } from '../../rules/vocabulary';
import { amount, annualSheet, ANNUAL_SHEET, MONEY, RECOGNISED_COLUMN, type SheetColumn, type SheetTable, type SheetValue } from '../sheets';
import { literal, num, text } from './formulaText';

const P = text(PENDING);
const YES = text('是');
const NO = text('否');
const MONTHS = Array.from({ length: 12 }, (_, m) => m + 1);
/** Whether a unit takes part in the 3:4:3 tiers (ruling R7): 是, 否, or 待核实 while its score or 末位淘汰 is. */
export const POOL_COLUMN = '参加分档';

/** What a level chain gives at each of its ends (subsidy.ts's entitlement, one decision at a time). */
interface LevelLeaves {
  /** The unit has no annual score (ruling R9). */
  noScore: string;
  /** Its 认定层级 cannot be read (it has a score). */
  unreadable: string;
  /** No level, or none whose minimum score it reaches. */
  none: string;
  /** Its level, but 末位淘汰 (the policy forfeits the amount). */
  eliminated(level: LevelRule): string;
  /** Its level, and 末位淘汰 is 待核实. */
  eliminationPending(level: LevelRule): string;
  pay(level: LevelRule): string;
}

interface UnitCells {
  score: string;
  eliminated: string;
}

/** A unit's entitlement as nested IFs over its own levels, highest first (readLevels' order). */
function levelChain(levels: readonly LevelRule[] | null, cells: UnitCells, policy: SubsidyPolicy, leaves: LevelLeaves): string {
  const chain = (i: number): string => {
    if (levels === null) return leaves.unreadable;
    if (i === levels.length) return leaves.none;
    const level = levels[i];
    const e = cells.eliminated;
    const paid = policy.eliminatedForfeit
      ? `IF(${e}=${YES},${leaves.eliminated(level)},IF(${e}=${P},${leaves.eliminationPending(level)},${leaves.pay(level)}))`
      : leaves.pay(level);
    return level.minScore === undefined ? paid : `IF(${cells.score}<${num(level.minScore)},${chain(i + 1)},${paid})`;
  };
  return `IF(ISNUMBER(${cells.score}),${chain(0)},${leaves.noScore})`;
}

/** The tier formulas of one pooled unit: its position among the pool by score, highest first, and R7's cut-offs. */
interface TierFormulas {
  /** 1, 2 or 3 for 一档, 二档, 三档. */
  index: string;
  /** Units whose place in the pool is 待核实: while any is, every tier is (ruling R9). */
  undecided: string;
}

function tierFormulas(rule: TierRule, pool: string, scores: string, score: string, above: { pool: string; scores: string } | null): TierFormulas {
  const n = `COUNTIF(${pool},"是")`;
  // Ties join the higher tier: a unit's place is that of the first unit with its score.
  const ahead = `COUNTIFS(${pool},"是",${scores},">"&${score})`;
  const position = rule.tiesJoinHigherTier || above === null ? ahead : `${ahead}+COUNTIFS(${above.pool},"是",${above.scores},${score})`;
  const top = `ROUND(${num(rule.topShare)}*${n},0)`;
  const bottom = `MIN(${n}-${top},ROUND(${num(rule.bottomShare)}*${n},0))`;
  return { index: `IF(${position}<${top},1,IF(${position}>=${n}-${bottom},3,2))`, undecided: `COUNTIF(${pool},${P})>0` };
}

/** A COUNTIFS criterion matching exactly this text: wildcards and a leading operator escaped. */
const exactly = (s: string): string => text(`=${s.replace(/[~*?]/g, (c) => `~${c}`)}`);

export interface AnnualFormulaOptions {
  ranking: RankingRulings;
  policy: SubsidyPolicy;
  /** 月度得分's total cell of each unit's scored months: unit index → month → address. */
  totals: ReadonlyMap<number, ReadonlyMap<number, string>>;
}

export function annualFormulas(result: ScoreResult, options: AnnualFormulaOptions): SheetTable {
  const { ranking, policy } = options;
  const base = annualSheet(result);
  const tiered = policy.tiers !== null && policy.levels.some((l) => l.tiered);
  const columns: SheetColumn[] = [...base.columns];
  if (tiered) columns.splice(columns.findIndex((c) => c.header === '补贴档次'), 0, { header: POOL_COLUMN, kind: 'text' });
  columns.push(...MONTHS.map((m): SheetColumn => ({ header: `${m}月`, kind: 'points' })));
  const col = (header: string) => {
    const k = columns.findIndex((c) => c.header === header);
    if (k < 0) throw new Error(`内部错误：年度汇总没有「${header}」列`);
    return k;
  };
  const L = (header: string) => columnLetter(col(header));
  const n = result.units.length;
  const last = n + 1;
  const all = (header: string) => `$${L(header)}$2:$${L(header)}$${last}`;
  const scores = all('年度得分');
  const eliminations = all('末位淘汰');
  const monthLetters = MONTHS.map((m) => L(`${m}月`));

  const groupNames = [...new Set(result.units.map((u) => u.group).filter((g): g is string => g !== null))];
  const folded = new Map<string, string>();
  for (const g of groupNames) {
    const other = folded.get(g.toLowerCase());
    if (other !== undefined) throw new Error(`小组「${other}」与「${g}」仅字母大小写不同，表格程序的计数函数不区分大小写，无法写成通用公式；请统一小组名称`);
    folded.set(g.toLowerCase(), g);
  }

  const rows: SheetValue[][] = result.units.map((unit, i) => {
    const r = i + 2;
    const at = (header: string) => `${L(header)}${r}`;
    const cells: UnitCells = { score: at('年度得分'), eliminated: at('末位淘汰') };
    const row: SheetValue[] = columns.map(() => null);
    const put = (header: string, v: SheetValue) => (row[col(header)] = v);
    const s = unit.subsidy;
    put('单位名称', literal(unit.unit));
    put('类型', literal(unit.type));
    put('所属乡镇', literal(unit.town));
    put('小组', literal(unit.group));
    put('认定层级', literal(unit.level));
    put('带动奖励', amount(s.reward));
    put('启动资金(不计入)', s.startupFund);
    const months = options.totals.get(i);
    MONTHS.forEach((m) => put(`${m}月`, months?.has(m) ? `=${months.get(m)}` : null));
    const monthRange = `${monthLetters[0]}${r}:${monthLetters[11]}${r}`;
    const score = cells.score;

    put('计分月数', `=COUNT(${monthRange})`);
    put('缺少月份', `=MID(${MONTHS.map((m, k) => `IF(ISNUMBER(${monthLetters[k]}${r}),"",${text(`、${m}月`)})`).join('&')},2,99)`);
    put('年度得分', `=IF(COUNT(${monthRange})=0,${P},ROUND(AVERAGE(${monthRange}),${ranking.annualDecimals}))`);
    if (ranking.recognitionLine !== undefined) put(RECOGNISED_COLUMN, `=IF(ISNUMBER(${score}),IF(${score}>=${num(ranking.recognitionLine)},${YES},${NO}),${P})`);
    // Ruling R6: 1 + the scored units strictly lower; units without a score neither ranked nor counted.
    const rank = at('倒数排名');
    put('倒数排名', `=IF(ISNUMBER(${score}),COUNTIF(${scores},"<"&${score})+1,${P})`);
    // Ruling R9: each unscored unit could rank below this one, pushing its rank up by one.
    const bottomN = num(ranking.eliminationBottomN);
    put('末位淘汰', `=IF(ISNUMBER(${score}),IF(OR(${score}>=${num(ranking.eliminationThreshold)},${rank}>${bottomN}),${NO},IF(${rank}+COUNTIF(${scores},${P})<=${bottomN},${YES},${P})),${P})`);
    if (unit.group === null) put('小组连带', '否');
    else {
      const criterion = /^[=<>]|[~*?]/.test(unit.group) ? exactly(unit.group) : at('小组');
      const members = (verdict: string) => `COUNTIFS(${all('小组')},${criterion},${eliminations},${verdict})`;
      put('小组连带', `=IF(${members(YES)}>0,${YES},IF(${members(P)}>0,${P},${NO}))`);
    }

    const reading = readLevels(unit.level, policy);
    const levels = reading.ok ? reading.levels : null;
    const pool = tiered ? all(POOL_COLUMN) : '';
    const tiers = policy.tiers && tiered ? tierFormulas(policy.tiers, pool, scores, score, r > 2 ? { pool: `$${L(POOL_COLUMN)}$2:$${L(POOL_COLUMN)}$${r - 1}`, scores: `$${L('年度得分')}$2:$${L('年度得分')}$${r - 1}` } : null) : null;
    if (tiered) {
      put(POOL_COLUMN, `=${levelChain(levels, cells, policy, {
        noScore: levels !== null && mayBeTiered(levels) ? P : NO,
        unreadable: `IF(${cells.eliminated}=${YES},${NO},${P})`,
        none: NO,
        eliminated: () => NO,
        eliminationPending: (l) => (l.tiered ? P : NO),
        pay: (l) => (l.tiered ? YES : NO),
      })}`);
    }
    const tierAmount = (l: LevelRule): string => {
      if (!l.tiered) return num(l.amount);
      if (!tiers || !policy.tiers) return '0'; // the policy sets no tier amounts
      const { top, middle, bottom } = policy.tiers.amounts;
      return `IF(${tiers.undecided},${P},CHOOSE(${tiers.index},${num(top)},${num(middle)},${num(bottom)}))`;
    };
    const tierName = (l: LevelRule): string => {
      if (!l.tiered || !tiers) return text(l.level);
      return `IF(${tiers.undecided},${P},${text(l.level)}&CHOOSE(${tiers.index},${text(TIER_NAME.top)},${text(TIER_NAME.middle)},${text(TIER_NAME.bottom)}))`;
    };
    put('补贴档次', `=${levelChain(levels, cells, policy, { noScore: P, unreadable: P, none: '""', eliminated: (l) => text(l.level), eliminationPending: () => P, pay: tierName })}`);
    put('层级补助', `=${levelChain(levels, cells, policy, { noScore: P, unreadable: P, none: '0', eliminated: () => '0', eliminationPending: () => P, pay: tierAmount })}`);
    // Ruling R8: once per flagged group, none for the eliminated unit itself; 待核实 while either verdict is.
    const flag = at('小组连带');
    const deduction = at('小组扣减');
    put('小组扣减', policy.groupDeduction === 0 ? 0 : `=IF(OR(${cells.eliminated}=${YES},${flag}=${NO}),0,IF(AND(${cells.eliminated}=${NO},${flag}=${YES}),${num(policy.groupDeduction)},${P}))`);
    const levelAmount = at('层级补助');
    const reward = at('带动奖励');
    const total = at('年终补贴合计');
    // From a level amount of 0 no deduction can take anything: certain even while the deduction is not.
    put('年终补贴合计', `=IF(NOT(ISNUMBER(${reward})),${P},IF(NOT(ISNUMBER(${levelAmount})),${P},IF(NOT(ISNUMBER(${deduction})),IF(${levelAmount}=0,${reward},${P}),MAX(0,${levelAmount}-${deduction})+${reward})))`);
    const tier = at('补贴档次');
    const paid = `IF(${cells.eliminated}=${YES},IF(${tier}="","",${tier}&"，")&"列入末位淘汰，不给予资金补助",IF(${tier}="","无层级补助",${tier}&"，层级补助"&${levelAmount}&"元"))`;
    const extras = `IF(N(${deduction})>0,"，所在老带新小组有末位淘汰单位，扣减"&${deduction}&"元","")&IF(N(${reward})>0,"，带动奖励"&${reward}&"元","")`;
    put('说明', `=IF(NOT(ISNUMBER(${score})),"${PENDING}：本单位没有年度得分（见问题清单）",IF(NOT(ISNUMBER(${total})),"${PENDING}（裁定R9）：取决于有错误的数据或尚无年度得分的单位，见问题清单",${paid}&${extras}&"，年终合计"&${total}&"元"))`);
    return row;
  });

  const totalRow: SheetValue[] = columns.map(() => null);
  totalRow[0] = '合计';
  for (const header of MONEY) {
    const range = all(header);
    totalRow[col(header)] = n === 0 ? 0 : `=IF(COUNTIF(${range},${P})>0,${P},SUM(${range}))`;
  }
  const count = (verdict: string) => `COUNTIF(${eliminations},${verdict})`;
  const recognised = ranking.recognitionLine === undefined ? '' : `&"，认定"&COUNTIF(${all(RECOGNISED_COLUMN)},${YES})&"个（${ranking.recognitionLine}分以上）"`;
  totalRow[col('说明')] = n === 0 ? '共0个单位' : `="共${n}个单位"${recognised}&"，末位淘汰"&${count(YES)}&"个"&IF(${count(P)}>0,"，末位淘汰${PENDING}"&${count(P)}&"个","")`;
  rows.push(totalRow);
  return { name: ANNUAL_SHEET, columns, rows, totalRow: rows.length - 1 };
}
