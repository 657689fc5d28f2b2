import { cellAddress, columnLetter, quoteSheetName } from '../../src/read/address';

describe('cellAddress', () => {
  it('writes 0-based row and column as a sheet-qualified A1 address', () => {
    expect(cellAddress('台账', 16, 5)).toBe('台账!F17');
    expect(cellAddress('Sheet1', 0, 0)).toBe('Sheet1!A1');
  });

  it('counts columns past Z as Excel does', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('quotes sheet names the way Excel does', () => {
    expect(quoteSheetName('台账')).toBe('台账');
    expect(quoteSheetName('台账_2024')).toBe('台账_2024');
    expect(cellAddress('My Sheet', 0, 0)).toBe("'My Sheet'!A1");
    expect(cellAddress('2024台账', 2, 1)).toBe("'2024台账'!B3");
    expect(cellAddress('台账(3月)', 2, 1)).toBe("'台账(3月)'!B3");
    expect(cellAddress('heshan-ledger', 4, 5)).toBe("'heshan-ledger'!F5");
    expect(cellAddress("O'Brien", 0, 0)).toBe("'O''Brien'!A1");
    // A name that reads as a cell reference must be quoted too.
    expect(cellAddress('A1', 0, 0)).toBe("'A1'!A1");
    expect(cellAddress('R1C1', 0, 0)).toBe("'R1C1'!A1");
  });
});
