/// <reference types="custom-functions-runtime" />
/**
 * The HS.* custom functions in HyperFormula, a real formula engine, called the way Excel calls them.
 *
 * Nothing is declared by hand: the functions come from the metadata the official generator
 * (custom-functions-metadata, the same code as the webpack plugin) writes for functions/functions.ts
 * — ids, parameters, scalar/matrix dimensionality, optional flags, result dimensionality,
 * requiresParameterAddresses — bound to that module's exports by name (JOBRATE ↔ jobRate,
 * case-insensitively). Each becomes `HS.<ID>` in HyperFormula.
 *
 * Arguments as Excel passes them:
 * - a matrix parameter gets a 2-D array of values (a single value becomes [[v]]); a scalar parameter
 *   gets the value (a 1×1 range its one value; a larger range is passed as its matrix, where Excel
 *   would lift the call over the cells); an empty cell, an empty argument and an omitted optional
 *   parameter are null;
 * - the last argument is the invocation; with requiresParameterAddresses and a matrix result (the
 *   only case Microsoft documents) it carries one `parameterAddresses` entry per declared parameter:
 *   the sheet-qualified A1 address of a reference or range argument (`台账!B5:C5`, `'My Sheet'!A1`),
 *   '' for anything else (a constant, an expression such as IFERROR(range,""), an omitted parameter);
 *   a scalar function gets none, as it may in Excel;
 * - an error value in an argument (or in a cell of a range): the generated metadata does not set
 *   allowErrorForDataTypeAny, so, as in Excel, the function is not called and the first error found
 *   (parameters in order, cells row by row) is the result. With allowErrorForDataTypeAny the error
 *   would reach an "any" parameter as an error data type ({ type: 'Error', basicValue: '#N/A', … }).
 *
 * Results: a thrown CustomFunctions.Error becomes a CellError of its kind (#VALUE!, #N/A …) with its
 * message; any other exception is #VALUE!, as in Excel. A matrix result spills (a 1×1 one is shown as
 * its value), an error object in it becomes a CellError in its cell. HyperFormula sizes a spill when
 * it parses the formula, before any value is known, so a matrix function's size comes from its
 * arguments' shapes (the district functions and HS.ANNUALS from their first range, HS.MONTHSCORES from
 * its rows, the item functions from HS.ITEMS of their `rubric` argument), or from calling it when all
 * its arguments are constants (HS.INPUTS("E1")); a call that can be sized neither way is #VALUE! if its
 * result is larger than a cell.
 *
 * Every call is metered (callMeter): calls, the JSON bytes of its arguments and result (what would
 * cross into JavaScript in Excel), and the seconds spent inside the function.
 */
import { ArraySize, CellError, EmptyValue, ErrorType, FunctionPlugin, HyperFormula, SimpleRangeValue, type ImplementedFunctions } from 'hyperformula';
import type { InterpreterState } from 'hyperformula/typings/interpreter/InterpreterState';
import type { InternalScalarValue, InterpreterValue } from 'hyperformula/typings/interpreter/InterpreterValue';
import type { Ast, CellRangeAst, CellReferenceAst, NumberAst, ParenthesisAst, ProcedureAst, StringAst } from 'hyperformula/typings/parser/Ast';
import { generateCustomFunctionsMetadata, type IFunction } from 'custom-functions-metadata';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CustomFunctionsError } from './customFunctions'; // installs the CustomFunctions stub first
import * as hsExports from '../../functions/functions';
import { a1, quoteSheetName } from '../../src/read/address';

/** functions.json as the generator writes it. */
export interface FunctionsJson {
  allowCustomDataForDataTypeAny?: boolean;
  allowErrorForDataTypeAny?: boolean;
  functions: IFunction[];
}

export interface HsRegistration {
  metadata: FunctionsJson;
  /** HyperFormula id (`HS.MONTHSCORE`) → the export of functions/functions.ts it calls (`monthScore`). */
  exportOf: ReadonlyMap<string, string>;
  /**
   * Calls the recorded calls again, each from its own serialized arguments, and returns the seconds
   * spent inside the functions: the same work in a heap that does not also hold the workbook, as
   * Excel's custom-function runtime does not.
   */
  replay(calls: readonly RecordedCall[]): number;
}

