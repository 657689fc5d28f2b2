import * as fs from 'node:fs';
import type ExcelJS from 'exceljs';
import * as iconv from 'iconv-lite';
import type { SheetGrid } from '../../src/ledger/types';
import { ledgerFromGrids, readLedgerFile } from '../../src/read/ledger';
import { csvBytes, putRows, tempDir, workbookBytes } from './helpers';

const TITLE = '2024年赫山区充分就业社区(村)月度考核台账';

/** The ledger as a bureau keeps it: title row, two-row merged header, units in brackets, a 合计 row. */
function addLedgerSheet(wb: ExcelJS.Workbook): void {
  const s = wb.addWorksheet('台账');
  putRows(s, [
    [TITLE],
    ['单位名称', '类型', '月份', '一、就业失业情况', null, null, null, '三、服务质量情况', null, '小组', '备注'],
    [null, null, null, '劳动力数（人）', '期末登记失业人员人数（人）', '劳动力资源总数（人）', '农村劳动力资源总数（人）', '各项就业服务次数（次）', '全省社区（村）平均服务次数', null, null],
    ['桃花仑社区', '社区', 1, 1200, 3, 1300, null, 15, null, '第一组', null],
    ['会龙山村', '村', 1, 900, 2, 950, 800, 10, null, '第一组', '一月'],
    [null, '村', 2, 905, 2, 950, 800, 12, null, '第一组', null],
    [],
    ['桃花仑社区', '社区', 2, 1210, ' 4 ', 1300, null, { formula: 'H4+1', result: 16 }, null, '第一组', null],
    ['小计', null, null, 4215, 11, null, null, null, null, null, null],
    ['合计', null, null, 4215, 11, null, null, null, null, null, null],
    ['迟到社区', '社区', 3, 1000, 1, 1100, null, 9, null, '第二组', null],
  ]);
  s.mergeCells('A1:K1');
  for (const col of ['A', 'B', 'C', 'J', 'K']) s.mergeCells(`${col}2:${col}3`);
  s.mergeCells('D2:G2');
  s.mergeCells('H2:I2');
  s.mergeCells('A5:A6'); // the village's name merged over its two months
}

function addParamsSheet(wb: ExcelJS.Workbook): void {
  putRows(wb.addWorksheet('参数'), [
    ['月份', '全省平均劳动力信息更新覆盖率（%）', '全省社区（村）平均服务次数（次）', '全省平均人岗匹配推荐成功率', '全省平均职业培训推荐覆盖率', '全省平均职业培训补贴覆盖率'],
    [1, 0.9, 12, 0.8, 0.5, 0.3],
    [2, '85%', 12.5, 0.81, 0.52, 0.31],
  ]);
}

function addUnitSheet(wb: ExcelJS.Workbook): void {
  putRows(wb.addWorksheet('单位信息'), [
    ['单位名称', '所属乡镇', '认定层级', '年初创建单位', '带动奖励（元）', '奖励说明'],
    ['桃花仑社区', '桃花仑街道', '省级', '是', 20000, '带动示范'],
    ['会龙山村', '会龙山街道', '市级', '否', null, null],
  ]);
}

/** A sheet a previous run wrote, with more identity columns than the ledger: must never be taken for it. */
function addScoresSheet(wb: ExcelJS.Workbook): void {
  putRows(wb.addWorksheet('月度得分'), [
    ['单位名称', '类型', '月份', '所属乡镇', '小组', '认定层级', '年初创建单位', '带动奖励', '奖励说明', '劳动力总数', '劳动力资源总数', '农村劳动力资源总数'],
    ['桃花仑社区', '社区', 1, '', '', '', '', '', '', 1, 1, 1],
  ]);
}

