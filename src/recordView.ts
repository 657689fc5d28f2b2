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
}

export function recordLayout<V>(keys: readonly string[], read: (position: number, row: number) => V): RecordLayout<V> {
  return { keys, index: new Map(keys.map((k, i) => [k, i])), read };
}

interface Target {
  layout: RecordLayout<unknown>;
  row: number;
}

function valueOf(target: Target, key: string | symbol): unknown {
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
