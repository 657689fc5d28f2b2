/**
 * Client-side mechanics of the fake Excel: the request queue, sync, and the
 * proxy base classes. The concrete API objects are in fakeExcelProxies.ts.
 *
 * This mirrors how Office.js works, because that is what an add-in gets wrong:
 *  - every API call only queues an operation on the context; nothing is read or
 *    written until `context.sync()`, where the batch runs in order;
 *  - a property can be read only after it was `load()`ed *and* synced (reading
 *    earlier throws PropertyNotLoaded, synchronously, like Office.js); a value
 *    assigned locally can be read back at once, as Office.js keeps it too;
 *  - a batch is not a transaction: operations before a failing one stay
 *    applied, the rest are dropped, and loads of a failed batch deliver nothing;
 *  - a request whose JSON payload exceeds the limit (5 MB, Excel on the web) is
 *    refused before anything in it runs.
 * Objects returned by methods (getItem, getRange, add, …) are "instantiated" by
 * an operation of their own, bound to the host object at that point in the batch
 * and kept bound afterwards (Excel.run tracks them). Objects reached through a
 * navigation property (range.format.fill) follow their parent.
 *
 * Every proxy sits behind an ES Proxy that throws "fake Excel: X is not
 * implemented" for API members this fake does not model, instead of returning
 * undefined and letting a test pass by accident.
 */

import { FakeOfficeError, FakeSheet, FakeWorkbook, notImplemented, officeError, propertyNotLoaded } from './fakeExcelState';

// ---------------------------------------------------------------------------
// Runtime shared by all contexts of one fake: the workbook, limits and stats.
// ---------------------------------------------------------------------------

export interface FakeRequestRecord {
  /** UTF-8 size of the request JSON (operations with their arguments). */
  bytes: number;
  /** Queued operations: object instantiations, property sets, method calls and loads. */
  operations: number;
  operationNames: string[];
  /** UTF-8 size of the loaded data sent back. */
  responseBytes: number;
  /** Error code when the sync was rejected. */
  error?: string;
}

export interface FakeStats {
  /** Round trips: syncs with at least one queued operation (an empty sync sends nothing). */
  syncs: number;
  requests: FakeRequestRecord[];
  largestRequestBytes: number;
  /**
   * When the fake did the host's work (parsing a request, applying it to the workbook), in
   * performance.now() time: in Excel that happens outside the page, so a page measuring its own
   * main-thread blocks leaves these windows out.
   */
  hostWindows: { start: number; end: number }[];
}

export interface FakeRuntime {
  workbook: FakeWorkbook;
  stats: FakeStats;
  requestLimitBytes: number;
  responseLimitBytes: number;
  /** Errors to fail upcoming syncs with (fault injection), consumed in order. */
  injectedFailures: { code: string; message?: string }[];
  /** Awaited before a batch executes, so forgetting `await context.sync()` shows. */
  delay(): Promise<void>;
}

export interface LoadSink {
  appliers: (() => void)[];
  responseBytes: number;
}

interface QueuedOp {
  name: string;
  targetId: number;
  /** JSON-able arguments; proxies are replaced by references. */
  args: unknown[];
  run(args: unknown[], sink: LoadSink): void;
}

export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) { n += 4; i++; }
    else n += 3;
  }
  return n;
}

/** Round-trips through JSON like the wire does (NaN → null, Dates → strings, copies). */
function viaJson(value: unknown): { value: unknown; bytes: number } {
  const text = JSON.stringify(value);
  return text === undefined ? { value: undefined, bytes: 0 } : { value: JSON.parse(text), bytes: utf8Length(text) };
}

/** Worksheet.onChanged for the sheets a batch changed (what was applied of it), after the batch, as Excel raises it. */
function raiseChanged(workbook: FakeWorkbook, before: ReadonlyMap<FakeSheet, number>): void {
  if (!workbook.enableEvents) return;
  for (const { sheet, handler } of workbook.changeHandlers) {
    if (sheet.deleted || before.get(sheet) === sheet.version) continue;
    const event = { type: 'WorksheetChanged', worksheetId: sheet.id, source: 'Local', changeType: 'RangeEdited', address: '' };
    setTimeout(() => void handler(event), 0);
  }
}