describe('readLedgerFile (.xlsx)', () => {
  const tmp = tempDir();
  let file: string;
  beforeAll(async () => {
    file = tmp.file('台账.xlsx');
    fs.writeFileSync(file, await workbookBytes((wb) => {
      addScoresSheet(wb);
      addLedgerSheet(wb);
      addParamsSheet(wb);
      addUnitSheet(wb);
    }));
  });
  afterAll(() => tmp.cleanup());

  it('finds the ledger sheet and its two-row header below the title', async () => {
    const { raw, grids, encoding } = await readLedgerFile(file);
    expect(raw.source).toBe(file);
    expect(raw.sheet).toBe('台账');
    expect(grids.map((g) => g.name)).toEqual(['月度得分', '台账', '参数', '单位信息']);
    expect(encoding).toBeNull();
    expect(raw.mapping.sheet).toBe('台账');
    expect(raw.mapping.headerRows).toEqual([1, 2]);
    expect(raw.mapping.firstDataRow).toBe(3);
    expect(raw.mapping.columns.map((c) => [c.column, c.header, c.target?.key ?? null, c.confidence, c.matchedBy])).toEqual([
      [0, '单位名称', 'unit', 1, 'canonical'],
      [1, '类型', 'type', 1, 'canonical'],
      [2, '月份', 'month', 1, 'canonical'],
      [3, '一、就业失业情况/劳动力数（人）', 'laborForce', 0.9, 'synonym'],
      [4, '一、就业失业情况/期末登记失业人员人数（人）', 'registeredUnemployed', 1, 'canonical'],
      [5, '一、就业失业情况/劳动力资源总数（人）', 'laborResource', 1, 'canonical'],
      [6, '一、就业失业情况/农村劳动力资源总数（人）', 'ruralLabor', 1, 'canonical'],
      [7, '三、服务质量情况/各项就业服务次数（次）', 'serviceCount', 1, 'canonical'],
      [8, '三、服务质量情况/全省社区（村）平均服务次数', 'provinceAvgServiceCount', 1, 'canonical'],
      [9, '小组', 'group', 1, 'canonical'],
      [10, '备注', null, 0, 'none'],
    ]);
  });

  it('reads each data row with sheet-qualified cell addresses, the row after the 合计 row too', async () => {
    const { raw } = await readLedgerFile(file);
    expect(raw.rows.map((r) => [r.row, r.rowRef])).toEqual([[4, '台账!A4'], [5, '台账!A5'], [6, '台账!A6'], [8, '台账!A8'], [11, '台账!A11']]);
    const [first, village1, village2, last] = raw.rows;
    expect(first.attributes).toEqual({
      unit: { value: '桃花仑社区', cell: '台账!A4' },
      type: { value: '社区', cell: '台账!B4' },
      month: { value: 1, cell: '台账!C4' },
      group: { value: '第一组', cell: '台账!J4' },
    });
    expect(first.fields).toEqual({
      laborForce: { value: 1200, cell: '台账!D4' },
      registeredUnemployed: { value: 3, cell: '台账!E4' },
      laborResource: { value: 1300, cell: '台账!F4' },
      ruralLabor: { value: null, cell: '台账!G4' }, // blank, but still located
      serviceCount: { value: 15, cell: '台账!H4' },
      provinceAvgServiceCount: { value: null, cell: '台账!I4' },
    });
    expect(village1.attributes.unit).toEqual({ value: '会龙山村', cell: '台账!A5' });
    // A5:A6 is merged: the second month reads the merged name from where it lives.
    expect(village2.attributes.unit).toEqual({ value: '会龙山村', cell: '台账!A5' });
    expect(village2.fields.laborForce).toEqual({ value: 905, cell: '台账!D6' });
    expect(last.fields.registeredUnemployed).toEqual({ value: ' 4 ', cell: '台账!E8' });
    expect(last.fields.serviceCount).toEqual({ value: 16, cell: '台账!H8' }); // a formula's result
  });

  it('warns about the columns it ignores and lists the totals rows it skipped', async () => {
    const { raw } = await readLedgerFile(file);
    expect(raw.issues).toEqual([
      { severity: 'warning', unit: null, month: null, field: null, cell: '台账!K2', message: '未识别的列「备注」（台账!K2），已忽略' },
      { severity: 'warning', unit: null, month: null, field: null, cell: null, message: '台账中的合计行未计分：「小计」（台账!A9）、「合计」（台账!A10）；其上下的数据行都已读取' },
    ]);
  });

  it('reads the 参数 sheet into one row per month', async () => {
    const { raw } = await readLedgerFile(file);
    expect(raw.params).toEqual([
      {
        row: 2,
        month: { value: 1, cell: '参数!A2' },
        fields: {
          provinceUpdateCoverage: { value: 0.9, cell: '参数!B2' },
          provinceAvgServiceCount: { value: 12, cell: '参数!C2' },
          provinceAvgMatchSuccess: { value: 0.8, cell: '参数!D2' },
          provinceAvgTrainingCoverage: { value: 0.5, cell: '参数!E2' },
          provinceAvgSubsidyCoverage: { value: 0.3, cell: '参数!F2' },
        },
      },
      expect.objectContaining({ row: 3, month: { value: 2, cell: '参数!A3' } }),
    ]);
    expect(raw.params[1].fields.provinceUpdateCoverage).toEqual({ value: '85%', cell: '参数!B3' });
  });

  it('reads the 单位信息 sheet into per-unit rows', async () => {
    const { raw } = await readLedgerFile(file);
    expect(raw.unitRows.map((r) => r.rowRef)).toEqual(['单位信息!A2', '单位信息!A3']);
    expect(raw.unitRows[0].attributes).toEqual({
      unit: { value: '桃花仑社区', cell: '单位信息!A2' },
      town: { value: '桃花仑街道', cell: '单位信息!B2' },
      level: { value: '省级', cell: '单位信息!C2' },
      founding: { value: '是', cell: '单位信息!D2' },
      reward: { value: 20000, cell: '单位信息!E2' },
      rewardReason: { value: '带动示范', cell: '单位信息!F2' },
    });
    expect(raw.unitRows[1].attributes.reward).toEqual({ value: null, cell: '单位信息!E3' });
  });

  it('reads the sheet it is told to, and says so in Chinese when there is none', async () => {
    const { raw } = await readLedgerFile(file, { sheet: '台账' });
    expect(raw.sheet).toBe('台账');
    await expect(readLedgerFile(file, { sheet: '三月' })).rejects.toThrow(`找不到工作表「三月」：${file} 中的工作表有 「月度得分」、「台账」、「参数」、「单位信息」`);
    await expect(readLedgerFile(file, { sheet: '单位信息' })).rejects.toThrow('找不到表头：工作表「单位信息」前20行中没有可识别的台账表头，需要「单位名称」「月份」列');
  });
});

