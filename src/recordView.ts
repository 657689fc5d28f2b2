/**
 * Records that read their values from column storage when a key is read. A ledger of Excel's
 * million rows, built as plain records (an object per row and per cell), takes gigabytes; as views,
 * each record is one small object over columns that already exist (the grid, the score arrays).
 * A view behaves as the plain record would for every reader: keys, `in`, spreading, JSON, jest's
 * equality. It is read-only: the values are what the columns say.
 */

/** What every record of one table shares: its keys, in order, and how a key's value is read for a row. */
export interface RecordLayout<V> {
  keys: readonly string[];
  /** Key → its position in `keys`. */
  index: ReadonlyMap<string, number>;
  read: (position: number, row: number) => V;
  /**
   * A cheaper reading of the same value for a hot loop (a cell's value without its address), when
   * the layout has one: see peekOf.
   */
  peek?: (position: number, row: number) => unknown;
}

export function recordLayout<V>(keys: readonly string[], read: (position: number, row: number) => V, peek?: (position: number, row: number) => unknown): RecordLayout<V> {
  return { keys, index: new Map(keys.map((k, i) => [k, i])), read, ...(peek ? { peek } : {}) };
}

/** How a record is reached past its proxy: a symbol no reader of the record sees among its keys. */
const VIEW_TARGET = Symbol('record view');

interface Target {
  layout: RecordLayout<unknown>;
  row: number;
}

function valueOf(target: Target, key: string | symbol): unknown {
  if (key === VIEW_TARGET) return target;
  if (typeof key !== 'string') return undefined;
  const position = target.layout.index.get(key);
  return position === undefined ? undefined : target.layout.read(position, target.row);
}

const refuse = (): boolean => {
  throw new TypeError('只读记录');
};

const handler: ProxyHandler<Target> = {
  get: valueOf,
  has: (target, key) => typeof key === 'string' && target.layout.index.has(key),
  ownKeys: (target) => [...target.layout.keys],
  getOwnPropertyDescriptor: (target, key) =>
    typeof key === 'string' && target.layout.index.has(key) ? { value: valueOf(target, key), writable: false, enumerable: true, configurable: true } : undefined,
  set: refuse,
  defineProperty: refuse,
  deleteProperty: refuse,
};

/** Row `row` of `layout` as a record. */
export function recordView<V, K extends string = string>(layout: RecordLayout<V>, row: number): Record<K, V> {
  return new Proxy<Target>({ layout: layout as RecordLayout<unknown>, row }, handler) as unknown as Record<K, V>;
}

/** Where each of a list of keys stands in a layout, computed once per layout and list. */
const positionsOf = new WeakMap<RecordLayout<unknown>, Map<readonly string[], Int32Array>>();

/**
 * For a view whose layout can peek: a reader of the cheap values of `keys` by their index in that
 * list, `undefined` for a key the record lacks. Null for any other record (a plain object), which is
 * then read as usual. A million-row ledger reads fifty fields a row: building a `{ value, cell }` and
 * an address for each is most of the work, though the address is wanted only for the few cells
 * that are reported.
 */
export function peekOf(record: object, keys: readonly string[]): ((i: number) => unknown) | null {
  const target = (record as { [VIEW_TARGET]?: Target })[VIEW_TARGET];
  const peek = target?.layout.peek;
  if (!target || !peek) return null;
  let lists = positionsOf.get(target.layout);
  if (!lists) positionsOf.set(target.layout, (lists = new Map()));
  let positions = lists.get(keys);
  if (!positions) {
    const { index } = target.layout;
    positions = Int32Array.from(keys, (k) => index.get(k) ?? -1);
    lists.set(keys, positions);
  }
  const { row } = target;
  return (i) => (positions[i] < 0 ? undefined : peek(positions[i], row));
}
