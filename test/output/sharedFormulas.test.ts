/**
 * Shared formulas (src/output/package/sharedFormulas.ts): which cells of a column are one formula
 * copied down. Relative rows move by one; absolute rows, strings, quoted sheet names and function
 * names do not.
 */
import { copiedDown, sharedFormulas } from '../../src/output/package/sharedFormulas';

describe('copiedDown', () => {
  test('relative rows one more, absolute rows the same', () => {
    expect(copiedDown('IF(ISNUMBER(AN2),MIN(5,MAX(0,5-AN2)),"数据有误")', 'IF(ISNUMBER(AN3),MIN(5,MAX(0,5-AN3)),"数据有误")')).toBe(true);
    expect(copiedDown('COUNTIF($I$2:$I$37,"<"&I5)', 'COUNTIF($I$2:$I$37,"<"&I6)')).toBe(true);
    expect(copiedDown('COUNTIF($I$2:$I$37,"<"&I5)', 'COUNTIF($I$3:$I$38,"<"&I6)')).toBe(false);
    expect(copiedDown('$A2+B$2', '$A3+B$2')).toBe(true);
    expect(copiedDown('A9+1', 'A10+1')).toBe(true);
    expect(copiedDown('A2+1', 'A4+1')).toBe(false);
    expect(copiedDown('A2+1', 'A3+2')).toBe(false);
  });

  test('strings, quoted sheet names and function names are not references', () => {
    expect(copiedDown(`IF(A2="E1",'AB12'!C3,LOG10(A2))`, `IF(A3="E1",'AB12'!C4,LOG10(A3))`)).toBe(true);
    expect(copiedDown('IF(A2="E1",1)', 'IF(A3="E2",1)')).toBe(false);
    expect(copiedDown('"say ""A1"""&A1', '"say ""A1"""&A2')).toBe(true);
    expect(copiedDown(`台账!H4+'1月'!H4`, `台账!H5+'1月'!H5`)).toBe(true);
    expect(copiedDown('0.95-A2', '0.96-A3')).toBe(false);
  });
});

describe('sharedFormulas', () => {
  const rows = [
    ['=A2+1', 'x', '=台账!B4'],
    ['=A3+1', null, '=台账!B5'],
    ['=A4+1', '=Z1', '=台账!B7'], // the ledger skips a row here: a new run
    ['=A5+2', '=Z2', '=台账!B8'],
  ];
  const at = sharedFormulas(rows, ['A', 'B', 'C'], 2);

  test('runs of two or more: the first cell carries the range, the others its id', () => {
    const a = at(0, 0)!;
    expect(a.ref).toBe('A2:A4');
    expect([at(1, 0), at(2, 0)]).toEqual([{ si: a.si }, { si: a.si }]);
    expect(at(3, 0)).toBeNull(); // a different formula
    const b = at(2, 1)!;
    expect(b.ref).toBe('B4:B5');
    expect(at(3, 1)).toEqual({ si: b.si });
    expect(at(0, 1)).toBeNull(); // text
    const [c1, c2] = [at(0, 2)!, at(2, 2)!];
    expect([c1.ref, c2.ref]).toEqual(['C2:C3', 'C4:C5']);
    expect(new Set([a.si, b.si, c1.si, c2.si]).size).toBe(4);
  });
});