async function executeBatch(rt: FakeRuntime, ctx: FakeRequestContext, batch: QueuedOp[]): Promise<void> {
  await rt.delay();
  if (batch.length === 0) return;
  if (ctx._closed) throw officeError('InvalidObjectPath', 'RequestContext.sync');
  const record: FakeRequestRecord = {
    bytes: 0, operations: batch.length, operationNames: batch.map((o) => o.name), responseBytes: 0,
  };
  rt.stats.syncs += 1;
  rt.stats.requests.push(record);
  const fail = (e: FakeOfficeError): never => {
    record.error = e.code;
    throw e;
  };
  let parsed: unknown[][];
  const window = { start: 0, end: 0 };
  try {
    // Office.js serialises the request in the page; measuring and parsing it is the host's work.
    const texts = batch.map((op) => JSON.stringify({ Name: op.name, ObjectPathId: op.targetId, Args: op.args }));
    window.start = performance.now();
    record.bytes = texts.reduce((sum, t) => sum + utf8Length(t), 0);
    parsed = texts.map((t) => (JSON.parse(t) as { Args: unknown[] }).Args);
  } catch {
    return fail(officeError('InvalidArgument', 'RequestContext.sync'));
  }
  rt.stats.largestRequestBytes = Math.max(rt.stats.largestRequestBytes, record.bytes);
  const injected = rt.injectedFailures.shift();
  if (injected) fail(new FakeOfficeError(injected.code, injected.message, 'RequestContext.sync'));
  if (record.bytes > rt.requestLimitBytes) {
    fail(officeError('RequestPayloadSizeLimitExceeded', 'RequestContext.sync'));
  }
  const sink: LoadSink = { appliers: [], responseBytes: 0 };
  const versions = new Map(rt.workbook.sheets.map((sheet) => [sheet, sheet.version]));
  try {
    batch.forEach((op, i) => op.run(parsed[i], sink));
  } catch (e) {
    if (e instanceof FakeOfficeError) fail(e);
    throw e;
  } finally {
    raiseChanged(rt.workbook, versions);
  }
  window.end = performance.now();
  rt.stats.hostWindows.push(window);
  record.responseBytes = sink.responseBytes;
  if (sink.responseBytes > rt.responseLimitBytes) {
    fail(officeError('ResponsePayloadSizeLimitExceeded', 'RequestContext.sync'));
  }
  for (const apply of sink.appliers) apply();
}

// ---------------------------------------------------------------------------
// The "not implemented" guard
// ---------------------------------------------------------------------------

/** Names that JS machinery (await, jest, JSON) probes; they must read as undefined. */
const PROBES = new Set(['then', 'asymmetricMatch', 'nodeType', 'tagName', 'inspect', 'toJSON', 'length', 'prototype']);

const guard: ProxyHandler<{ _type: string }> = {
  get(target, key, receiver) {
    if (typeof key === 'symbol' || key in target) return Reflect.get(target, key, receiver);
    if (PROBES.has(key) || !/^[a-z][A-Za-z0-9]*$/.test(key)) return undefined;
    throw notImplemented(`${target._type}.${key}`);
  },
  set(target, key, value, receiver) {
    if (typeof key === 'symbol' || key in target) return Reflect.set(target, key, value, receiver);
    throw notImplemented(`setting ${target._type}.${key}`);
  },
};

export function make<T extends { _type: string }>(obj: T): T {
  return new Proxy(obj, guard as ProxyHandler<T>);
}

// ---------------------------------------------------------------------------
// Request context
// ---------------------------------------------------------------------------

