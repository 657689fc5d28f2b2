import { BUILT_IN_FIELDS, type FieldDef } from '../../src/fields';
import { plainFieldNumber, readFieldCell } from '../../src/ledger/cells';
import type { CellValue, SheetGrid } from '../../src/ledger/types';
import { addressesIn } from '../../src/read/address';
import { rowView, tableLayout } from '../../src/read/rowView';
import { peekOf } from '../../src/recordView';

describe('peekOf: a row view’s values without their addresses', () => {
  // B3 is covered by a merge from B2: its value is read from row 2, as the view reads it.
  const grid: SheetGrid = { name: '台账', rows: [['单位', '人数', '比率'], ['村1', 5, '0.95'], ['村2', null, 1]], merges: [] };
  const columns = new Map([['unit', 0], ['count', 1], ['rate', 2]]);
  const sourceRow = (row0: number, col0: number) => (row0 === 2 && col0 === 1 ? 1 : row0);
  const layout = tableLayout(grid, columns, addressesIn('台账'), sourceRow, new Map([['month', { value: 3, cell: '台账!A1' }]]));
  const keys = ['rate', 'missing', 'month', 'count', 'unit'];

  it.each([1, 2])('reads row %i as the view’s values, undefined for a key the row lacks', (row0) => {
    const view = rowView<string>(layout, row0);
    const peek = peekOf(view, keys)!;
    expect(keys.map((_k, i) => peek(i))).toEqual(keys.map((k) => view[k]?.value));
    expect(peek(1)).toBeUndefined();
  });

  it('is null for a plain record, which is read as usual', () => {
    expect(peekOf({ count: { value: 5, cell: '台账!B2' } }, keys)).toBeNull();
  });
});

describe('plainFieldNumber: the usual cell read as readFieldCell reads it', () => {
  const kinds = ['count', 'size', 'amount', 'rate', 'points', 'average', 'flag'] as const;
  const defs: FieldDef[] = kinds.map((kind) => ({ ...BUILT_IN_FIELDS.def('laborForce'), kind }));
  const values: CellValue[] = [0, 1, 7, 1200, -0, -3, 2.5, 1e21, NaN, Infinity, '0', '12', '007', '1,200', ' 12', '12 ', '１２', '0.95', '95%', '-1', '', null, true, '是'];

  it.each(defs.map((d) => [d.kind, d] as const))('for a %s field: a number only where readFieldCell gives that number with nothing to say', (_kind, def) => {
    for (const v of values) {
      const plain = plainFieldNumber(def, v);
      if (plain === null) continue;
      expect({ v, reading: readFieldCell(def, v) }).toEqual({ v, reading: { ok: true, value: plain } });
    }
  });

  it('takes the plain whole numbers of counts, amounts and sizes, and nothing else', () => {
    const count = defs[0];
    expect(values.map((v) => plainFieldNumber(count, v))).toEqual([0, 1, 7, 1200, -0, null, null, 1e21, null, null, 0, 12, 7, null, null, null, null, null, null, null, null, null, null, null]);
    expect(plainFieldNumber(defs[1], 0)).toBeNull(); // a size of 0 is an error
    for (const def of defs.slice(3)) expect(values.map((v) => plainFieldNumber(def, v)).every((n) => n === null)).toBe(true);
  });
});
