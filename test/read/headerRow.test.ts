import type { CellValue, MergedRange, SheetGrid } from '../../src/ledger/types';
import { detectHeader, headerAt } from '../../src/read/headerRow';

const grid = (rows: CellValue[][], merges: MergedRange[] = []): SheetGrid => ({ name: '台账', rows, merges });
const targetsOf = (g: SheetGrid) => Object.fromEntries(detectHeader(g).columns.map((c) => [c.header, c.target?.key ?? null]));

describe('detectHeader', () => {
  it('finds a one-row header at the top of a CSV', () => {
    const mapping = detectHeader(grid([
      ['单位名称', '类型', '月份', '劳动力总数', '备注'],
      ['桃花仑社区', '社区', '1', '1200', null],
    ]));
    expect(mapping.headerRows).toEqual([0]);
    expect(mapping.firstDataRow).toBe(1);
    expect(mapping.columns.map((c) => [c.column, c.header, c.target?.key ?? null, c.matchedBy])).toEqual([
      [0, '单位名称', 'unit', 'canonical'],
      [1, '类型', 'type', 'canonical'],
      [2, '月份', 'month', 'canonical'],
      [3, '劳动力总数', 'laborForce', 'canonical'],
      [4, '备注', null, 'none'],
    ]);
  });

  it('skips a merged title row and reads a two-row merged header', () => {
    // Row 0: title merged over A1:F1. Rows 1–2: identity columns merged down, a group title merged across.
    const g = grid(
      [
        ['2024年赫山区充分就业社区(村)月度考核台账'],
        ['单位名称', '类型', '月份', '一、就业失业情况', null, null],
        [null, null, null, '劳动力数（人）', '期末登记失业人员人数（人）', '劳动力资源总数\n（人）'],
        ['桃花仑社区', '社区', 1, 1200, 3, 1300],
      ],
      [
        { top: 0, left: 0, bottom: 0, right: 5 },
        { top: 1, left: 0, bottom: 2, right: 0 },
        { top: 1, left: 1, bottom: 2, right: 1 },
        { top: 1, left: 2, bottom: 2, right: 2 },
        { top: 1, left: 3, bottom: 1, right: 5 },
      ],
    );
    const mapping = detectHeader(g);
    expect(mapping.headerRows).toEqual([1, 2]);
    expect(mapping.firstDataRow).toBe(3);
    expect(mapping.columns.map((c) => [c.header, c.target?.key, c.confidence])).toEqual([
      ['单位名称', 'unit', 1],
      ['类型', 'type', 1],
      ['月份', 'month', 1],
      ['一、就业失业情况/劳动力数（人）', 'laborForce', 0.9],
      ['一、就业失业情况/期末登记失业人员人数（人）', 'registeredUnemployed', 1],
      ['一、就业失业情况/劳动力资源总数 （人）', 'laborResource', 1],
    ]);
  });

  it('fills a CSV group title forward over the sub-headers after it, not over identity columns', () => {
    const g = grid([
      ['单位名称', '月份', '一、就业失业情况', null, '高校毕业生', null, '类型'],
      [null, null, '劳动力总数(人)', '登记失业2年以上人数', '实名登记应届高校毕业生人数', '已就业人数', null],
      ['桃花仑社区', '1', '1200', '0', '4', '2', '社区'],
    ]);
    const mapping = detectHeader(g);
    expect(mapping.headerRows).toEqual([0, 1]);
    expect(mapping.firstDataRow).toBe(2);
    expect(targetsOf(g)).toEqual({
      '单位名称': 'unit',
      '月份': 'month',
      '一、就业失业情况/劳动力总数(人)': 'laborForce',
      '一、就业失业情况/登记失业2年以上人数': 'longTermUnemployed',
      '高校毕业生/实名登记应届高校毕业生人数': 'gradsRegistered',
      // Only the group title makes this column readable: 高校毕业生 + 已就业人数.
      '高校毕业生/已就业人数': 'gradsEmployed',
      '类型': 'type',
    });
  });

  it('finds a header below several title and note rows', () => {
    const mapping = detectHeader(grid([
      ['2024年赫山区充分就业社区(村)月度考核台账'],
      [],
      ['填报单位：赫山区人社局', null, null, '填报时间：2024年4月'],
      ['社区（村）名称', '单位类型', '考核月份', '劳动力数（人）', '劳动力资源总数（人）'],
      ['桃花仑社区', '社区', 3, 1200, 1300],
      ['会龙山村', '村', 3, 900, 950],
    ]));
    expect(mapping.headerRows).toEqual([3]);
    expect(mapping.firstDataRow).toBe(4);
    expect(mapping.columns.map((c) => c.target?.key)).toEqual(['unit', 'type', 'month', 'laborForce', 'laborResource']);
    expect(mapping.columns.map((c) => c.confidence)).toEqual([0.9, 0.9, 0.9, 0.9, 1]);
  });

  it('does not take the first data row for a sub-header', () => {
    const mapping = detectHeader(grid([
      ['单位名称', '类型', '月份', '劳动力总数'],
      ['小组', '村', '3', '900'],
    ]));
    expect(mapping.headerRows).toEqual([0]);
    expect(mapping.firstDataRow).toBe(1);
  });

  it('treats a row of column numbers under the header as part of it', () => {
    const mapping = detectHeader(grid([
      ['单位名称', '类型', '月份', '劳动力总数', '劳动力资源总数'],
      ['甲', '乙', '1', '2', '3'],
      ['桃花仑社区', '社区', '3', '1200', '1300'],
    ]));
    expect(mapping.headerRows).toEqual([0]);
    expect(mapping.firstDataRow).toBe(2);
  });

  it('returns an empty mapping when nothing looks like a header', () => {
    expect(detectHeader(grid([['这是一张说明表'], ['没有表头']]))).toEqual({ sheet: '台账', headerRows: [], firstDataRow: 0, columns: [] });
    expect(detectHeader(grid([]))).toEqual({ sheet: '台账', headerRows: [], firstDataRow: 0, columns: [] });
  });
});

describe('headerAt: the header rows the analyst points at', () => {
  const g = grid(
    [
      ['2024年考核台账'],
      ['单位名称', '月份', '一、就业失业情况', null],
      [null, null, '劳动力总数（人）', '期末登记失业人员人数（人）'],
      [1, 2, 3, 4],
      ['桃花仑社区', 1, 1200, 3],
    ],
    [{ top: 1, left: 0, bottom: 2, right: 0 }, { top: 1, left: 1, bottom: 2, right: 1 }, { top: 1, left: 2, bottom: 1, right: 3 }],
  );

  it('reads two rows as detection would, skipping a row of column numbers', () => {
    const chosen = headerAt(g, [1, 2]).mapping;
    expect(chosen).toEqual(detectHeader(g));
    expect(chosen.firstDataRow).toBe(4);
  });

  it('reads one row where the analyst says so, even when it lacks the identity columns', () => {
    const chosen = headerAt(g, [2]).mapping;
    expect(chosen.headerRows).toEqual([2]);
    expect(chosen.columns.map((c) => [c.column, c.target?.key ?? null])).toEqual([[2, 'laborForce'], [3, 'registeredUnemployed']]);
    expect(headerAt(g, [0]).mapping.columns.every((c) => c.target === null)).toBe(true);
  });
});
