import type { SheetMapping } from '../../src/ledger/types';
import { mappingLines, mappingSummary } from '../../src/output/mappingReport';

const mapping: SheetMapping = {
  sheet: '台账',
  headerRows: [1, 2],
  firstDataRow: 3,
  columns: [
    { column: 0, header: '单位名称', target: { kind: 'attribute', key: 'unit' }, confidence: 1, matchedBy: 'canonical' },
    { column: 5, header: '就业失业情况/劳动力数(人)', target: { kind: 'field', key: 'laborForce' }, confidence: 0.9, matchedBy: 'synonym' },
    { column: 6, header: '登记失业人口数', target: { kind: 'field', key: 'registeredUnemployed' }, confidence: 0.66, matchedBy: 'fuzzy' },
    { column: 27, header: '备注', target: null, confidence: 0, matchedBy: 'none' },
  ],
};

test('one line per column with the field, how it matched and the confidence', () => {
  expect(mappingLines(mapping)).toEqual([
    'A  单位名称 → 单位名称（规范列名，置信度 1.00）',
    'F  就业失业情况/劳动力数(人) → 劳动力总数（同义列名，置信度 0.90）',
    'G  登记失业人口数 → 期末登记失业人员人数（近似匹配，请核对，置信度 0.66）',
    'AB  备注 → 未识别，已忽略',
  ]);
});

test('the summary names the header rows (1-based) and the columns to check', () => {
  expect(mappingSummary(mapping)).toBe(
    '列映射：表头在第2、3行，识别 3 列，近似匹配 1 列请核对（「登记失业人口数」→期末登记失业人员人数），未识别 1 列（「备注」）',
  );
});