describe('readLedgerFile (.csv)', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  const rows = [
    ['单位名称', '类型', '月份', '劳动力总数（人）', '劳动力资源总数', '农村劳动力资源总数', '电话抽查信息准确率(%)'],
    ['桃花仑社区', '社区', '3', '1,200', '1300', null, '95%'],
    ['会龙山村', '村', '3月', '900', '950', '800', '0.9'],
    [],
    ['注：数据截至3月31日', null, null, null, null, null, null],
  ];

  it.each(['utf-8', 'utf-8-bom', 'gbk'] as const)('reads a %s ledger with its rows and addresses', async (encoding) => {
    const file = tmp.file(`台账-${encoding}.csv`);
    fs.writeFileSync(file, csvBytes(rows, encoding));
    const { raw, grids, encoding: found } = await readLedgerFile(file);
    expect(grids.map((g) => g.name)).toEqual([`台账-${encoding}`]);
    expect(found).toBe(encoding === 'gbk' ? 'gb18030' : encoding);
    const sheet = `台账-${encoding}`;
    const q = `'${sheet}'`; // the hyphen makes Excel quote the name
    expect(raw.sheet).toBe(sheet);
    expect(raw.mapping.headerRows).toEqual([0]);
    expect(raw.mapping.firstDataRow).toBe(1);
    expect(raw.mapping.columns.map((c) => c.target?.key)).toEqual(['unit', 'type', 'month', 'laborForce', 'laborResource', 'ruralLabor', 'phoneCheckAccuracy']);
    // The note under the table is not a row.
    expect(raw.rows.map((r) => r.attributes.unit?.value)).toEqual(['桃花仑社区', '会龙山村']);
    expect(raw.rows[0].fields.laborForce).toEqual({ value: '1,200', cell: `${q}!D2` });
    expect(raw.rows[1].attributes.month).toEqual({ value: '3月', cell: `${q}!C3` });
    expect(raw.rows[1].fields.phoneCheckAccuracy).toEqual({ value: '0.9', cell: `${q}!G3` });
    expect(raw.params).toEqual([]);
    expect(raw.unitRows).toEqual([]);
    expect(raw.issues).toEqual([]);
  });

  it('reads a GBK parameters CSV given beside the ledger', async () => {
    const ledger = tmp.file('台账.csv');
    const params = tmp.file('参数.csv');
    fs.writeFileSync(ledger, csvBytes(rows, 'utf-8-bom'));
    fs.writeFileSync(params, csvBytes([
      ['月份', '全省平均劳动力信息更新覆盖率', '全省社区(村)平均服务次数', '全省平均人岗匹配推荐成功率', '全省平均职业培训推荐覆盖率', '全省平均职业培训补贴覆盖率', '说明'],
      ['3', '90%', '12', '80%', '50%', '30%', '省厅通报'],
    ], 'gbk'));
    const { raw } = await readLedgerFile(ledger, { paramsPath: params });
    expect(raw.rows[0].fields.laborForce.cell).toBe('台账!D2');
    expect(raw.params).toEqual([{
      row: 2,
      month: { value: '3', cell: '参数!A2' },
      fields: {
        provinceUpdateCoverage: { value: '90%', cell: '参数!B2' },
        provinceAvgServiceCount: { value: '12', cell: '参数!C2' },
        provinceAvgMatchSuccess: { value: '80%', cell: '参数!D2' },
        provinceAvgTrainingCoverage: { value: '50%', cell: '参数!E2' },
        provinceAvgSubsidyCoverage: { value: '30%', cell: '参数!F2' },
      },
    }]);
    expect(raw.issues).toEqual([
      { severity: 'warning', unit: null, month: null, field: null, cell: '参数!G1', message: '参数表中未识别的列「说明」（参数!G1），已忽略' },
    ]);
  });
});

