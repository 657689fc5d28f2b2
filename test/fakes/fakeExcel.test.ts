import { FakeExcel, FakeOfficeError, createFakeExcel, installFakeOffice } from './fakeExcel';

const NOT_LOADED = (prop: string): string =>
  `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`;

/** Runs a batch and returns the rejection (fails the test if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<FakeOfficeError> {
  try {
    await promise;
  } catch (e) {
    return e as FakeOfficeError;
  }
  throw new Error('expected a rejection');
}

function ledger(): FakeExcel {
  return createFakeExcel({
    sheets: {
      台账: [
        ['区', '社区', '人数'],
        ['东区', '甲', 3],
        ['东区', '乙', 4],
      ],
      'My Sheet': [],
    },
    merges: { 台账: ['A2:A3'] },
    settings: { version: 1 },
  });
}

describe('proxies read nothing until load + sync', () => {
  test('reading an unloaded property throws Excel’s PropertyNotLoaded error, synchronously', async () => {
    const fake = ledger();
    await fake.Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('台账').getRange('A1:C3');
      expect(() => range.values).toThrow(NOT_LOADED('values'));
      range.load('values');
      expect(() => range.values).toThrow(NOT_LOADED('values')); // loaded but not synced yet
      let caught: unknown;
      try { void range.address; } catch (e) { caught = e; }
      expect(caught).toBeInstanceOf(FakeOfficeError);
      expect(caught).toMatchObject({ name: 'RichApi.Error', code: 'PropertyNotLoaded', debugInfo: { errorLocation: 'Range.address' } });
      await context.sync();
    });
  });

  test('load + sync delivers values, as of that sync', async () => {
    const fake = ledger();
    await fake.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('台账');
      const range = sheet.getRange('A1:C3');
      range.load(['values', 'address', 'rowCount']);
      sheet.load({ select: 'name, position' });
      await context.sync();
      expect(range.values).toEqual([['区', '社区', '人数'], ['东区', '甲', 3], ['东区', '乙', 4]]);
      expect(range.address).toBe('台账!A1:C3');
      expect(range.rowCount).toBe(3);
      expect(sheet.name).toBe('台账');
      expect(() => range.formulas).toThrow(NOT_LOADED('formulas'));

      sheet.getRange('C2').values = [[30]];
      await context.sync();
      expect(range.values[1][2]).toBe(3); // a snapshot: stale until loaded again
      range.load('values');
      await context.sync();
      expect(range.values[1][2]).toBe(30);
    });
  });

  test('collections: items need load; load("name") means items/name', async () => {
    const fake = ledger();
    await fake.Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      expect(() => sheets.items).toThrow(NOT_LOADED('items'));
      sheets.load('items/name');
      await context.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(['台账', 'My Sheet']);
      expect(() => sheets.items[0].position).toThrow(NOT_LOADED('position'));
      sheets.load('position');
      await context.sync();
      expect(sheets.items.map((s) => s.position)).toEqual([0, 1]);
    });
  });

  test('a value assigned locally reads back before sync, like Office.js', async () => {
    const fake = ledger();
    await fake.Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('My Sheet').getRange('A1');
      range.values = [['x']];
      expect(range.values).toEqual([['x']]);
      expect(fake.workbook.sheet('My Sheet').values('A1')).toEqual([['']]); // not written yet
      await context.sync();
      expect(fake.workbook.sheet('My Sheet').values('A1')).toEqual([['x']]);
    });
  });
});

describe('writes apply at sync, in order', () => {
  test('nothing changes before sync; later writes win; Excel.run syncs trailing work', async () => {
    const fake = ledger();
    const sheet = fake.workbook.sheet('My Sheet');
    await fake.Excel.run(async (context) => {
      const a1 = context.workbook.worksheets.getItem('My Sheet').getRange('A1:B1');
      a1.values = [[1, 2]];
      a1.values = [[3, null]]; // null leaves a cell unchanged
      a1.format.font.bold = true;
      expect(sheet.values('A1:B1')).toEqual([['', '']]);
      await context.sync();
      expect(sheet.values('A1:B1')).toEqual([[3, 2]]);
      a1.format.fill.color = 'yellow'; // no sync: Excel.run's final sync sends it
    });
    expect(sheet.cell('B1').style).toMatchObject({ bold: true, fillColor: '#FFFF00' });
  });

  test('number format before values keeps text; values before it do not (Excel parses strings)', async () => {
    const fake = ledger();
    await fake.Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('My Sheet');
      ws.getRange('A1').numberFormat = [['@']];
      ws.getRange('A1').values = [['001']];
      ws.getRange('B1').values = [['001']];
      ws.getRange('B1').numberFormat = [['@']];
      ws.getRange('C1:F1').values = [["'001", '=A1&"x"', '12.5%', 'TRUE']];
      ws.getRange('G1').values = [['2024-03-05']];
    });
    const s = fake.workbook.sheet('My Sheet');
    expect(s.values('A1:B1')).toEqual([['001', 1]]);
    expect(s.formulas('C1:F1')).toEqual([['001', '=A1&"x"', 0.125, true]]);
    expect(s.cell('E1')).toMatchObject({ numberFormat: '0.00%', text: '12.50%' });
    expect(s.cell('G1')).toMatchObject({ value: 45356, numberFormat: 'yyyy/m/d', text: '2024/3/5' });
  });

  test('a single value fills the range; formulas load constants as values', async () => {
    const fake = ledger();
    await fake.Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('My Sheet').getRange('A1:B2');
      (range as unknown as { numberFormat: string }).numberFormat = '0.00';
      (range as unknown as { values: number }).values = 7;
      range.getCell(1, 1).formulas = [['=A1*2']];
      range.load('formulas, text');
      await context.sync();
      expect(range.formulas).toEqual([[7, 7], [7, '=A1*2']]);
      expect(range.text).toEqual([['7.00', '7.00'], ['7.00', '']]); // no evaluator: formula value null
    });
  });

  test('a wrong-shaped array rejects the sync; earlier operations stay, later ones are dropped', async () => {
    const fake = ledger();
    const err = await rejection(fake.Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('My Sheet');
      ws.getRange('A1').values = [['before']];
      ws.getRange('A2:C2').values = [[1, 2]];
      ws.getRange('A3').values = [['after']];
      await context.sync();
    }));
    expect(err).toBeInstanceOf(FakeOfficeError);
    expect(err).toMatchObject({
      name: 'RichApi.Error',
      code: 'InvalidArgument',
      message: "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
      debugInfo: { code: 'InvalidArgument', errorLocation: 'Range.values' },
    });
    expect(fake.workbook.sheet('My Sheet').values('A1:A3')).toEqual([['before'], [''], ['']]);
    expect(fake.stats.requests[0].error).toBe('InvalidArgument');
  });

  test('null as a whole value is invalid', async () => {
    const fake = ledger();
    const err = await rejection(fake.Excel.run(async (context) => {
      context.workbook.worksheets.getItem('My Sheet').getRange('A1').format.fill.color = null as unknown as string;
      await context.sync();
    }));
    expect(err.code).toBe('InvalidArgument');
  });
});

describe('request size and stats', () => {
  test('a request over 5 MB is refused and nothing in it applies', async () => {
    const fake = ledger();
    const rows = Array.from({ length: 60000 }, (_, i) => [`第${i}行 ${'x'.repeat(80)}`]);
    const err = await rejection(fake.Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('My Sheet');
      ws.getRange('B1').values = [['small']];
      ws.getRange(`A1:A${rows.length}`).values = rows;
      await context.sync();
    }));
    expect(err.code).toBe('RequestPayloadSizeLimitExceeded');
    expect(fake.workbook.sheet('My Sheet').usedRect()).toBeNull();
    const [req] = fake.stats.requests;
    expect(req.bytes).toBeGreaterThan(5 * 1024 * 1024);
    expect(req.error).toBe('RequestPayloadSizeLimitExceeded');
    expect(fake.stats.largestRequestBytes).toBe(req.bytes);
  });

  test('the same rows in chunks pass; syncs, operations and bytes are recorded', async () => {
    const fake = ledger();
    const rows = Array.from({ length: 60000 }, (_, i) => [`第${i}行 ${'x'.repeat(80)}`]);
    await fake.Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('My Sheet');
      for (let start = 0; start < rows.length; start += 20000) {
        ws.getRangeByIndexes(start, 0, 20000, 1).values = rows.slice(start, start + 20000);
        await context.sync();
      }
      await context.sync(); // nothing queued: no round trip
    });
    expect(fake.stats.syncs).toBe(3);
    expect(fake.stats.requests.map((r) => r.operations)).toEqual([3, 2, 2]); // getItem + getRangeByIndexes + set
    expect(fake.stats.requests[0].operationNames).toEqual([
      'WorksheetCollection.getItem', 'Worksheet.getRangeByIndexes', 'Range.values',
    ]);
    expect(fake.stats.largestRequestBytes).toBeGreaterThan(1.5 * 1024 * 1024);
    expect(fake.stats.largestRequestBytes).toBeLessThan(5 * 1024 * 1024);
    expect(fake.workbook.sheet('My Sheet').values('A60000')).toEqual([[rows[59999][0]]]);
  });

  test('failNextSync injects an error for one batch', async () => {
    const fake = ledger();
    fake.failNextSync('GeneralException');
    const err = await rejection(fake.Excel.run(async (context) => {
      context.workbook.worksheets.getItem('My Sheet').getRange('A1').values = [[1]];
      await context.sync();
    }));
    expect(err.code).toBe('GeneralException');
    expect(fake.workbook.sheet('My Sheet').values('A1')).toEqual([['']]);
  });
});

describe('null objects', () => {
  test('isNullObject is known after sync, and not before', async () => {
    const fake = ledger();
    await fake.Excel.run(async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject('不存在');
      const present = context.workbook.worksheets.getItemOrNullObject('台账');
      expect(() => missing.isNullObject).toThrow(NOT_LOADED('isNullObject'));
      missing.load('name');
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect(missing.name).toBeUndefined(); // Office.js does not throw on a null object
      expect(present.isNullObject).toBe(false);
      const empty = context.workbook.worksheets.getItem('My Sheet').getUsedRangeOrNullObject();
      empty.load('address');
      await context.sync();
      expect(empty.isNullObject).toBe(true);
    });
  });

  test('getItem of a missing sheet fails the sync with ItemNotFound', async () => {
    const fake = ledger();
    const err = await rejection(fake.Excel.run(async (context) => {
      context.workbook.worksheets.getItem('不存在').getRange('A1').load('values');
      await context.sync();
    }));
    expect(err).toMatchObject({ code: 'ItemNotFound', debugInfo: { errorLocation: 'WorksheetCollection.getItem' } });
  });
});

describe('worksheets', () => {
  test('add, ItemAlreadyExists (case-insensitive), delete, position, visibility, address quoting', async () => {
    const fake = ledger();
    await fake.Excel.run(async (context) => {
      const added = context.workbook.worksheets.add('结果 2024');
      added.position = 0;
      added.tabColor = '#ff0000';
      added.getRange('B2:C3').load('address');
      added.load('name, position, tabColor');
      await context.sync();
      expect(added.toJSON()).toMatchObject({ name: '结果 2024', position: 0, tabColor: '#FF0000' });
      const r = added.getRange('B2');
      r.load('address');
      await context.sync();
      expect(r.address).toBe("'结果 2024'!B2");
    });
    const dup = await rejection(fake.Excel.run(async (context) => {
      context.workbook.worksheets.add('my sheet');
      await context.sync();
    }));
    expect(dup.code).toBe('ItemAlreadyExists');
    await fake.Excel.run(async (context) => {
      context.workbook.worksheets.getItem('My Sheet').delete();
      context.workbook.worksheets.getItem('台账').visibility = fake.Excel.SheetVisibility.hidden;
    });
    expect(fake.workbook.sheetNames()).toEqual(['结果 2024', '台账']);
    expect(fake.workbook.sheet('台账').visibility).toBe('Hidden');
    expect(fake.workbook.active?.name).toBe('结果 2024');
    const last = await rejection(fake.Excel.run(async (context) => {
      context.workbook.worksheets.getItem('结果 2024').delete(); // the only visible sheet
      await context.sync();
    }));
    expect(last.code).toBe('InvalidOperation');
  });

  test('used range, freeze panes, page layout, charts', async () => {
    const fake = ledger();
    await fake.Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('My Sheet');
      ws.getRange('C5').values = [[1]];
      ws.getRange('E9').format.fill.color = '#00ff00';
      const used = ws.getUsedRange();
      const usedValues = ws.getUsedRangeOrNullObject(true);
      used.load('address');
      usedValues.load('address');
      ws.freezePanes.freezeRows(2);
      ws.pageLayout.orientation = fake.Excel.PageOrientation.landscape;
      ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      const chart = ws.charts.add(fake.Excel.ChartType.columnClustered, ws.getRange('A1:C5'), fake.Excel.ChartSeriesBy.columns);
      chart.title.text = '人数';
      chart.setPosition('H2', 'P20');
      chart.axes.valueAxis.minimum = 0;
      chart.axes.valueAxis.maximum = 100;
      await context.sync();
      expect(used.address).toBe("'My Sheet'!C5:E9");
      expect(usedValues.address).toBe("'My Sheet'!C5");
    });
    const s = fake.workbook.sheet('My Sheet');
    expect(s.freezePanes).toEqual({ rows: 2, columns: 0 });
    expect(s.pageLayout).toEqual({ orientation: 'Landscape', zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 } });
    expect(s.charts[0]).toMatchObject({
      name: 'Chart 1', chartType: 'ColumnClustered', seriesBy: 'Columns', sourceAddress: "'My Sheet'!A1:C5",
      title: '人数', position: { startCell: 'H2', endCell: 'P20' }, valueAxis: { minimum: 0, maximum: 100 },
    });
  });
});

describe('merges, formats, conditional formats, hyperlinks', () => {
  test('merged areas load as areas/items/address or a joined address; none is a null object', async () => {
    const fake = ledger();
    await fake.Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('台账');
      ws.getRange('B4:C4').merge();
      const areas = ws.getRange('A1:C10').getMergedAreasOrNullObject();
      areas.load('areas/items/address');
      const joined = ws.getRange('A1:C10').getMergedAreasOrNullObject();
      joined.load('address, areaCount');
      const none = ws.getRange('D1:D3').getMergedAreasOrNullObject();
      await context.sync();
      expect(areas.areas.items.map((r) => r.address)).toEqual(['台账!A2:A3', '台账!B4:C4']);
      expect(joined.address).toBe('台账!A2:A3,台账!B4:C4');
      expect(joined.areaCount).toBe(2);
      expect(none.isNullObject).toBe(true);
    });
    expect(fake.workbook.sheet('台账').merges).toEqual(['A2:A3', 'B4:C4']);
  });

  test('format reads are uniform-or-null; conditional formats and hyperlinks are stored', async () => {
    const fake = ledger();
    await fake.Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('台账');
      const header = ws.getRange('A1:C1');
      header.format.font.bold = true;
      header.format.font.color = '#1f4e79';
      header.format.columnWidth = 60;
      ws.getRange('A1').format.fill.color = 'red';
      header.format.horizontalAlignment = fake.Excel.HorizontalAlignment.center;
      header.format.wrapText = true;
      const cf = ws.getRange('C2:C3').conditionalFormats.add(fake.Excel.ConditionalFormatType.custom);
      cf.custom.rule.formula = '=$C2<4';
      cf.custom.format.fill.color = '#FFC7CE';
      cf.custom.format.font.color = '#9C0006';
      ws.getRange('D2').hyperlink = { documentReference: "'My Sheet'!A1", textToDisplay: '明细' };
      header.load('format/font/bold, format/fill/color, format/columnWidth');
      await context.sync();
      expect(header.format.font.bold).toBe(true);
      expect(header.format.fill.color).toBeNull(); // A1 red, B1:C1 none
      expect(header.format.columnWidth).toBe(60);
    });
    const s = fake.workbook.sheet('台账');
    expect(s.cell('A1').style).toMatchObject({ bold: true, fontColor: '#1F4E79', fillColor: '#FF0000', horizontalAlignment: 'Center', wrapText: true });
    expect(s.conditionalFormats).toEqual([expect.objectContaining({ type: 'Custom', formula: '=$C2<4', fillColor: '#FFC7CE', fontColor: '#9C0006' })]);
    expect(s.cell('D2')).toMatchObject({ value: '明细', hyperlink: { documentReference: "'My Sheet'!A1", textToDisplay: '明细' } });
  });
});

describe('copyFrom', () => {
  test('a copy to the same place carries formulas, formats and merges, and replaces the destination', async () => {
    const fake = ledger();
    await fake.Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      const from = sheets.add('暂存');
      from.getRange('A1:B2').formulas = [['=1+1', '文本'], [5, '']];
      from.getRange('A2').numberFormat = [['0.00']];
      from.getRange('A1:B1').merge();
      context.application.suspendApiCalculationUntilNextSync();
      const to = sheets.getItem('My Sheet');
      to.getRange('B2:C3').values = [['旧', '旧'], ['旧', '旧']];
      to.getRange('A1:B2').copyFrom(from.getRange('A1:B2'), fake.Excel.RangeCopyType.all);
      await context.sync();
    });
    const to = fake.workbook.sheet('My Sheet');
    expect(to.formulas('A1:C3')).toEqual([['=1+1', '', ''], [5, '', '旧'], ['', '旧', '旧']]);
    expect(to.numberFormats('A2')).toEqual([['0.00']]);
    expect(to.mergeRects).toEqual([{ row: 0, col: 0, rows: 1, cols: 2 }]);
    expect(fake.workbook.calculationSuspensions).toBe(1);
  });

  test('values only, and formulas to another place are refused rather than copied unshifted', async () => {
    const fake = ledger();
    fake.workbook.evaluate = (_sheet, _address, formula) => (formula === '=2*3' ? 6 : null);
    await fake.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('My Sheet');
      sheet.getRange('A1').formulas = [['=2*3']];
      sheet.getRange('D1').copyFrom('A1', fake.Excel.RangeCopyType.values);
      await context.sync();
    });
    expect(fake.workbook.sheet('My Sheet').formulas('D1')).toEqual([[6]]);
    const error = await rejection(fake.Excel.run(async (context) => {
      context.workbook.worksheets.getItem('My Sheet').getRange('E1').copyFrom('A1');
      await context.sync();
    }));
    expect(String(error.message)).toContain('relative references');
  });
});

describe('settings and formulas', () => {
  test('settings round-trip across runs as JSON', async () => {
    const fake = ledger();
    await fake.Excel.run(async (context) => {
      context.workbook.settings.add('hs.mapping', { 区: 'A', 列: [1, 2] });
      context.workbook.settings.add('version', 2); // replaces
    });
    await fake.Excel.run(async (context) => {
      const mapping = context.workbook.settings.getItemOrNullObject('hs.mapping');
      const version = context.workbook.settings.getItem('version');
      const missing = context.workbook.settings.getItemOrNullObject('nope');
      mapping.load('value');
      version.load('value');
      missing.load('value');
      await context.sync();
      expect(mapping.value).toEqual({ 区: 'A', 列: [1, 2] });
      expect(version.value).toBe(2);
      expect(missing.isNullObject).toBe(true);
    });
    expect(fake.workbook.settings.get('hs.mapping')).toEqual({ 区: 'A', 列: [1, 2] });
  });

  test('a pluggable evaluator computes formula values when read', async () => {
    const calls: string[] = [];
    const fake = createFakeExcel({ sheets: { S: [[2, 3, '=A1*B1']] } }, {
      evaluate: (sheet, address, formula, wb) => {
        calls.push(`${sheet}!${address} ${formula}`);
        const [a, b] = wb.sheet(sheet).values('A1:B1')[0] as number[];
        return formula === '=A1*B1' ? a * b : null;
      },
    });
    await fake.Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('S');
      ws.getRange('A1').values = [[10]];
      const c1 = ws.getRange('C1');
      c1.load('values, formulas');
      await context.sync();
      expect(c1.values).toEqual([[30]]);
      expect(c1.formulas).toEqual([['=A1*B1']]);
    });
    expect(calls).toEqual(['S!C1 =A1*B1']);
  });
});

describe('guard rails', () => {
  test('API the fake does not model throws a clear error', async () => {
    const fake = ledger();
    await fake.Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('台账').getRange('A1') as unknown as Record<string, unknown>;
      expect(() => range.insert).toThrow('fake Excel: Range.insert is not implemented');
      expect(() => context.workbook.worksheets.getItem('台账').getRange('A1').load('numberFormatLocal'))
        .toThrow('fake Excel: loading Range.numberFormatLocal is not implemented');
      expect(() => (fake.Excel.ChartType as unknown as Record<string, string>).radar)
        .toThrow('fake Excel: Excel.ChartType.radar is not implemented');
      await context.sync();
    });
  });

  test('a batch that does not return a promise, and proxies used after run, fail like Office.js', async () => {
    const fake = ledger();
    const err = await rejection(fake.Excel.run((() => undefined) as unknown as () => Promise<void>));
    expect(err.code).toBe('RunMustReturnPromise');
    let stale: Excel.Range | undefined;
    let staleContext: Excel.RequestContext | undefined;
    await fake.Excel.run(async (context) => {
      stale = context.workbook.worksheets.getItem('台账').getRange('A1');
      staleContext = context;
    });
    stale!.load('values');
    expect((await rejection(staleContext!.sync())).code).toBe('InvalidObjectPath');
  });

  test('installFakeOffice provides Excel, Office.onReady and OfficeExtension.Error as globals', async () => {
    const fake = ledger();
    const restore = installFakeOffice(globalThis, fake);
    try {
      const info = await Office.onReady();
      expect(info.host).toBe('Excel');
      const names = await Excel.run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.load('items/name');
        await context.sync();
        return sheets.items.map((s) => s.name);
      });
      expect(names).toEqual(['台账', 'My Sheet']);
      const err = await rejection(Excel.run(async (context) => {
        context.workbook.worksheets.getItem('x');
        await context.sync();
      }));
      expect(err).toBeInstanceOf(OfficeExtension.Error);
      expect(err.code).toBe(Excel.ErrorCodes.itemNotFound);
    } finally {
      restore();
    }
    expect((globalThis as Record<string, unknown>).Excel).toBeUndefined();
  });
});

describe('data validation, protection, frozen panes and filters (a template to fill)', () => {
  test('validations keep Excel’s limits; a protected sheet refuses its locked cells and formats, not its unlocked ones', async () => {
    const fake = ledger();
    await fake.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('台账');
      const input = sheet.getRange('C2:C3');
      input.format.protection.locked = false;
      input.dataValidation.rule = { wholeNumber: { formula1: 0, operator: 'GreaterThanOrEqualTo' } };
      input.dataValidation.prompt = { showPrompt: true, title: '人数', message: '填0或正整数' };
      input.dataValidation.errorAlert = { showAlert: true, style: 'Stop', title: '人数有误', message: '应为不小于0的整数' };
      sheet.freezePanes.freezeAt(sheet.getRange('A1:B1'));
      sheet.autoFilter.apply(sheet.getRange('A1:C3'));
      sheet.protection.protect({ allowSort: true, selectionMode: 'Normal' });
      await context.sync();
    });
    const sheet = fake.workbook.sheet('台账');
    expect(sheet.validation('C3')).toMatchObject({ rule: { wholeNumber: { formula1: 0, operator: 'GreaterThanOrEqualTo' } }, prompt: { title: '人数' }, errorAlert: { style: 'Stop' } });
    expect(sheet.validation('B3')).toBeNull();
    expect(sheet.freezePanes).toEqual({ rows: 1, columns: 2 });
    expect(sheet.autoFilter).toEqual({ row: 0, col: 0, rows: 3, cols: 3 });
    expect(sheet.protection).toEqual({ protected: true, password: null, options: { allowSort: true, selectionMode: 'Normal' } });
    await fake.Excel.run(async (context) => {
      context.workbook.worksheets.getItem('台账').getRange('C2').values = [[5]];
      await context.sync();
    });
    expect(sheet.cell('C2').value).toBe(5);
    for (const write of [
      (s: Excel.Worksheet) => { s.getRange('B2').values = [['丙']]; },
      (s: Excel.Worksheet) => { s.getRange('C2').format.fill.color = '#FF0000'; },
      (s: Excel.Worksheet) => { s.getRange('C2').dataValidation.clear(); },
      (s: Excel.Worksheet) => { s.protection.protect(); },
    ]) {
      const err = await rejection(fake.Excel.run(async (context) => {
        write(context.workbook.worksheets.getItem('台账'));
        await context.sync();
      }));
      expect(['AccessDenied', 'InvalidOperation']).toContain(err.code);
    }
    expect(sheet.cell('B2').value).toBe('甲');
    const long = await rejection(fake.Excel.run(async (context) => {
      context.workbook.worksheets.getItem('My Sheet').getRange('A1').dataValidation.prompt = { showPrompt: true, title: '标题'.repeat(17), message: '' };
      await context.sync();
    }));
    expect(long.code).toBe('InvalidArgument');
    const badRule = await rejection(fake.Excel.run(async (context) => {
      context.workbook.worksheets.getItem('My Sheet').getRange('A1').dataValidation.rule = { decimal: { formula1: 0, operator: 'Between' } };
      await context.sync();
    }));
    expect(badRule.code).toBe('InvalidArgument'); // Between needs formula2
  });
});
