/**
 * What an HS.* function reports instead of a value. The engine knows nothing of Office: the
 * adapters in functions/ turn this into CustomFunctions.Error, the HyperFormula harness into a
 * CellError. Excel shows a custom message only with #VALUE! and #N/A, so those are the two kinds.
 */
export type FormulaErrorKind = 'value' | 'notAvailable';

export class FormulaError extends Error {
  constructor(
    readonly kind: FormulaErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'FormulaError';
  }
}

/** #VALUE!: an argument is wrong (bad cell, wrong size, unknown code). */
export const badValue = (message: string): FormulaError => new FormulaError('value', message);
/** #N/A: the answer does not exist (a score not in the list, an indicator that does not apply). */
export const notAvailable = (message: string): FormulaError => new FormulaError('notAvailable', message);