describe('readLedgerFile errors', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('throws a Chinese message for a file it cannot read', async () => {
    const missing = tmp.file('没有这个文件.xlsx');
    await expect(readLedgerFile(missing)).rejects.toThrow(`无法读取文件 ${missing}：文件不存在`);
    const broken = tmp.file('坏文件.xlsx');
    fs.writeFileSync(broken, Buffer.from('PK\u0003\u0004 this is not really a zip'));
    await expect(readLedgerFile(broken)).rejects.toThrow(`无法读取文件 ${broken}：不是有效的 .xlsx 工作簿`);
    const pdf = tmp.file('台账.pdf');
    fs.writeFileSync(pdf, '%PDF-1.4');
    await expect(readLedgerFile(pdf)).rejects.toThrow(`无法读取文件 ${pdf}：不支持的文件类型「.pdf」，请提供 .xlsx 或 .csv 文件`);
    await expect(readLedgerFile(tmp.file('旧台账.xls'))).rejects.toThrow(/^无法读取文件 .*旧台账\.xls：不支持 \.xls（旧版 Excel\/WPS）格式/);
    const ole = tmp.file('加密.xlsx');
    fs.writeFileSync(ole, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    await expect(readLedgerFile(ole)).rejects.toThrow(/设置了打开密码/);
    const badCsv = tmp.file('引号.csv');
    fs.writeFileSync(badCsv, '单位名称,月份\n"桃花仑社区,3\n');
    await expect(readLedgerFile(badCsv)).rejects.toThrow(new RegExp(`^无法读取文件 ${badCsv}：CSV 格式有误`));
    await expect(readLedgerFile(tmp.file('a.csv'), { paramsPath: tmp.file('无参数.csv') })).rejects.toThrow(/文件不存在/);
  });

  it('throws when no sheet has a recognisable header with 单位名称 and 月份', async () => {
    const noMonth = tmp.file('无月份.csv');
    fs.writeFileSync(noMonth, csvBytes([['单位名称', '劳动力总数'], ['桃花仑社区', '1200']], 'utf-8'));
    await expect(readLedgerFile(noMonth)).rejects.toThrow(`找不到表头：${noMonth} 的工作表 「无月份」 前20行中都没有可识别的台账表头，需要「单位名称」「月份」列（「无月份」第1行的表头有「单位名称」，没有「月份」列）`);
    const empty = tmp.file('空.csv');
    fs.writeFileSync(empty, '');
    await expect(readLedgerFile(empty)).rejects.toThrow(/^找不到表头：.*需要「单位名称」「月份」列（「空」是空表）$/);
    const book = tmp.file('说明.xlsx');
    fs.writeFileSync(book, await workbookBytes((wb) => {
      putRows(wb.addWorksheet('说明'), [['本工作簿用于……']]);
      addParamsSheet(wb); // a 参数 sheet is never the ledger
    }));
    await expect(readLedgerFile(book)).rejects.toThrow(/^找不到表头：.*「说明」、「参数」 前20行中都没有可识别的台账表头.*（「说明」前20行中既没有「单位名称」列也没有「月份」列；「参数」第1行的表头有「月份」，没有「单位名称」列）$/);
  });
});

