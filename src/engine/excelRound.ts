/**
 * Excel's ROUND: the value is first taken as Excel shows it (15 significant digits), then
 * rounded half away from zero. `Math.round(x * 100) / 100` rounds 92.285 down, because the
 * double nearest 92.285 lies just below it; Excel (and spec §3) rounds it up to 92.29.
 */
export function excelRound(x: number, digits: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const sign = x < 0 ? -1 : 1;
  const [mantissa, exponent] = Math.abs(x).toExponential(14).split('e');
  // Shifting through the decimal string keeps a 15-digit value exact at the rounding point.
  const shifted = Number(`${mantissa}e${Number(exponent) + digits}`);
  if (shifted >= 1e15) return x; // no digit left to round at this precision
  const rounded = Math.floor(shifted + 0.5);
  return sign * Number(`${rounded}e${-digits}`);
}
