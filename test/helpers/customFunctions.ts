/**
 * CustomFunctions exists only inside Excel. This stand-in provides what functions/functions.ts uses
 * (Error, ErrorCode); import it before the functions module.
 */
export class CustomFunctionsError extends Error {
  constructor(
    public readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}

Object.assign(globalThis, {
  CustomFunctions: {
    Error: CustomFunctionsError,
    ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A', divisionByZero: '#DIV/0!', invalidNumber: '#NUM!', nullReference: '#NULL!', invalidName: '#NAME?', invalidReference: '#REF!' },
    associate: () => undefined,
  },
});

/** The error a function threw, checked to be a CustomFunctions.Error. */
export function errorOf(run: () => unknown): CustomFunctionsError {
  try {
    run();
  } catch (error) {
    if (error instanceof CustomFunctionsError) return error;
    throw error;
  }
  throw new Error('expected the function to return an error value');
}

/** An invocation carrying parameter addresses, as Excel passes with @requiresParameterAddresses. */
export const at = (...parameterAddresses: string[]): CustomFunctions.Invocation => ({ parameterAddresses }) as CustomFunctions.Invocation;
export const NO_ADDRESSES = {} as CustomFunctions.Invocation;