describe('ledgerFromGrids', () => {
  const sheet = (name: string, rows: SheetGrid['rows']): SheetGrid => ({ name, rows, merges: [] });

  it('warns when two columns claim one field, and when a column is recognised only approximately', () => {
    const raw = ledgerFromGrids([sheet('台账', [
      ['单位名称', '月份', '劳动力总数', '劳动力总数', '期末登记失业人员数'],
      ['桃花仑社区', 3, 1200, 1300, 3],
    ])], { source: 'mem' });
    expect(raw.mapping.columns.map((c) => [c.target?.key ?? null, c.matchedBy])).toEqual([
      ['unit', 'canonical'], ['month', 'canonical'], ['laborForce', 'canonical'], [null, 'none'], ['registeredUnemployed', 'fuzzy'],
    ]);
    expect(raw.issues.map((i) => [i.cell, i.field, i.message])).toEqual([
      ['台账!D1', null, '列「劳动力总数」（台账!D1）与「劳动力总数」（台账!C1）都对应「劳动力总数」，已使用后者，本列已忽略'],
      ['台账!E1', '期末登记失业人员人数', expect.stringMatching(/^列「期末登记失业人员数」（台账!E1）按相近的列名识别为「期末登记失业人员人数」（可信度 0\.\d\d），请核对$/)],
    ]);
    expect(raw.rows[0].fields).toEqual({
      laborForce: { value: 1200, cell: '台账!C2' },
      registeredUnemployed: { value: 3, cell: '台账!E2' },
    });
  });

  it('reports a 参数 sheet without a 月份 column as an error and reads no averages', () => {
    const raw = ledgerFromGrids([
      sheet('台账', [['单位名称', '月份'], ['桃花仑社区', 3]]),
      sheet('参数', [['全省平均人岗匹配推荐成功率'], [0.8]]),
    ], { source: 'mem' });
    expect(raw.params).toEqual([]);
    expect(raw.issues).toEqual([
      { severity: 'error', unit: null, month: null, field: '月份', cell: null, message: '参数表「参数」前20行中找不到「月份」列，省平均值未读取' },
    ]);
  });

  it('prefers a params grid passed in over the workbook 参数 sheet, and says so', () => {
    const raw = ledgerFromGrids([
      sheet('台账', [['单位名称', '月份'], ['桃花仑社区', 3]]),
      sheet('参数', [['月份', '全省平均人岗匹配推荐成功率'], [3, 0.8]]),
    ], { source: 'mem', paramsGrid: sheet('params', [['月份', '全省平均人岗匹配推荐成功率'], [3, 0.7]]) });
    expect(raw.params.map((p) => p.fields.provinceAvgMatchSuccess)).toEqual([{ value: 0.7, cell: 'params!B2' }]);
    expect(raw.issues.map((i) => i.message)).toEqual(['已使用参数文件「params」中的省平均值，工作簿中的「参数」表未使用']);
  });

  it('takes a per-unit sheet by its columns when it is not named 单位信息', () => {
    const raw = ledgerFromGrids([
      sheet('台账', [['单位名称', '月份'], ['桃花仑社区', 3]]),
      sheet('老带新分组', [['社区(村)名称', '所属小组', '认定级别'], ['桃花仑社区', '第一组', '省级']]),
    ], { source: 'mem' });
    expect(raw.unitRows.map((r) => r.attributes)).toEqual([{
      unit: { value: '桃花仑社区', cell: '老带新分组!A2' },
      group: { value: '第一组', cell: '老带新分组!B2' },
      level: { value: '省级', cell: '老带新分组!C2' },
    }]);
  });

  it('skips totals rows wherever they stand (above, inside, mid-table) and reads every data row, listing the totals in one 提示', () => {
    const raw = ledgerFromGrids([sheet('台账', [
      ['单位名称', '月份', '劳动力总数'],
      ['合  计', null, 2100],
      ['桃花仑社区', 3, 1200],
      ['小计', null, 1200],
      ['会龙山村', 3, 900],
      ['合计', null, 2100],
      ['龙光桥村', 3, 800],
    ])], { source: 'mem' });
    expect(raw.rows.map((r) => r.row)).toEqual([3, 5, 7]);
    expect(raw.issues.map((i) => i.message)).toEqual(['台账中的合计行未计分：「合  计」（台账!A2）、「小计」（台账!A4）、「合计」（台账!A6）；其上下的数据行都已读取']);
  });

  it('skips notes under the table, but not a unit whose name starts like one', () => {
    const raw = ledgerFromGrids([sheet('台账', [
      ['单位名称', '月份', '劳动力总数'],
      ['注滋口社区', null, 1200],
      ['桃花仑社区', 3, 900],
      ['注：劳动力总数按户籍统计'],
      ['填表人：张三', null, '审核人：李四'],
    ])], { source: 'mem' });
    expect(raw.rows.map((r) => r.attributes.unit?.value)).toEqual(['注滋口社区', '桃花仑社区']);
  });

  it('uses a mapping the analyst confirmed instead of detecting one', () => {
    const grid = sheet('台账', [['名称', '月', '人数'], ['桃花仑社区', 3, 1200]]);
    const raw = ledgerFromGrids([grid], {
      source: 'mem',
      mapping: {
        sheet: '台账', headerRows: [0], firstDataRow: 1,
        columns: [
          { column: 0, header: '名称', target: { kind: 'attribute', key: 'unit' }, confidence: 1, matchedBy: 'manual' },
          { column: 1, header: '月', target: { kind: 'attribute', key: 'month' }, confidence: 1, matchedBy: 'manual' },
          { column: 2, header: '人数', target: { kind: 'field', key: 'laborForce' }, confidence: 1, matchedBy: 'manual' },
        ],
      },
    });
    expect(raw.rows[0].fields.laborForce).toEqual({ value: 1200, cell: '台账!C2' });
    expect(raw.mapping.columns.every((c) => c.matchedBy === 'manual')).toBe(true);
  });
});

describe('GBK bytes', () => {
  it('are what Excel in Chinese writes (sanity check of the test encoder)', () => {
    expect(iconv.encode('单位名称', 'gbk')).toEqual(Buffer.from([0xb5, 0xa5, 0xce, 0xbb, 0xc3, 0xfb, 0xb3, 0xc6]));
  });
});
