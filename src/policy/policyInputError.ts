/**
 * Bad input to a policy calculation (黄山 2022, 山东 2010, 甘肃 2023 信息设备): a Chinese message
 * and the input it is about, so a caller that knows where the input came from (a worksheet
 * function, a ledger reader) can add the cell. Policy functions never answer 0 for bad input.
 */
import { excelRound } from '../engine/excelRound';

export class PolicyInputError extends Error {
  constructor(
    message: string,
    /** The input the message is about (the key of the input object), when it is one input. */
    readonly input?: string,
    /** For a list input, the index of the offending entry. */
    readonly index?: number,
  ) {
    super(message);
    this.name = 'PolicyInputError';
  }
}

export type RoundingMode = 'halfUp' | 'up' | 'down';

/** Rounds `x ≥ 0` to `digits` decimals: half up as Excel's ROUND, or up (ROUNDUP) or down (ROUNDDOWN). */
export function roundTo(x: number, digits: number, mode: RoundingMode): number {
  if (mode === 'halfUp') return excelRound(x, digits);
  // 0.7 × 10 is 7.000000000000001 in binary: the shifted value is read at 9 decimals before going up or down.
  const shifted = excelRound(x * 10 ** digits, 9);
  return Number(`${mode === 'up' ? Math.ceil(shifted) : Math.floor(shifted)}e${-digits}`);
}

const people = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 6 });
/** 125000 → "125,000"; 12.5 → "12.5". */
export const formatNumber = (n: number): string => people.format(n);

/** 0.8 → "80%"; 0.7333… → "73.33%". */
export const formatPercent = (share: number): string => `${Number((share * 100).toFixed(2))}%`;