export class FakeRequestContext {
  readonly _type = 'RequestContext';
  /** Set by createContext (fakeExcelProxies.ts), which knows the Workbook type. */
  workbook!: FakeClientObject;
  application!: FakeClientObject;
  runtime!: FakeClientObject;
  /** Excel.run tracks objects itself; kept so code calling these does not break. */
  readonly trackedObjects = { add: (): void => undefined, remove: (): void => undefined };
  _queue: QueuedOp[] = [];
  _closed = false;
  _nextId = 0;

  constructor(readonly _runtime: FakeRuntime) {}

  _enqueue(op: QueuedOp): void {
    this._queue.push(op);
  }

  /** Sends everything queued so far; operations queued after this call go to the next batch. */
  sync<T>(passThroughValue?: T): Promise<T> {
    const batch = this._queue;
    this._queue = [];
    return executeBatch(this._runtime, this, batch).then(() => passThroughValue as T);
  }
}

// ---------------------------------------------------------------------------
// Proxy base class
// ---------------------------------------------------------------------------

/** `bound` is the host object the proxy stands for (a sheet, a range, a chart…). */
export interface ScalarSpec {
  get?: (bound: any, self: FakeClientObject) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any
  set?: (bound: any, value: unknown, loc: string, self: FakeClientObject) => void; // eslint-disable-line @typescript-eslint/no-explicit-any
}
export type NavFactory = (self: any) => FakeClientObject; // eslint-disable-line @typescript-eslint/no-explicit-any
export type Derive = (parentBound: any) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any

function refArg(a: unknown): unknown {
  return a instanceof FakeClientObject ? { _ObjectPathId: a._id } : a;
}

export class FakeClientObject {
  declare _scalarSpecs: Record<string, ScalarSpec>;
  declare _navSpecs: Record<string, NavFactory>;
  readonly _id: number;
  /** undefined: not instantiated yet; null: a null object. */
  _bound: unknown = undefined;
  _isNull: boolean | undefined = undefined;
  readonly _loaded = new Map<string, unknown>();
  readonly _navCache = new Map<string, FakeClientObject>();

  constructor(
    readonly context: FakeRequestContext,
    readonly _type: string,
    readonly _parent: FakeClientObject | null = null,
    readonly _derive: Derive | null = null,
  ) {
    this._id = ++context._nextId;
  }

  get isNullObject(): boolean {
    const state = this._nullState();
    if (state === undefined) throw propertyNotLoaded(this._type, 'isNullObject');
    return state;
  }

  _nullState(): boolean | undefined {
    return this._derive ? this._parent!._nullState() : this._isNull;
  }

  /** The bound host object at execution time (null for a null object). */
  _resolve(loc: string): unknown {
    let bound: unknown;
    if (this._derive) {
      const pb = this._parent!._resolve(loc);
      bound = pb === null ? null : this._derive(pb);
    } else {
      if (this._bound === undefined) throw officeError('InvalidObjectPath', loc);
      bound = this._bound;
    }
    if (bound !== null) assertAlive(bound, loc);
    return bound;
  }

  /** Like _resolve, but acting on a null object is an error. */
  _resolveLive(loc: string): any { // eslint-disable-line @typescript-eslint/no-explicit-any
    const bound = this._resolve(loc);
    if (bound === null) throw officeError('ItemNotFound', loc);
    return bound;
  }

  _read(name: string): unknown {
    if (this._loaded.has(name)) return this._loaded.get(name);
    if (this._nullState() === true) return undefined; // Office.js does not throw for null objects
    throw propertyNotLoaded(this._type, name);
  }

  _write(name: string, value: unknown): void {
    const spec = this._scalarSpecs[name];
    const loc = `${this._type}.${name}`;
    this._loaded.set(name, value);
    this.context._enqueue({
      name: loc, targetId: this._id, args: [value],
      run: (a) => spec.set!(this._resolveLive(loc), a[0], loc, this),
    });
  }

  _nav(name: string): FakeClientObject {
    let child = this._navCache.get(name);
    if (!child) {
      child = make(this._navSpecs[name](this));
      this._navCache.set(name, child);
    }
    return child;
  }