/** One call's arguments, kept outside the JavaScript heap (a Buffer of JSON) until it is replayed. */
export interface RecordedCall {
  id: string;
  args: Buffer;
  invocation: unknown;
}

/** While `on`, every call's arguments are recorded in `calls`. */
export const callRecorder: { on: boolean; calls: RecordedCall[] } = { on: false, calls: [] };

/** Functions as wide as HS.ITEMS (one column per reported item), and the position of their `rubric` argument. */
const ITEMS_WIDE: Readonly<Record<string, { rubric: number; extra: number; rowsFrom?: number }>> = {
  ITEMS: { rubric: 0, extra: 0 },
  BREAKDOWN: { rubric: 5, extra: 0 },
  MONTHSCORES: { rubric: 3, extra: 1, rowsFrom: 1 },
};
/** Functions whose answer has the shape of their first argument (one per unit of a column). */
const COLUMN_SHAPED: ReadonlySet<string> = new Set(['BOTTOMRANK', 'ELIMINATED', 'GROUPFLAG', 'SUBSIDY']);
/** Functions answering one value per row of their first argument (HS.ANNUALS: a unit per row of months). */
const ONE_PER_ROW: ReadonlySet<string> = new Set(['ANNUALS']);
/** Functions answering one column per cell of an argument: HS.SUBSIDY's parts. */
const COLUMNS_FROM: Readonly<Record<string, number>> = { SUBSIDY: 7 };

/** What every HS.* call cost, as Excel would feel it: calls, the JSON bytes crossing into JavaScript, time inside the functions. */
export interface CallMeter {
  calls: number;
  /** Arguments and result as JSON, in bytes. */
  bytes: number;
  /** The largest single call's bytes. */
  maxCallBytes: number;
  /** Seconds spent inside the functions. */
  seconds: number;
  byFunction: Map<string, { calls: number; seconds: number; bytes: number }>;
}

export const callMeter: CallMeter = { calls: 0, bytes: 0, maxCallBytes: 0, seconds: 0, byFunction: new Map() };

export function resetCallMeter(): void {
  Object.assign(callMeter, { calls: 0, bytes: 0, maxCallBytes: 0, seconds: 0, byFunction: new Map() });
}

const jsonBytes = (v: unknown): number => Buffer.byteLength(JSON.stringify(v, (_k, x) => (x instanceof Error ? { code: (x as { code?: string }).code, message: x.message } : x)) ?? '');

type JsFunction = (...args: unknown[]) => unknown;

/** Excel's error values by HyperFormula error type, for error data types and messages. */
const ERROR_TEXT: Partial<Record<ErrorType, string>> = {
  [ErrorType.DIV_BY_ZERO]: '#DIV/0!', [ErrorType.NAME]: '#NAME?', [ErrorType.VALUE]: '#VALUE!', [ErrorType.NUM]: '#NUM!',
  [ErrorType.NA]: '#N/A', [ErrorType.REF]: '#REF!', [ErrorType.SPILL]: '#SPILL!',
};
const ERROR_TYPE: Readonly<Record<string, ErrorType>> = Object.fromEntries(Object.entries(ERROR_TEXT).map(([type, text]) => [text, type as ErrorType]));

/** The folder holding functions/functions.ts: the repository, from test/helpers or its compiled copy in lib/. */
function repositoryRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'functions', 'functions.ts'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`functions/functions.ts not found above ${__dirname}`);
  }
}

let registration: Promise<HsRegistration> | undefined;

/** Registers every HS.* function with HyperFormula (once per process; later calls return the same). */
export function registerHsFunctions(): Promise<HsRegistration> {
  return (registration ??= register());
}

