/**
 * 黄山 2022 (seed 002, 《黄山市"三公里"就业圈试点工作实施方案》): what a district pays a third-party
 * operator and a supervisor for one "三公里" employment-service circle, and the ceiling it must stay
 * within. Every choice the seed makes (or leaves open) is a named setting below, quoting the
 * sentence it comes from.
 */
import { excelRound } from '../engine/excelRound';
import { formatYuan } from '../engine/subsidy';
import { formatNumber, PolicyInputError, roundTo, type RoundingMode } from './policyInputError';

export interface CirclePurchasePolicy {
  id: string;
  zh: string;
  /**
   * The fees are per this many people (万人口 = 10,000).
   * 四(三)：「按照服务费8000元/万人口和监理费2000元/万人口设定」.
   */
  peoplePerUnit: number;
  /** The unit's name in messages. */
  unitName: string;
  /** Yuan per unit for the operator. 四(三)：「服务费8000元/万人口」. */
  serviceFeePerUnit: number;
  /** Yuan per unit for the supervisor. 四(三)：「监理费2000元/万人口」. */
  supervisionFeePerUnit: number;
  /** The population the fees are counted on. 四(三)：「根据试点地区七普常住人口」. */
  costPopulation: string;
  /**
   * Highest total (service + supervision) per unit of the ceiling population.
   * 六(三)：「按照服务城镇人口每万人总费用不高于1万元的标准安排购买运营机构服务及监理机构服务费用」.
   */
  ceilingPerUnit: number;
  /** The population the ceiling is counted on. 六(三)：「服务城镇人口」. */
  ceilingPopulation: string;
  /** 「不高于」: a total equal to the ceiling is within it. */
  ceilingInclusive: boolean;
  /**
   * How a population is turned into units. null: pro rata, 125,000 people are 12.5 万人 — the seed
   * prices "per 万人口" and says nothing of counting whole 万人. A bureau that budgets by whole (or
   * 0.1) 万人 sets { digits, mode } (ROUND, ROUNDUP or ROUNDDOWN of people ÷ peoplePerUnit).
   */
  unitsRounding: { digits: number; mode: RoundingMode } | null;
  /** Amounts are rounded to this many decimals of a yuan (2: to the 分); the seed gives no rule. */
  amountDigits: number;
}

export const HUANGSHAN_2022_CIRCLE: CirclePurchasePolicy = {
  id: 'huangshan-2022',
  zh: '黄山市2022年"三公里"就业圈购买服务',
  peoplePerUnit: 10000,
  unitName: '万人',
  serviceFeePerUnit: 8000,
  supervisionFeePerUnit: 2000,
  costPopulation: '七普常住人口',
  ceilingPerUnit: 10000,
  ceilingPopulation: '城镇人口',
  ceilingInclusive: true,
  unitsRounding: null,
  amountDigits: 2,
};

export interface CirclePurchaseInput {
  /** People, as the 七普 census counts the circle's resident population. */
  residentPopulation: number;
  /** People: the circle's urban population the ceiling is counted on; null when not known (no ceiling check). */
  urbanPopulation: number | null;
}

export interface CeilingCheck {
  /** The urban population in units (万人). */
  units: number;
  /** ceilingPerUnit × units, in yuan. */
  amount: number;
  /** By how much the total exceeds the ceiling; 0 when within. */
  over: number;
  withinCeiling: boolean;
  /** What may be budgeted: the total, held to the ceiling. */
  payable: number;
}

export interface CirclePurchase {
  /** The resident population in units (万人), after unitsRounding. */
  units: number;
  serviceFee: number;
  supervisionFee: number;
  total: number;
  /** null when no urban population was given. */
  ceiling: CeilingCheck | null;
  /** How the amounts were reached, in Chinese. */
  explanation: string;
}

const ROUNDING_WORD: Record<RoundingMode, string> = { halfUp: '四舍五入', up: '向上进位', down: '向下舍去' };

/** A population: a whole, positive number of people. */
function checkPopulation(value: number, label: string, input: keyof CirclePurchaseInput, policy: CirclePurchasePolicy): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new PolicyInputError(`「${label}」应为人数（数字），读到「${String(value)}」`, input);
  if (value < 0) throw new PolicyInputError(`「${label}」不能为负数：${formatNumber(value)}`, input);
  if (value === 0) throw new PolicyInputError(`「${label}」必须大于0`, input);
  if (!Number.isInteger(value)) {
    throw new PolicyInputError(`「${label}」应为整数人数（单位：人），读到${formatNumber(value)}；以${policy.unitName}为单位的人口请乘以${policy.peoplePerUnit}`, input);
  }
  return value;
}