  /** Queues a method call with no result object. */
  _method(method: string, args: unknown[], run: (bound: any, args: any[], loc: string) => void): void { // eslint-disable-line @typescript-eslint/no-explicit-any
    const loc = `${this._type}.${method}`;
    this.context._enqueue({
      name: loc, targetId: this._id, args: args.map(refArg),
      run: (a) => run(this._resolveLive(loc), a, loc),
    });
  }

  /** Queues a method that returns a new object; `resolve` binds it (null → null object). */
  _child<T extends FakeClientObject>(
    obj: T, method: string, args: unknown[],
    resolve: (parentBound: any, args: any[], loc: string) => unknown, // eslint-disable-line @typescript-eslint/no-explicit-any
  ): T {
    const child = make(obj);
    const loc = `${this._type}.${method}`;
    this.context._enqueue({
      name: loc, targetId: child._id, args: args.map(refArg),
      run: (a) => {
        const pb = this._resolve(loc);
        child._bound = pb === null ? null : resolve(pb, a, loc);
        child._isNull = child._bound === null;
      },
    });
    return child;
  }

  load(option?: unknown): this {
    const paths = parseLoadOption(option);
    this._validateLoad(paths);
    const loc = `${this._type}.load`;
    this.context._enqueue({
      name: loc, targetId: this._id, args: [paths.map((p) => p.join('/')).join(',')],
      run: (_a, sink) => this._collectLoad(paths, sink, loc, paths.length === 0),
    });
    return this;
  }

  _validateLoad(paths: string[][]): void {
    for (const [head, ...rest] of paths) {
      if (head in this._scalarSpecs && this._scalarSpecs[head].get && rest.length === 0) continue;
      if (head in this._navSpecs) this._nav(head)._validateLoad(rest.length ? [rest] : []);
      else throw notImplemented(`loading ${this._type}.${[head, ...rest].join('/')}`);
    }
  }

  _collectLoad(paths: string[][], sink: LoadSink, loc: string, allScalars: boolean): void {
    const bound = this._resolve(loc);
    if (bound === null) return; // a null object loads nothing; its properties read as undefined
    const names = new Set<string>();
    const navs = new Map<string, string[][]>();
    if (allScalars) for (const [n, s] of Object.entries(this._scalarSpecs)) if (s.get) names.add(n);
    for (const [head, ...rest] of paths) {
      if (head in this._navSpecs) navs.set(head, [...(navs.get(head) ?? []), rest]);
      else names.add(head);
    }
    for (const name of names) {
      const { value, bytes } = viaJson(this._scalarSpecs[name].get!(bound, this));
      sink.responseBytes += bytes;
      sink.appliers.push(() => this._loaded.set(name, value));
    }
    for (const [nav, rests] of navs) {
      const child = this._nav(nav);
      child._collectLoad(rests.filter((r) => r.length > 0), sink, loc, rests.some((r) => r.length === 0));
    }
  }

  /** Loaded properties as plain data, like Office.js' toJSON. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = Object.fromEntries(this._loaded);
    for (const [name, child] of this._navCache) {
      const data = child.toJSON();
      if (Object.keys(data).length > 0) out[name] = data;
    }
    return out;
  }
}

function assertAlive(bound: unknown, loc: string): void {
  const b = bound as { sheet?: unknown; deleted?: boolean };
  const sheet = bound instanceof FakeSheet ? bound : b.sheet instanceof FakeSheet ? b.sheet : null;
  if ((sheet && sheet.deleted) || b.deleted === true) throw officeError('ItemNotFound', loc);
}

/** Collections: `items` loads as proxies bound to the host objects at that sync. */
export class FakeCollection extends FakeClientObject {
  get items(): FakeClientObject[] {
    return this._read('items') as FakeClientObject[];
  }

  _itemsOf(_bound: unknown): unknown[] {
    throw notImplemented(`${this._type}.items`);
  }

  _newItem(): FakeClientObject {
    throw notImplemented(`${this._type}.items`);
  }

