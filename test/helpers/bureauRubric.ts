/**
 * A county's own rubric with its own input fields and unit types, written by hand as an analyst
 * would (宝鸡-like fields: 4050人员 and how many are employed, 新生劳动力 and how many are trained, a
 * yes/no 援助机制, an inspectors' 台账检查得分; a county's 街道/镇 instead of 社区/村), and a small
 * ledger for it with every score worked out by hand below. The CLI, the HS.* functions and the
 * pane's 列映射 tests all score this one workbook and must all give these numbers.
 */
import type { CellValue, SheetGrid } from '../../src/ledger/types';
import { INDICATOR_HEADER } from '../../src/rules/rubricSheet';

type Column = (typeof INDICATOR_HEADER)[number];
const indicator = (values: Partial<Record<Column, CellValue>>): CellValue[] => INDICATOR_HEADER.map((h) => values[h] ?? null);

/** The 评分细则 sheet: indicators, 板块, 设置, then the 字段 and 单位类型 tables. */
export function bureauRubricRows(): CellValue[][] {
  return [
    ['示例县2025年充分就业社区考核细则（shili-2025），总分40'],
    [...INDICATOR_HEADER],
    indicator({ 代码: 'A1', 板块: 'A', 指标名称: '4050人员就业率', 满分: 10, 计量方式: '比率', 计量: '已就业的4050人员 ÷ 4050人员', 规则类型: '低于目标扣分', 目标: '80%', 每项分值: 0.5, 单位: '百分点' }),
    indicator({ 代码: 'A2', 板块: 'A', 指标名称: '新生劳动力培训率', 满分: 10, 计量方式: '比率', 计量: '已培训的新生劳动力 ÷ 新生劳动力', 规则类型: '按比例' }),
    indicator({ 代码: 'A3', 板块: 'A', 指标名称: '就业援助机制', 满分: 5, 计量方式: '字段', 计量: '是否建立援助机制', 规则类型: '达标得分', 目标: 1 }),
    indicator({ 代码: 'B1', 板块: 'B', 指标名称: '农村低收入家庭劳动力就业', 满分: 5, 计量方式: '字段', 计量: '未就业的农村低收入家庭劳动力', 规则类型: '按件扣分', 每项分值: 1, 适用类型: '镇' }),
    indicator({ 代码: 'B2', 板块: 'B', 指标名称: '自主创业', 满分: 5, 计量方式: '字段', 计量: '自主创业人数', 规则类型: '低于目标扣分', 目标: 3, 每项分值: 1, 单位: '个', 适用类型: '街道' }),
    indicator({ 代码: 'B3', 板块: 'B', 指标名称: '工作台账', 满分: 10, 计量方式: '字段', 计量: '工作台账检查得分', 规则类型: '评分' }),
    [],
    ['板块代码', '板块名称', '英文名称', '满分'],
    ['A', '就业情况', null, 25],
    ['B', '服务情况', null, 15],
    [],
    ['设置', '值', '说明'],
    ['末位淘汰名额', 1, null],
    [],
    ['字段名称', '字段类型', '空白', '别称', '不大于', '适用类型', '参数表', '视为达标的答案', '英文名称'],
    ['4050人员', '人数', null, '4050人员数、4050人员人数'],
    ['已就业的4050人员', '人数', null, '4050人员已就业人数、已就业4050人员数', '4050人员'],
    ['新生劳动力', '人数', null, '新生劳动力人数'],
    ['已培训的新生劳动力', '人数', null, '新生劳动力已培训人数', '新生劳动力'],
    ['是否建立援助机制', '是否', null, '援助机制'],
    ['未就业的农村低收入家庭劳动力', '人数', '按0计', '低收入家庭未就业劳动力', null, '镇'],
    ['自主创业人数', '人数', '错误', '创业人数', null, '街道'],
    ['工作台账检查得分', '得分', '错误', '台账检查得分'],
    ['备注', '文本'],
    [],
    ['单位类型', '别称'],
    ['街道', '街道办事处、街办'],
    ['镇', '乡镇'],
  ];
}

export const BUREAU_LEDGER_HEADER = ['单位名称', '类型', '月份', '4050人员数', '4050人员已就业人数', '新生劳动力人数', '新生劳动力已培训人数', '援助机制', '低收入家庭未就业劳动力', '创业人数', '台账检查得分', '备注'];

/** Two units, two months each; 类型 written by a synonym on two rows. */
export function bureauLedgerRows(): CellValue[][] {
  return [
    BUREAU_LEDGER_HEADER,
    ['城关街道', '街道', 3, 20, 15, 10, 6, '是', null, 2, 8, '已核'],
    ['城关街道', '街道办事处', 4, 20, 17, 0, 0, '否', null, 5, 12, null],
    ['马营镇', '镇', 3, 8, 2, 4, 4, '是', 2, null, 7.5, null],
    ['马营镇', '乡镇', 4, 8, 7, 4, 3, '是', 0, null, 9, '补报'],
  ];
}

/** The ledger workbook with its rubric: 台账 and 评分细则. */
export function bureauGrids(ledgerRows: CellValue[][] = bureauLedgerRows()): SheetGrid[] {
  return [
    { name: '台账', rows: ledgerRows, merges: [] },
    { name: '评分细则', rows: bureauRubricRows(), merges: [] },
  ];
}

/**
 * The points by hand. A1: 10 − 0.5 per percentage point below 80 %; A2: 10 × the trained share (no
 * 新生劳动力: counted as met, ruling R2); A3: 5 when 是; B1 (镇): 5 − 1 per idle person; B2 (街道): 5 − 1
 * per 创业 short of 3; B3: the inspectors' points, at most 10.
 */
export const BUREAU_EXPECTED: readonly { unit: string; month: number; indicators: Record<string, number>; total: number }[] = [
  // 15/20 = 75 %: 5 points short → 7.5; 6/10 → 6; 是 → 5; 2 创业 of 3 → 4; 8.
  { unit: '城关街道', month: 3, indicators: { A1: 7.5, A2: 6, A3: 5, B2: 4, B3: 8 }, total: 30.5 },
  // 17/20 = 85 % → 10; no 新生劳动力 → 10; 否 → 0; 5 创业 → 5; 12 clamped to 10.
  { unit: '城关街道', month: 4, indicators: { A1: 10, A2: 10, A3: 0, B2: 5, B3: 10 }, total: 35 },
  // 2/8 = 25 %: 55 points short × 0.5 = 27.5 > 10 → 0; 4/4 → 10; 是 → 5; 2 idle → 3; 7.5.
  { unit: '马营镇', month: 3, indicators: { A1: 0, A2: 10, A3: 5, B1: 3, B3: 7.5 }, total: 25.5 },
  // 7/8 = 87.5 % → 10; 3/4 → 7.5; 是 → 5; 0 idle → 5; 9.
  { unit: '马营镇', month: 4, indicators: { A1: 10, A2: 7.5, A3: 5, B1: 5, B3: 9 }, total: 36.5 },
];

/** Annual scores: the mean of the two months. */
export const BUREAU_ANNUAL: Readonly<Record<string, number>> = { 城关街道: 32.75, 马营镇: 31 };