function unitsOf(people: number, policy: CirclePurchasePolicy): number {
  const exact = people / policy.peoplePerUnit;
  const r = policy.unitsRounding;
  return r === null ? exact : roundTo(exact, r.digits, r.mode);
}

function unitsText(people: number, units: number, policy: CirclePurchasePolicy): string {
  const r = policy.unitsRounding;
  const how = r === null ? '' : `（${ROUNDING_WORD[r.mode]}${r.digits === 0 ? `到整${policy.unitName}` : `保留${r.digits}位小数`}）`;
  return `${formatNumber(people)}人，合${formatNumber(units)}${policy.unitName}${how}`;
}

/**
 * The purchase cost of one circle: units × (service + supervision), and, given the urban
 * population, the check against ceilingPerUnit × urban units.
 */
export function circlePurchase(input: CirclePurchaseInput, policy: CirclePurchasePolicy = HUANGSHAN_2022_CIRCLE): CirclePurchase {
  const resident = checkPopulation(input.residentPopulation, policy.costPopulation, 'residentPopulation', policy);
  const urban = input.urbanPopulation === null ? null : checkPopulation(input.urbanPopulation, policy.ceilingPopulation, 'urbanPopulation', policy);
  if (urban !== null && urban > resident) {
    throw new PolicyInputError(
      `「${policy.ceilingPopulation}」${formatNumber(urban)}人多于「${policy.costPopulation}」${formatNumber(resident)}人：城镇人口是常住人口的一部分，请核对两个数是否填反`,
      'urbanPopulation',
    );
  }
  const digits = policy.amountDigits;
  const units = unitsOf(resident, policy);
  // Pro rata, people × rate ÷ 10,000 keeps whole-yuan rates exact (0.8 元 a person is not).
  const priced = (rate: number, u: number, people: number) => excelRound(policy.unitsRounding === null ? (people * rate) / policy.peoplePerUnit : u * rate, digits);
  const serviceFee = priced(policy.serviceFeePerUnit, units, resident);
  const supervisionFee = priced(policy.supervisionFeePerUnit, units, resident);
  const total = excelRound(serviceFee + supervisionFee, digits);
  const why = [
    `${policy.costPopulation}${unitsText(resident, units, policy)}`,
    `服务费${formatYuan(policy.serviceFeePerUnit)}/${policy.unitName}×${formatNumber(units)}＝${formatYuan(serviceFee)}`,
    `监理费${formatYuan(policy.supervisionFeePerUnit)}/${policy.unitName}×${formatNumber(units)}＝${formatYuan(supervisionFee)}`,
    `合计${formatYuan(total)}`,
  ];

  let ceiling: CeilingCheck | null = null;
  if (urban === null) {
    why.push(`未给出${policy.ceilingPopulation}，未核对上限（每${policy.unitName}${policy.ceilingPopulation}总费用不高于${formatYuan(policy.ceilingPerUnit)}）`);
  } else {
    const urbanUnits = unitsOf(urban, policy);
    const amount = priced(policy.ceilingPerUnit, urbanUnits, urban);
    const withinCeiling = policy.ceilingInclusive ? total <= amount : total < amount;
    const over = total > amount ? excelRound(total - amount, digits) : 0;
    ceiling = { units: urbanUnits, amount, over, withinCeiling, payable: Math.min(total, amount) };
    const verdict = total > amount ? `超出上限${formatYuan(over)}，按上限最多安排${formatYuan(amount)}` : total === amount ? (withinCeiling ? '等于上限，未超出' : '等于上限，按规定须低于上限') : `未超过上限，尚余${formatYuan(excelRound(amount - total, digits))}`;
    why.push(`${policy.ceilingPopulation}${unitsText(urban, urbanUnits, policy)}，上限${formatYuan(policy.ceilingPerUnit)}/${policy.unitName}×${formatNumber(urbanUnits)}＝${formatYuan(amount)}，${verdict}`);
  }
  return { units, serviceFee, supervisionFee, total, ceiling, explanation: why.join('；') };
}