  /** Office.js treats `collection.load('name')` as `load('items/name')`. */
  private itemPaths(paths: string[][]): string[][] {
    return paths.map((p) => (p[0] === 'items' ? p.slice(1) : p));
  }

  override _validateLoad(paths: string[][]): void {
    const sample = make(this._newItem());
    sample._validateLoad(this.itemPaths(paths).filter((p) => p.length > 0));
  }

  override _collectLoad(paths: string[][], sink: LoadSink, loc: string): void {
    const bound = this._resolve(loc);
    if (bound === null) return;
    const itemPaths = this.itemPaths(paths);
    const all = paths.length === 0 || itemPaths.some((p) => p.length === 0);
    const items = this._itemsOf(bound).map((b) => {
      const item = make(this._newItem());
      item._bound = b;
      item._isNull = false;
      item._collectLoad(itemPaths.filter((p) => p.length > 0), sink, loc, all);
      return item;
    });
    sink.appliers.push(() => this._loaded.set('items', items));
  }

  override toJSON(): Record<string, unknown> {
    const items = this._loaded.get('items') as FakeClientObject[] | undefined;
    return items ? { items: items.map((i) => i.toJSON()) } : {};
  }
}

/** Puts the scalar and navigation properties of an API type on its prototype. */
export function defineApi(
  ctor: { prototype: FakeClientObject },
  scalars: Record<string, ScalarSpec>,
  navs: Record<string, NavFactory> = {},
): void {
  const proto = ctor.prototype;
  proto._scalarSpecs = scalars;
  proto._navSpecs = navs;
  for (const [name, spec] of Object.entries(scalars)) {
    Object.defineProperty(proto, name, {
      configurable: true,
      get(this: FakeClientObject) { return this._read(name); },
      ...(spec.set ? { set(this: FakeClientObject, v: unknown) { this._write(name, v); } } : {}),
    });
  }
  for (const name of Object.keys(navs)) {
    Object.defineProperty(proto, name, { configurable: true, get(this: FakeClientObject) { return this._nav(name); } });
  }
}
defineApi(FakeClientObject, {});

/** A property-only API type (no methods of its own). */
export function plainType(type: string, collection = false): new (ctx: FakeRequestContext, parent: FakeClientObject | null, derive: Derive | null) => FakeClientObject {
  const Base = collection ? FakeCollection : FakeClientObject;
  return class extends Base {
    constructor(ctx: FakeRequestContext, parent: FakeClientObject | null, derive: Derive | null) {
      super(ctx, type, parent, derive);
    }
  };
}

// ---------------------------------------------------------------------------
// Load option parsing: 'a, b/c', ['a', 'b/c'], { select, expand }, { a: true, b: { c: true } }
// ---------------------------------------------------------------------------

function splitList(s: string): string[][] {
  return s.split(',').map((x) => x.trim()).filter(Boolean).map((x) => x.split('/').map((t) => t.trim()));
}

export function parseLoadOption(option: unknown): string[][] {
  if (option === undefined || option === null) return [];
  if (typeof option === 'string') return splitList(option);
  if (Array.isArray(option)) return option.flatMap((s) => splitList(String(s)));
  if (typeof option !== 'object') throw notImplemented(`load(${typeof option})`);
  const o = option as Record<string, unknown>;
  if ('select' in o || 'expand' in o) {
    return [o.select, o.expand].flatMap((v) => (v === undefined ? [] : parseLoadOption(v)));
  }
  const out: string[][] = [];
  const walk = (obj: Record<string, unknown>, prefix: string[]): void => {
    for (const [k, v] of Object.entries(obj)) {
      if (k === '$all') { if (v) out.push(prefix.length ? prefix : []); continue; }
      if (k.startsWith('$')) throw notImplemented(`load option ${k}`);
      if (v === true) out.push([...prefix, k]);
      else if (v && typeof v === 'object') walk(v as Record<string, unknown>, [...prefix, k]);
    }
  };
  walk(o, []);
  return out.filter((p) => p.length > 0);
}
