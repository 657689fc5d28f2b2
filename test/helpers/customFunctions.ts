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

/**
 * The functions module as a cell calls it, for tests written against the functions' arguments:
 * the last argument given is the invocation, omitted optional parameters arrive as null (as Excel
 * passes them), and a function that answers one value as a 1×1 matrix (so that Excel gives it
 * parameter addresses) reads as that value, as the cell shows it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CellCalls<T> = { [K in keyof T]: T[K] extends (...args: any[]) => unknown ? (...args: any[]) => any : T[K] };

export function asCells<T extends object>(module: T): CellCalls<T> {
  return new Proxy(module as CellCalls<T>, {
    get(target, name) {
      const fn = (target as Record<string | symbol, unknown>)[name];
      if (typeof fn !== 'function') return fn;
      return (...args: unknown[]) => {
        const invocation = args[args.length - 1];
        const given = args.slice(0, -1);
        const padded = [...given, ...new Array(Math.max(0, fn.length - 1 - given.length)).fill(null)];
        const result = (fn as (...a: unknown[]) => unknown)(...padded, invocation);
        return ONE_VALUE.has(String(name)) && Array.isArray(result) && result.length === 1 && Array.isArray(result[0]) && result[0].length === 1 ? result[0][0] : result;
      };
    },
  });
}

/** Functions whose answer is one value (returned as a 1×1 matrix). */
const ONE_VALUE = new Set(['jobRate', 'hardRate', 'rate', 'score', 'monthScore', 'annual', 'circleCost', 'fullShare', 'topShare', 'equipCheck', 'tracked', 'service131', 'townRate']);
