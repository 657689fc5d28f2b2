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
 * - the last argument is the invocation; with requiresParameterAddresses it carries one
 *   `parameterAddresses` entry per declared parameter: the sheet-qualified A1 address of a reference
 *   or range argument (`台账!B5:C5`, `'My Sheet'!A1`), '' for anything else (a constant, an
 *   expression such as IFERROR(range,""), an omitted parameter);
 * - an error value in an argument (or in a cell of a range): the generated metadata does not set
 *   allowErrorForDataTypeAny, so, as in Excel, the function is not called and the first error found
 *   (parameters in order, cells row by row) is the result. With allowErrorForDataTypeAny the error
 *   would reach an "any" parameter as an error data type ({ type: 'Error', basicValue: '#N/A', … }).
 *
 * Results: a thrown CustomFunctions.Error becomes a CellError of its kind (#VALUE!, #N/A …) with its
 * message; any other exception is #VALUE!, as in Excel. A matrix result spills, an error object in
 * it becomes a CellError in its cell. HyperFormula sizes a spill when it parses the formula, before
 * any value is known, so a matrix function's size is found by calling it when all its arguments are
 * constants (HS.ITEMS(), HS.INPUTS("E1")), or from SPILL_SIZE_OF (HS.BREAKDOWN is as wide as
 * HS.ITEMS()); a call that can be sized neither way is #VALUE! if its result is larger than a cell.
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
}

/** A matrix function whose arguments are not constants spills to the size of this function's result. */
const SPILL_SIZE_OF: Readonly<Record<string, string>> = { BREAKDOWN: 'ITEMS' };
/** Functions whose answer has the shape of their first argument (one per unit of a column). */
const COLUMN_SHAPED: ReadonlySet<string> = new Set(['BOTTOMRANK', 'ELIMINATED', 'GROUPFLAG', 'SUBSIDY']);

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
      const invocation = fn.options?.requiresParameterAddresses ? { parameterAddresses: fn.parameters.map((_, i) => this.addressOf(args[i], state)) } : {};

      let result: unknown;
      try {
        result = impl(...values, invocation);
      } catch (error) {
        return cellErrorOf(error);
      }
      if (fn.result?.dimensionality !== 'matrix' || !Array.isArray(result)) return scalarResult(result);
      const rows = (result as unknown[][]).map((row) => row.map(scalarResult));
      if (rows.length === 0 || rows[0].length === 0) return EmptyValue;
      if ((rows.length > 1 || rows[0].length > 1) && this.spillSize(id, ast, state).isScalar()) {
        return new CellError(ErrorType.VALUE, `HS.${id}: HyperFormula sizes a spill before calculating; give constant arguments so the result's size is known`);
      }
      return SimpleRangeValue.onlyValues(rows);
    }

    /** The spill's size, known before any cell is calculated (see the module comment). */
    spillSize(id: string, ast: ProcedureAst, state?: InterpreterState): ArraySize {
      // The district-wide functions answer per cell of their first argument: a range spills its shape.
      const first = ast.args[0];
      if (COLUMN_SHAPED.has(id) && first?.type === 'CELL_RANGE' && state) {
        const start = (first as CellRangeAst).start.toSimpleCellAddress(state.formulaAddress);
        const end = (first as CellRangeAst).end.toSimpleCellAddress(state.formulaAddress);
        return new ArraySize(end.col - start.col + 1, end.row - start.row + 1);
      }
      if (COLUMN_SHAPED.has(id)) return ArraySize.scalar();
      const constants = ast.args.map(constantOf);
      if (constants.every((c) => c !== undefined)) return sizeOfCall(id, constants);
      const like = SPILL_SIZE_OF[id];
      return like !== undefined ? sizeOfCall(like, []) : ArraySize.scalar();
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
  return { metadata, exportOf: new Map([...bound].map(([id, b]) => [`HS.${id}`, b.name])) };
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