async function register(): Promise<HsRegistration> {
  const generated = await generateCustomFunctionsMetadata(path.join(repositoryRoot(), 'functions', 'functions.ts'));
  if (generated.errors.length > 0) throw new Error(`custom-functions-metadata: ${generated.errors.join('; ')}`);
  const metadata = JSON.parse(generated.metadataJson) as FunctionsJson;
  const exported = hsExports as unknown as Record<string, unknown>;
  const bound = new Map<string, { fn: IFunction; impl: JsFunction; name: string }>();
  for (const fn of metadata.functions) {
    const name = Object.keys(exported).find((key) => key.toLowerCase() === fn.id.toLowerCase());
    if (name === undefined || typeof exported[name] !== 'function') throw new Error(`functions/functions.ts exports no function for ${fn.id}`);
    bound.set(fn.id, { fn, impl: exported[name] as JsFunction, name });
  }

  const allowErrors = metadata.allowErrorForDataTypeAny === true;
  const implementedFunctions: ImplementedFunctions = {};

  class HsPlugin extends FunctionPlugin {
    /** Calls the bound function with Excel's arguments; CellError for what Excel shows as an error. */
    call(id: string, ast: ProcedureAst, state: InterpreterState): InterpreterValue {
      const { fn, impl } = bound.get(id)!;
      const args = ast.args;
      const required = fn.parameters.filter((p) => !p.optional).length;
      if (args.length > fn.parameters.length || args.length < required) {
        return new CellError(ErrorType.NA, `HS.${id} takes ${required}–${fn.parameters.length} arguments, got ${args.length}`);
      }
      let firstError: CellError | undefined;
      const value = (v: InternalScalarValue): unknown => {
        if (v instanceof CellError) {
          firstError ??= v;
          return { type: 'Error', basicType: 'Error', basicValue: ERROR_TEXT[v.type] ?? '#VALUE!', errorType: v.type };
        }
        if (v === EmptyValue) return null;
        return typeof v === 'object' ? v.val : v; // a RichNumber (date, percent …) by its number
      };
      const values = fn.parameters.map((p, i) => {
        const arg = args[i];
        if (arg === undefined || arg.type === ('EMPTY' as Ast['type'])) return null;
        const v = this.evaluateAst(arg, state);
        if (v instanceof SimpleRangeValue) {
          const matrix = v.data.map((row) => row.map(value));
          return p.dimensionality === 'matrix' || matrix.length !== 1 || matrix[0].length !== 1 ? matrix : matrix[0][0];
        }
        return p.dimensionality === 'matrix' ? [[value(v)]] : value(v);
      });
      if (firstError && !allowErrors) return firstError;
      // Microsoft documents parameter addresses only for functions whose result is a matrix: a
      // scalar function here gets none, as it may in Excel, and its messages must still say where.
      const addresses = fn.options?.requiresParameterAddresses && fn.result?.dimensionality === 'matrix';
      const invocation = addresses ? { parameterAddresses: fn.parameters.map((_, i) => this.addressOf(args[i], state)) } : {};

      let result: unknown;
      const started = process.hrtime.bigint();
      try {
        result = impl(...values, invocation);
      } catch (error) {
        result = error;
      }
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const bytes = jsonBytes(values) + jsonBytes(result); // after the timing: sizing is not the function's time
      if (callRecorder.on) callRecorder.calls.push({ id, args: Buffer.from(JSON.stringify(values)), invocation });
      callMeter.calls++;
      callMeter.seconds += seconds;
      callMeter.bytes += bytes;
      callMeter.maxCallBytes = Math.max(callMeter.maxCallBytes, bytes);
      const own = callMeter.byFunction.get(id) ?? { calls: 0, seconds: 0, bytes: 0 };
      callMeter.byFunction.set(id, { calls: own.calls + 1, seconds: own.seconds + seconds, bytes: own.bytes + bytes });
      if (result instanceof Error) return cellErrorOf(result);

      if (fn.result?.dimensionality !== 'matrix' || !Array.isArray(result)) return scalarResult(result);
      const rows = (result as unknown[][]).map((row) => row.map(scalarResult));
      if (rows.length === 0 || rows[0].length === 0) return EmptyValue;
      if (rows.length === 1 && rows[0].length === 1 && this.spillSize(id, ast, state).isScalar()) return rows[0][0]; // a single answer, as Excel shows a 1×1 array
      if ((rows.length > 1 || rows[0].length > 1) && this.spillSize(id, ast, state).isScalar()) {
        return new CellError(ErrorType.VALUE, `HS.${id}: HyperFormula sizes a spill before calculating; give constant arguments so the result's size is known`);
      }
      return SimpleRangeValue.onlyValues(rows);
    }

    /** The spill's size, known before any cell is calculated (see the module comment). */
    spillSize(id: string, ast: ProcedureAst, state?: InterpreterState): ArraySize {
      // The district-wide functions answer per cell of their first argument: a range spills its shape
      // (HS.SUBSIDY one column per part when its part argument is a range).
      if (ONE_PER_ROW.has(id)) {
        const box = state && this.rangeBox(ast.args[0], state);
        return box ? new ArraySize(1, box.height) : ArraySize.scalar();
      }
      if (COLUMN_SHAPED.has(id)) {
        const box = state && this.rangeBox(ast.args[0], state);
        const parts = COLUMNS_FROM[id] !== undefined && state ? this.rangeBox(ast.args[COLUMNS_FROM[id]], state) : null;
        if (!box) return ArraySize.scalar();
        const columns = parts ? parts.width * parts.height : box.width;
        return new ArraySize(columns, box.height);
      }
      const wide = ITEMS_WIDE[id];
      if (wide && state) {
        const rows = wide.rowsFrom !== undefined ? this.rangeBox(ast.args[wide.rowsFrom], state)?.height ?? 1 : 1;
        return new ArraySize(this.itemCount(ast.args[wide.rubric], state) + wide.extra, rows);
      }
      const constants = ast.args.map(constantOf);
      if (constants.every((c) => c !== undefined)) return sizeOfCall(id, constants);
      return ArraySize.scalar();
    }

    /** The width and height of the first range in an argument (inside IFERROR(…) too). */
    rangeBox(arg: Ast | undefined, state: InterpreterState): { width: number; height: number } | null {
      if (arg === undefined) return null;
      if (arg.type === ('CELL_RANGE' as Ast['type'])) {
        const start = (arg as CellRangeAst).start.toSimpleCellAddress(state.formulaAddress);
        const end = (arg as CellRangeAst).end.toSimpleCellAddress(state.formulaAddress);
        return { width: end.col - start.col + 1, height: end.row - start.row + 1 };
      }
      for (const inner of (arg as { args?: Ast[] }).args ?? []) {
        const box = this.rangeBox(inner, state);
        if (box) return box;
      }
      return null;
    }

    /** How many items HS.ITEMS lists for the rule set an argument names (the 评分细则 range, read now). */
    itemCount(arg: Ast | undefined, state: InterpreterState): number {
      let rubric: unknown = null;
      if (arg !== undefined && arg.type !== ('EMPTY' as Ast['type'])) {
        const v = this.evaluateAst(arg, state);
        rubric = v instanceof SimpleRangeValue ? v.data.map((row) => row.map((x) => (x === EmptyValue ? null : typeof x === 'object' && x !== null && 'val' in x ? (x as { val: unknown }).val : x))) : v;
      }
      const items = bound.get('ITEMS')!.impl;
      try {
        return (items(rubric, {}) as unknown[][])[0].length;
      } catch {
        return (items(null, {}) as unknown[][])[0].length;
      }
    }

    /** `台账!B5:C5` for a range argument, `台账!B5` for a reference, '' for anything else. */
    addressOf(arg: Ast | undefined, state: InterpreterState): string {
      if (arg === undefined) return '';
      const at = (ref: CellReferenceAst['reference']) => ref.toSimpleCellAddress(state.formulaAddress);
      const sheetName = (sheet: number) => quoteSheetName(this.dependencyGraph.sheetMapping.getSheetName(sheet) ?? '');
      switch (arg.type as string) {
        case 'PARENTHESES':
          return this.addressOf((arg as ParenthesisAst).expression, state);
        case 'CELL_REFERENCE': {
          const cell = at((arg as CellReferenceAst).reference);
          return `${sheetName(cell.sheet)}!${a1(cell.row, cell.col)}`;
        }
        case 'CELL_RANGE': {
          const start = at((arg as CellRangeAst).start);
          const end = at((arg as CellRangeAst).end);
          return `${sheetName(start.sheet)}!${a1(start.row, start.col)}:${a1(end.row, end.col)}`;
        }
        default:
          return '';
      }
    }
  }

  /** A constant argument's value (null for an empty argument); undefined when it needs the sheet. */
  function constantOf(arg: Ast): unknown {
    switch (arg.type as string) {
      case 'NUMBER':
        return (arg as NumberAst).value;
      case 'STRING':
        return (arg as StringAst).value;
      case 'EMPTY':
        return null;
      default:
        return undefined;
    }
  }

  function sizeOfCall(id: string, values: readonly unknown[]): ArraySize {
    const { fn, impl } = bound.get(id)!;
    try {
      const padded = fn.parameters.map((_, i) => values[i] ?? null);
      const result = impl(...padded, { parameterAddresses: fn.parameters.map(() => '') });
      if (Array.isArray(result) && result.length > 0 && Array.isArray(result[0]) && result[0].length > 0) return new ArraySize(result[0].length, result.length);
    } catch {
      // the call's error is one cell
    }
    return ArraySize.scalar();
  }

  const plugin = HsPlugin as unknown as Record<string, unknown> & { prototype: Record<string, unknown> };
  for (const [id, { fn }] of bound) {
    const method = `hs_${id}`;
    plugin.prototype[method] = function (this: HsPlugin, ast: ProcedureAst, state: InterpreterState) {
      return this.call(id, ast, state);
    };
    implementedFunctions[`HS.${id}`] = { method, vectorizationForbidden: true, enableArrayArithmeticForArguments: true };
    if (fn.result?.dimensionality === 'matrix') {
      plugin.prototype[`${method}_size`] = function (this: HsPlugin, ast: ProcedureAst, state: InterpreterState) {
        return this.spillSize(id, ast, state);
      };
      implementedFunctions[`HS.${id}`].sizeOfResultArrayMethod = `${method}_size`;
    }
  }
  HsPlugin.implementedFunctions = implementedFunctions;

  // Without a translation for the language in use every HS.* formula is #NAME?.
  const names = Object.fromEntries(Object.keys(implementedFunctions).map((id) => [id, id]));
  HyperFormula.registerFunctionPlugin(HsPlugin, Object.fromEntries(HyperFormula.getRegisteredLanguagesCodes().map((code) => [code, names])));
  const replay = (calls: readonly RecordedCall[]): number => {
    let seconds = 0;
    for (const call of calls) {
      const values = JSON.parse(call.args.toString()) as unknown[];
      const started = process.hrtime.bigint();
      try {
        bound.get(call.id)!.impl(...values, call.invocation);
      } catch {
        // an error value is an answer like any other
      }
      seconds += Number(process.hrtime.bigint() - started) / 1e9;
    }
    return seconds;
  };
  return { metadata, exportOf: new Map([...bound].map(([id, b]) => [`HS.${id}`, b.name])), replay };
}

function cellErrorOf(error: unknown): CellError {
  if (error instanceof CustomFunctionsError) return new CellError(ERROR_TYPE[error.code] ?? ErrorType.VALUE, error.message);
  return new CellError(ErrorType.VALUE, error instanceof Error ? `${error.name}: ${error.message}` : String(error));
}

/** A value the function returned (or a cell of its matrix) as HyperFormula holds it. */
function scalarResult(r: unknown): InternalScalarValue {
  if (r instanceof CustomFunctionsError) return cellErrorOf(r);
  if (r === null || r === undefined) return EmptyValue;
  if (typeof r === 'number') return Number.isFinite(r) ? r : new CellError(ErrorType.NUM);
  if (typeof r === 'string' || typeof r === 'boolean') return r;
  return new CellError(ErrorType.VALUE, `unsupported result: ${Object.prototype.toString.call(r)}`);
}
