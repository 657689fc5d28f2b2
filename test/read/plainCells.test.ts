import { BUILT_IN_FIELDS, type FieldDef } from '../../src/fields';
import { plainFieldNumber, readFieldCell, readNumberText } from '../../src/ledger/cells';
import type { CellValue, SheetGrid } from '../../src/ledger/types';
import { addressesIn } from '../../src/read/address';
import { rowView, tableLayout } from '../../src/read/rowView';
import { peekOf } from '../../src/recordView';

/**
 * The shortcuts taken for the usual cell (a plain number, its digits, a plain percentage, a value
 * read without its address) must read exactly what the general path reads.
 */
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

describe('readNumberText: plain digits, decimals and percentages as the general reading gives them', () => {
  it.each([
    ['12', 12, false], ['0.95', 0.95, false], ['94.2%', 94.2 / 100, true], ['100%', 1, true], ['0%', 0, true],
    ['１２％', 0.12, true], [' 1,200 ', 1200, false], ['1.', 1, false], ['.5', 0.5, false], ['-3', -3, false], ['1e3', 1000, false],
  ] as const)('%s', (text, value, percent) => {
    expect(readNumberText(text)).toEqual({ value, percent });
  });

  it.each([['94.2%', '９４.２％'], ['0.95', '０.９５'], ['12', ' １２ '], ['3.5%', '3.5 %']])('%s reads as the normalised %s does', (plain, written) => {
    expect(readNumberText(plain)).toEqual(readNumberText(written));
  });

  it.each(['', '%', '.', '1.2.3', '12%%', 'abc', '1 2 3a'])('%s is no number', (text) => {
    expect(readNumberText(text)).toBeNull();
  });
});
