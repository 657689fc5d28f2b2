/*
 * HS.* custom functions: thin adapters from worksheet cells to the engine in src/.
 *
 * The JSDoc blocks are the functions' metadata: custom-functions-metadata-plugin turns them into
 * functions.json at build time (ids, Chinese descriptions, parameter help) and appends the
 * CustomFunctions.associate(...) calls to this module, so nothing here registers by hand.
 * Functions throw CustomFunctions.Error with a Chinese message for bad input, never return a silent 0.
 */
import { annualScore } from '../src/engine/ranking';
import { HESHAN_2024 } from '../src/rules/heshan2024';

/** A cell's place inside the argument's range, 1-based, as the analyst sees it. */
function cellPosition(row: number, column: number): string {
  return `第${row + 1}行第${column + 1}列`;
}

/**
 * A finite number, or undefined. Besides plain numbers, an "any" parameter receives Excel data types
 * as objects (functions.json has allowCustomDataForDataTypeAny): a formatted number counts by its
 * basic value; entities and other data types do not.
 */
function numericValue(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'object' && value !== null) {
    const { basicType, basicValue } = value as { basicType?: unknown; basicValue?: unknown };
    if (basicType === 'Double' && typeof basicValue === 'number' && Number.isFinite(basicValue)) return basicValue;
  }
  return undefined;
}

/** How a rejected cell is quoted in the message. */
function shownAs(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'object' && value !== null) {
    const { basicValue } = value as { basicValue?: unknown };
    return basicValue === undefined ? '数据类型' : String(basicValue);
  }
  return String(value);
}

/**
 * Blank cells are skipped. Excel on the web passes an empty cell as null (or "" from a formula
 * that returns ""); Excel on Windows/Mac passes an empty cell in a range as 0 (office-js #4702,
 * #5262), which no function can tell from a typed 0.
 */
function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

// The parameter is `any[][]` (metadata type "any"), not `number[][]`: with a number parameter Excel
// turns a text cell into a bare #VALUE! before the function runs, and the analyst never learns which
// cell it was.
/**
 * 年度得分：各月月度总分的平均值，按 Excel 的 ROUND(平均值, 2) 保留两位小数（四舍五入）。空白单元格不计入平均；区域中有文字等非数字内容时返回 #VALUE! 并指出所在单元格。
 * @customfunction ANNUAL
 * @param monthlyTotals 该社区(村)各月的月度总分所在区域，例如 B2:M2；空白月份不计入平均。
 * @returns 年度得分，保留两位小数。
 */
export function annual(monthlyTotals: any[][]): number {
  const totals: number[] = [];
  const bad: string[] = [];
  monthlyTotals.forEach((row: unknown[], r) => {
    row.forEach((value, c) => {
      if (isBlank(value)) return;
      const number = numericValue(value);
      if (number !== undefined) {
        totals.push(number);
        return;
      }
      const hint = typeof value === 'string' && Number.isFinite(Number(value)) ? '（文本格式的数字，请转换为数字）' : '';
      bad.push(`${cellPosition(r, c)}「${shownAs(value)}」${hint}`);
    });
  });
  if (bad.length > 0) {
    const more = bad.length > 1 ? `等 ${bad.length} 处` : '';
    throw new CustomFunctions.Error(
      CustomFunctions.ErrorCode.invalidValue,
      `月度得分中有非数字的单元格：${bad[0]}${more}`,
    );
  }
  const score = annualScore(totals, HESHAN_2024.ranking.annualDecimals);
  if (score === null) {
    throw new CustomFunctions.Error(
      CustomFunctions.ErrorCode.invalidValue,
      '月度得分区域中没有任何数字，无法计算年度得分',
    );
  }
  return score;
}
