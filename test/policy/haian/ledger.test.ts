/**
 * 海安 2021: whole person-level ledgers → per-person findings, sums by 区镇(街道) and 社区(村), the
 * towns' unemployment rate, the 一览表 / 明细表 tables and located errors. The expected sums are
 * worked out by hand in the comments.
 */
import type { SheetGrid } from '../../../src/ledger/types';
import { haianSheets, HAIAN_2021, HaianInputError, readTownTable, scoreHaianLedger, toIssueResult, type HaianResult } from '../../../src/policy/haian';
import { ledger, type PersonRow } from './helpers';

/*
 * Cut-off 2021-12-31 (year end, so 131 shortfalls are deducted). Columns: A 序号, B 区镇(街道), C 社区(村),
 * D 姓名, E 身份证号码, F 人员类别, G 就业状态, H 最近跟踪服务日期, I 职业指导, J 职业介绍, K 技能培训,
 * L 应享受补贴, M 已发放补贴; data from row 4.
 *
 * 张一 失业, tracked 12-05 → due 2022-01-05 in time; 131 1/3/1 done; 社保补贴 granted          →  0
 * 张二 失业, tracked 11-30 → due 12-30, 1 day over −1; 131 1/2/1 −1; 2 entitled, 1 granted −1 → −3
 * 张三 稳定就业, tracked 2020-12-31 → due 2021-12-31 = cut-off, in time; no subsidy             →  0
 * 张四 灵活就业, tracked 06-30 → due 12-30, 1 day over −1; 培训补贴 not granted −1               → −2
 * 李一 无就业愿望, tracked 07-01 → due 2022-01-01 in time                                       →  0
 * 李二 失业, never tracked −1; 131 0/0/0 −1 (one case); 1 entitled, none granted −1            → −3
 * 李三 status 待定: tracking and 131 unassessed; subsidy 1/1 granted                          →  0, 2 blocked
 *
 * 海安街道 (张一–张四): 4 persons, 2 unemployed, lapses 张二 张四 = 2, 131 张二 = 1, subsidy 1 + 1 = 2, −5.
 * 城东镇 (李一–李三): 3 persons, 1 unemployed (李二; 李三 unknown), lapses 1, 131 1, subsidy 1, blocked 2, −3.
 * 合计: 7 persons, 3 unemployed, 3 lapses, 2 × 131, 3 subsidy items, 2 blocked, −8.
 */
const PERSONS: PersonRow[] = [
  ['海安街道', '城东社区', '张一', '320621199001010011', '登记失业人员', '失业', '2021-12-05', 1, 3, 1, '社保补贴', '社保补贴'],
  ['海安街道', '城东社区', '张二', '320621199001010022', '就业困难人员', '失业', '2021-11-30', 1, 2, 1, 2, 1],
  ['海安街道', '城西社区', '张三', '320621199001010033', '高校毕业生', '稳定就业', '2020-12-31', null, null, null, null, null],
  ['海安街道', '城西社区', '张四', '320621199001010044', '返乡农民工', '灵活就业', '2021-06-30', null, null, null, '社保补贴、培训补贴', '社保补贴'],
  ['城东镇', '东方村', '李一', '320621199001010055', '复员转业退役军人', '无就业意愿', '2021-07-01', null, null, null, '无', null],
  ['城东镇', '东方村', '李二', '320621199001010066', '相对贫困群体', '未就业', null, 0, 0, 0, 1, 0],
  ['城东镇', '新民村', '李三', '320621199001010077', '登记失业人员', '待定', '2021-12-01', 1, 3, 1, 1, 1],
];
const TOWNS = [
  { town: '海安街道', laborForce: 1000, registeredUnemployed: 30 }, // 3.00 %, exactly the line: 达标
  { town: '城东镇', laborForce: 1000, registeredUnemployed: 31 }, // 3.10 %: 未达标
];

/** towns: null for none given. */
const scored = (grid: SheetGrid = ledger(PERSONS), asOf = '2021-12-31', towns: Parameters<typeof scoreHaianLedger>[1]['towns'] | null = TOWNS): HaianResult =>
  scoreHaianLedger(grid, towns === null ? { asOf } : { asOf, towns });

describe('a year-end ledger of seven persons in two towns', () => {
  const result = scored();
  const person = (name: string) => result.persons.find((p) => p.name === name)!;

  test('the header is found below the title rows; every column mapped by its canonical name', () => {
    expect(result.header.headerRows).toEqual([2]);
    expect(result.header.firstDataRow).toBe(3);
    expect(result.header.columns.filter((c) => c.key !== null).map((c) => [c.column, c.key, c.matchedBy])).toEqual([
      [1, 'town', 'canonical'], [2, 'community', 'canonical'], [3, 'name', 'canonical'], [4, 'idNumber', 'canonical'],
      [5, 'group', 'canonical'], [6, 'status', 'canonical'], [7, 'lastTracked', 'canonical'], [8, 'guidance', 'canonical'],
      [9, 'referral', 'canonical'], [10, 'training', 'canonical'], [11, 'subsidyEntitled', 'canonical'], [12, 'subsidyGranted', 'canonical'],
    ]);
    expect(result).toMatchObject({ asOf: '2021-12-31', quarter: '2021年第4季度' });
  });

  test('each person’s findings and points', () => {
    const summary = result.persons.map((p) => [p.name, p.status, p.tracking.state, p.service131.state, p.subsidy.state, p.points, p.blockedCount]);
    expect(summary).toEqual([
      ['张一', '失业', 'ok', 'ok', 'ok', 0, 0],
      ['张二', '失业', 'deducted', 'deducted', 'deducted', 3, 0],
      ['张三', '稳定就业', 'ok', 'notApplicable', 'notApplicable', 0, 0],
      ['张四', '灵活就业', 'deducted', 'notApplicable', 'deducted', 2, 0],
      ['李一', '无就业愿望', 'ok', 'notApplicable', 'notApplicable', 0, 0],
      ['李二', '失业', 'deducted', 'deducted', 'deducted', 3, 0],
      ['李三', null, 'blocked', 'blocked', 'ok', 0, 2],
    ]);
    expect(person('李二').tracking.reason).toBe('失业人员按月跟踪服务；无跟踪服务记录，跟踪服务不到位，扣1分');
    expect(person('张四').subsidy.reason).toBe('应享受补贴2项（社保补贴、培训补贴），已发放1项，缺少1项（培训补贴），每项扣1分，扣1分');
    expect(person('李三').tracking).toEqual({
      kind: 'tracking', state: 'blocked', points: null,
      reason: '无法评估：「就业状态」无法识别：「待定」，应为稳定就业、灵活就业、无就业愿望、失业之一（见问题清单）',
    });
    expect(person('张一').groups).toEqual(['登记失业人员']);
  });

  test('sums by town and 社区(村)', () => {
    expect(result.towns.map((t) => [t.town, t.persons, t.unemployed, t.trackingLapses, t.service131Missing, t.service131Pending, t.subsidyMissing, t.blocked, t.points])).toEqual([
      ['海安街道', 4, 2, 2, 1, 0, 2, 0, 5],
      ['城东镇', 3, 1, 1, 1, 0, 1, 2, 3],
    ]);
    expect(result.total).toMatchObject({ persons: 7, unemployed: 3, trackingLapses: 3, service131Missing: 2, subsidyMissing: 3, blocked: 2, points: 8 });
    // 城东社区 张一 0 + 张二 3; 城西社区 张三 0 + 张四 2; 东方村 李一 0 + 李二 3; 新民村 李三 0 (2 blocked).
    expect(result.communities.map((c) => [c.town, c.community, c.persons, c.points, c.blocked])).toEqual([
      ['海安街道', '城东社区', 2, 3, 0],
      ['海安街道', '城西社区', 2, 2, 0],
      ['城东镇', '东方村', 2, 3, 0],
      ['城东镇', '新民村', 1, 0, 2],
    ]);
  });

  test('the 3 % line: 30 / 1,000 exactly is 达标, 31 / 1,000 is not', () => {
    expect(result.towns.map((t) => [t.town, t.rate?.percent, t.rate?.meets])).toEqual([
      ['海安街道', 3, true],
      ['城东镇', 3.1, false],
    ]);
  });

  test('一览表: one row per town and 合计', () => {
    const { overview } = haianSheets(result);
    expect(overview.name).toBe('重点群体情况一览表');
    expect(overview.columns.map((c) => c.header)).toEqual([
      '区镇(街道)', '重点群体人数', '其中失业人员', '跟踪服务不到位(例)', '131服务未完成(人)', '131服务尚缺(人,年末考核)',
      '补贴未发放(项)', '无法评估(项)', '扣分', '劳动力人数', '登记失业人数', '城镇登记失业率(%)', '失业率≤3%', '说明',
    ]);
    expect(overview.rows).toEqual([
      ['海安街道', 4, 2, 2, 1, 0, 2, 0, 5, 1000, 30, 3, '达标', '登记失业30人÷劳动力1000人＝3.00%，等于3%，达标'],
      ['城东镇', 3, 1, 1, 1, 0, 1, 2, 3, 1000, 31, 3.1, '未达标', '登记失业31人÷劳动力1000人＝3.10%，高于3%，未达标；2项因台账错误无法评估，见问题清单'],
      ['合计', 7, 3, 3, 2, 0, 3, 2, 8, null, null, null, null, '截止日期2021-12-31（2021年第4季度）；2项因台账错误无法评估，见问题清单'],
    ]);
    expect(overview.totalRow).toBe(2);
  });

  test('明细表: one line per person with each finding, its deduction and reason, and the ledger row', () => {
    const { details } = haianSheets(result);
    expect(details.columns.map((c) => c.header)).toEqual([
      '区镇(街道)', '社区(村)', '姓名', '身份证号码', '人员类别', '就业状态', '最近跟踪服务日期',
      '跟踪服务扣分', '跟踪服务情况', '131服务扣分', '131服务情况', '补贴扣分', '补贴发放情况', '合计扣分', '台账行',
    ]);
    expect(details.rows[1]).toEqual([
      '海安街道', '城东社区', '张二', '320621199001010022', '就业困难人员', '失业', '2021-11-30',
      1, '失业人员按月跟踪服务；最近跟踪服务日期2021-11-30，应于2021-12-30前再次跟踪，截至2021-12-31已逾期1天，跟踪服务不到位，扣1分',
      1, '131服务未完成：职业指导1次、职业介绍2次、技能培训1次，缺职业介绍1次（每年至少职业指导1次、职业介绍3次、技能培训1次）；跟踪服务不到位一例，扣1分',
      1, '应享受补贴2项，已发放1项，缺少1项，每项扣1分，扣1分',
      3, '明细表!A5',
    ]);
    // 李三: the unknown status shown as typed; blocked deductions are empty.
    expect(details.rows[6].slice(5, 14)).toEqual(['待定', '2021-12-01', null, expect.stringMatching(/^无法评估/), null, expect.stringMatching(/^无法评估/), 0, '应享受补贴1项，已全部发放', 0]);
    // 合计: tracking 1 + 1 + 1 = 3, 131 1 + 1 = 2, subsidy 1 + 1 + 1 = 3, total 8.
    expect(details.rows[7]).toEqual(['合计', null, '7人', null, null, null, null, 3, null, 2, null, 3, null, 8, null]);
  });

  test('the unknown status is one error naming the person, field and cell; nothing else is wrong', () => {
    expect(result.errors).toEqual([{
      severity: 'error', town: '城东镇', community: '新民村', person: '李三', field: '就业状态', cell: '明细表!G10',
      message: '明细表!G10（李三）：「就业状态」无法识别：「待定」，应为稳定就业、灵活就业、无就业愿望、失业之一；跟踪服务、131服务无法评估',
      blocks: ['tracking', 'service131'],
    }]);
    expect(result.warnings).toEqual([]);
    const { issues } = haianSheets(result);
    expect(issues.rows).toEqual([['错误', '城东镇', '新民村', '李三', '就业状态', '明细表!G10', result.errors[0].message]]);
  });
});

describe('quarters before year end', () => {
  test('at 2021-09-30 the 131 shortfalls are 尚缺 (no points); tracking is judged at that date', () => {
    // 张二 tracked 2021-09-01 → due 10-01, in time; 131 1/2/1 → pending. 李二 never tracked −1; 131 pending; subsidy −1.
    const result = scored(ledger([
      ['海安街道', '城东社区', '张二', null, '就业困难人员', '失业', '2021-09-01', 1, 2, 1, 2, 2],
      ['城东镇', '东方村', '李二', null, '相对贫困群体', '失业', null, 0, 0, 0, 1, 0],
    ]), '2021-09-30');
    expect(result.persons.map((p) => [p.tracking.state, p.service131.state, p.subsidy.state, p.points])).toEqual([
      ['ok', 'pending', 'ok', 0],
      ['deducted', 'pending', 'deducted', 2],
    ]);
    expect(result.total).toMatchObject({ service131Missing: 0, service131Pending: 2, points: 2 });
    expect(result.quarter).toBe('2021年第3季度');
  });
});

describe('settings change the sums, not the reading', () => {
  test('perItem 131 and one case per person', () => {
    // 李二 at year end: never tracked −1, 131 0/0/0, subsidy −1.
    const grid = ledger([['城东镇', '东方村', '李二', null, '相对贫困群体', '失业', null, 0, 0, 0, 1, 0]]);
    const points = (settings = HAIAN_2021) => scoreHaianLedger(grid, { asOf: '2021-12-31', settings }).persons[0].points;
    expect(points()).toBe(3); // 1 + 1 + 1
    expect(points({ ...HAIAN_2021, service131Deduction: 'perItem' })).toBe(5); // 1 + 3 + 1
    expect(points({ ...HAIAN_2021, trackingAnd131OneCase: true })).toBe(2); // max(1, 1) + 1
  });
});

describe('bad cells block only the person’s affected finding', () => {
  /*
   * Cut-off 2021-03-31 (rows 4–9):
   * 王一 H4 2021-02-30: no such day → tracking blocked; 131 pending (0/0/0 before year end); subsidy 1/0 −1.
   * 王二 H5 2021-04-02: after the cut-off → tracking blocked; subsidy none.
   * 王三 J6 -1: negative count for an unemployed person → 131 blocked; tracking 2021-03-15 in time.
   * 王四 J7 -1 for a 稳定就业 person: an error, but 131 is not owed, so nothing is blocked.
   * 王五 L8 -2: negative subsidy → subsidy blocked; tracking 2021-03-01 in time.
   * 王六 G9 blank status → tracking and 131 blocked.
   */
  const result = scored(ledger([
    ['海安街道', '城东社区', '王一', null, '登记失业人员', '失业', '2021-02-30', 0, 0, 0, 1, 0],
    ['海安街道', '城东社区', '王二', null, '登记失业人员', '失业', '2021-04-02', 1, 1, 1, null, null],
    ['海安街道', '城东社区', '王三', null, '登记失业人员', '失业', '2021-03-15', 1, -1, 1, null, null],
    ['海安街道', '城东社区', '王四', null, '高校毕业生', '稳定就业', '2020-06-01', null, '-1', null, null, null],
    ['海安街道', '城东社区', '王五', null, '登记失业人员', '失业', '2021-03-01', 1, 1, 1, -2, null],
    ['海安街道', '城东社区', '王六', null, '登记失业人员', null, '2021-03-01', 1, 1, 1, null, null],
  ]), '2021-03-31', null);

  test('each finding is assessed or blocked as the bad cell requires', () => {
    expect(result.persons.map((p) => [p.name, p.tracking.state, p.service131.state, p.subsidy.state, p.points, p.blockedCount])).toEqual([
      ['王一', 'blocked', 'pending', 'deducted', 1, 1],
      ['王二', 'blocked', 'pending', 'notApplicable', 0, 1],
      ['王三', 'ok', 'blocked', 'notApplicable', 0, 1],
      ['王四', 'ok', 'notApplicable', 'notApplicable', 0, 0],
      ['王五', 'ok', 'pending', 'blocked', 0, 1],
      ['王六', 'blocked', 'blocked', 'notApplicable', 0, 2],
    ]);
  });

  test('each error names the cell, the person and the field, and what it blocks', () => {
    expect(result.errors.map((e) => [e.cell, e.person, e.field, e.message, e.blocks])).toEqual([
      ['明细表!H4', '王一', '最近跟踪服务日期', '明细表!H4（王一）：「最近跟踪服务日期」不是有效的日期：「2021-02-30」；跟踪服务无法评估', ['tracking']],
      ['明细表!H5', '王二', '最近跟踪服务日期', '明细表!H5（王二）：「最近跟踪服务日期」2021-04-02晚于考核截止日期2021-03-31；跟踪服务无法评估', ['tracking']],
      ['明细表!J6', '王三', '职业介绍次数', '明细表!J6（王三）：「职业介绍次数」不能为负数：-1；131服务无法评估', ['service131']],
      ['明细表!J7', '王四', '职业介绍次数', '明细表!J7（王四）：「职业介绍次数」不能为负数：-1', []],
      ['明细表!L8', '王五', '应享受补贴', '明细表!L8（王五）：「应享受补贴」不能为负数：-2；补贴发放无法评估', ['subsidy']],
      ['明细表!G9', '王六', '就业状态', '明细表!G9（王六）：「就业状态」未填写；跟踪服务、131服务无法评估', ['tracking', 'service131']],
    ]);
  });

  test('no town table: the rate is left empty with a note, and the 一览表 still sums the town', () => {
    const { overview } = haianSheets(result);
    // 6 persons; 4 unemployed (王一 王二 王三 王五; 王六 has no status); no lapse among those assessed; no 131
    // deduction before year end but 3 尚缺 (王一 0/0/0, 王二 and 王五 1/1/1); 1 subsidy item (王一);
    // blocked 1 + 1 + 1 + 1 + 2 = 6; points −1.
    expect(overview.rows[0]).toEqual(['海安街道', 6, 4, 0, 0, 3, 1, 6, 1, null, null, null, null, '未提供劳动力和登记失业人数；6项因台账错误无法评估，见问题清单']);
  });
});

describe('more ledger shapes', () => {
  test('a two-row header (131服务 over its three parts, 补贴 over 应享/已享), synonyms, a 栏次 row and three tracking-date columns', () => {
    const grid: SheetGrid = {
      name: 'Sheet1',
      merges: [
        { top: 1, left: 0, bottom: 2, right: 0 }, { top: 1, left: 1, bottom: 2, right: 1 }, { top: 1, left: 2, bottom: 2, right: 2 },
        { top: 1, left: 3, bottom: 2, right: 3 }, { top: 1, left: 4, bottom: 1, right: 6 }, { top: 1, left: 7, bottom: 1, right: 9 },
        { top: 1, left: 10, bottom: 1, right: 11 },
      ],
      rows: [
        ['各区镇、街道服务重点群体情况明细表（2021年第一季度）'],
        ['区镇', '村(社区)', '姓名', '目前就业状态', '跟踪服务日期', null, null, '131服务', null, null, '补贴', null],
        [null, null, null, null, '1月', '2月', '3月', '职业指导', '推荐求职次数', '推荐培训次数', '应享补贴', '已享补贴'],
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
        ['墩头镇', '吉庆村', '赵一', '失业', '2021-01-10', '2021-02-09', '2021-03-02', 1, 1, 0, 0, 0],
        ['墩头镇', '吉庆村', '赵二', '失业', '2021-01-10', '2021-02-09', null, 0, 0, 0, 0, 0],
      ],
    };
    const result = scoreHaianLedger(grid, { asOf: '2021-03-31' });
    expect(result.header.headerRows).toEqual([1, 2]);
    expect(result.header.firstDataRow).toBe(4);
    expect(result.header.columns.map((c) => c.key)).toEqual([
      'town', 'community', 'name', 'status', 'lastTracked', 'lastTracked', 'lastTracked', 'guidance', 'referral', 'training', 'subsidyEntitled', 'subsidyGranted',
    ]);
    // 赵一: latest of the three is 2021-03-02 → due 04-02, in time. 赵二: latest 2021-02-09 → due 03-09, 22 days over.
    expect(result.persons.map((p) => [p.lastTracked, p.tracking.state, p.points])).toEqual([
      ['2021-03-02', 'ok', 0],
      ['2021-02-09', 'deducted', 1],
    ]);
    expect(result.persons[1].tracking.reason).toContain('已逾期22天');
    expect(result.persons[0].rowRef).toBe('Sheet1!A5');
    // 墩头镇 has no entry in a town table (none was given) and no ID column: neither is an error.
    expect(result.errors).toEqual([]);
  });

  test('a ledger without the 131 and subsidy columns: those findings are blocked for whom they apply, once per sheet', () => {
    const grid: SheetGrid = {
      name: '台账',
      merges: [],
      rows: [
        ['区镇(街道)', '社区(村)', '姓名', '就业状态', '最近跟踪服务日期'],
        ['海安街道', '城东社区', '钱一', '失业', '2021-03-20'],
        ['海安街道', '城东社区', '钱二', '稳定就业', '2020-05-20'],
      ],
    };
    const result = scoreHaianLedger(grid, { asOf: '2021-03-31' });
    expect(result.persons.map((p) => [p.tracking.state, p.service131.state, p.subsidy.state])).toEqual([
      ['ok', 'blocked', 'blocked'],
      ['ok', 'notApplicable', 'blocked'],
    ]);
    expect(result.errors.map((e) => e.message)).toEqual([
      '台账：未找到「职业指导次数」、「职业介绍次数」、「技能培训次数」列',
      '台账：未找到「应享受补贴」、「已发放补贴」列',
    ]);
    expect(result.persons[0].service131.reason).toBe('无法评估：台账缺少「职业指导次数」、「职业介绍次数」、「技能培训次数」列');
  });

  test('a duplicate ID number is scored once; blank and 合计 rows are skipped; a person without a town only counts in 合计', () => {
    const result = scored(ledger([
      ['海安街道', '城东社区', '孙一', '320621199001010011', '登记失业人员', '失业', null, 1, 3, 1, null, null],
      [null, null, null, null, null, null, null, null, null, null, null, null],
      ['海安街道', '城东社区', '孙一', '320621199001010011', '登记失业人员', '失业', null, 1, 3, 1, null, null],
      [null, '城东社区', '孙二', null, '登记失业人员', '失业', null, 1, 3, 1, null, null],
      ['合计', null, null, null, null, null, null, 3, 9, 3, null, null],
    ]), '2021-12-31', []);
    // 孙一 row 4: never tracked −1. Row 6 repeats the ID: all blocked. 孙二: never tracked −1, no town.
    expect(result.persons.map((p) => [p.row, p.points, p.blockedCount])).toEqual([[4, 1, 0], [6, 0, 3], [7, 1, 0]]);
    expect(result.errors.map((e) => e.message)).toEqual([
      '明细表!E6（孙一）：身份证号码与第4行重复，重复人员不重复计分；跟踪服务、131服务、补贴发放无法评估',
      '明细表!B7（孙二）：「区镇(街道)」未填写，该人员未计入区镇汇总',
    ]);
    expect(result.towns.map((t) => [t.town, t.persons, t.points])).toEqual([['海安街道', 2, 1]]);
    expect(result.total).toMatchObject({ persons: 3, points: 2, blocked: 3 });
    // An empty town table was given: 海安街道 is not in it.
    expect(result.warnings.map((w) => w.message)).toEqual(['区镇「海安街道」不在区镇失业率表中，城镇登记失业率未计算']);
    expect(haianSheets(result).overview.rows[1][13]).toBe('截止日期2021-12-31（2021年第4季度）；1人未填区镇，只计入合计；3项因台账错误无法评估，见问题清单');
  });

  test('an 18-digit ID stored as a number is a warning and is not compared for duplicates; a close wording is flagged 请核对', () => {
    const grid: SheetGrid = {
      name: '明细表',
      merges: [],
      rows: [
        ['区镇(街道)', '社区(村)', '姓名', '身份证号', '就业状态', '最近一次跟踪服务时间'],
        ['海安街道', '城东社区', '周一', 320621199001010011, '稳定就业', '2021-01-04'],
        ['海安街道', '城东社区', '周二', 320621199001010012, '稳定就业', '2021-01-04'],
      ],
    };
    const result = scoreHaianLedger(grid, { asOf: '2021-03-31' });
    // 最近一次跟踪服务时间 is close to 最近一次跟踪服务日期 but not a listed wording.
    expect(result.header.columns[5]).toMatchObject({ key: 'lastTracked', matchedBy: 'fuzzy' });
    expect(result.header.columns[5].confidence).toBeLessThan(0.8);
    expect(result.warnings.map((w) => w.message)).toEqual([
      '明细表：列「最近一次跟踪服务时间」按相近名称识别为「最近跟踪服务日期」，请核对',
      '明细表!D2（周一）：「身份证号码」以数字存储（320621199001010000），末几位可能已丢失，请将该列设为文本格式后重新填写',
      '明细表!D3（周二）：「身份证号码」以数字存储（320621199001010000），末几位可能已丢失，请将该列设为文本格式后重新填写',
    ]);
    expect(result.persons.map((p) => p.tracking.state)).toEqual(['ok', 'ok']);
    expect(toIssueResult(result.warnings[1])).toEqual({
      unit: '海安街道 城东社区 周一', month: null, field: '身份证号码', cell: '明细表!D2', message: result.warnings[1].message,
    });
  });

  test('the analyst’s column corrections: a field to another column, or unmapped', () => {
    const grid: SheetGrid = {
      name: '明细表',
      merges: [],
      rows: [
        ['区镇(街道)', '社区(村)', '联系人', '就业状态', '最近跟踪服务日期', '跟踪日期(旧)'],
        ['海安街道', '城东社区', '吴一', '失业', '2021-03-10', '2020-01-01'],
      ],
    };
    // Unmapped, 联系人 is no name and the old date column is a second tracking column: latest 2021-03-10.
    const plain = scoreHaianLedger(grid, { asOf: '2021-03-31' });
    expect([plain.persons[0].label, plain.persons[0].lastTracked]).toEqual(['第2行', '2021-03-10']);
    const fixed = scoreHaianLedger(grid, { asOf: '2021-03-31', columns: { name: 2, lastTracked: 5 } });
    expect(fixed.header.columns.map((c) => [c.key, c.matchedBy])).toEqual([
      ['town', 'canonical'], ['community', 'canonical'], ['name', 'manual'], ['status', 'canonical'], [null, 'none'], ['lastTracked', 'manual'],
    ]);
    // Now only 2020-01-01 counts: due 2020-02-01; to 2021-02-01 is 366 days (2020 is a leap year), then 28 + 30 to 03-31: 424 days over.
    expect([fixed.persons[0].label, fixed.persons[0].lastTracked, fixed.persons[0].tracking.state]).toEqual(['吴一', '2020-01-01', 'deducted']);
    expect((fixed.persons[0].tracking as { daysOverdue?: number }).daysOverdue).toBe(424);
  });

  test('an unreadable cut-off date is refused; an Excel serial or a Date is accepted', () => {
    expect(() => scored(ledger(PERSONS), '2021-13-01')).toThrow(HaianInputError);
    expect(() => scored(ledger(PERSONS), '2021-13-01')).toThrow('考核截止日期无法识别：「2021-13-01」，应为日期，如2021-03-31');
    expect(scoreHaianLedger(ledger(PERSONS), { asOf: 44561 }).asOf).toBe('2021-12-31');
    expect(scoreHaianLedger(ledger(PERSONS), { asOf: new Date(Date.UTC(2021, 11, 31)) }).total.points).toBe(8);
  });

  test('a sheet with no such header reads no one and says so', () => {
    const result = scoreHaianLedger({ name: '其他', merges: [], rows: [['单位名称', '月份'], ['城东社区', 3]] }, { asOf: '2021-03-31' });
    expect(result.persons).toEqual([]);
    expect(result.errors.map((e) => e.message)).toEqual([
      '其他：未找到明细表表头（应有区镇(街道)、社区(村)、姓名、就业状态、最近跟踪服务日期等列），未读取任何人员',
    ]);
  });
});

describe('the town table as a sheet', () => {
  const sheet: SheetGrid = {
    name: '区镇失业率',
    merges: [],
    rows: [
      ['2021年各区镇城镇登记失业率'],
      ['区镇(街道)', '劳动力人数（人）', '城镇登记失业人数'],
      ['海安街道', '1,000', 30],
      ['城东镇', 1000, '31'],
      ['墩头镇', 0, 5],
      ['李堡镇', 800, -1],
      ['合计', 2800, 65],
    ],
  };

  test('figures read with their cells; bad figures are errors naming the town and cell', () => {
    const table = readTownTable(sheet);
    expect(table.towns).toEqual([
      { town: '海安街道', laborForce: 1000, registeredUnemployed: 30, cells: { laborForce: '区镇失业率!B3', registeredUnemployed: '区镇失业率!C3' } },
      { town: '城东镇', laborForce: 1000, registeredUnemployed: 31, cells: { laborForce: '区镇失业率!B4', registeredUnemployed: '区镇失业率!C4' } },
    ]);
    expect(table.invalidTowns).toEqual(['墩头镇', '李堡镇']);
    expect(table.issues.map((i) => i.message)).toEqual([
      '区镇失业率!B5（墩头镇）：「劳动力人数」必须大于0，该区镇城镇登记失业率无法计算',
      '区镇失业率!C6（李堡镇）：「登记失业人数」不能为负数：-1，该区镇城镇登记失业率无法计算',
    ]);
  });

  test('passed to scoring: the rates come out as from a list; a town with bad figures has no rate and no extra warning', () => {
    const result = scored(ledger([
      ...PERSONS,
      ['墩头镇', '吉庆村', '赵一', null, '登记失业人员', '失业', '2021-12-20', 1, 3, 1, null, null],
    ]), '2021-12-31', sheet);
    expect(result.towns.map((t) => [t.town, t.rate?.meets ?? null, t.rateNote])).toEqual([
      ['海安街道', true, null],
      ['城东镇', false, null],
      ['墩头镇', null, '失业率数据有误，见问题清单'],
      ['李堡镇', null, '失业率数据有误，见问题清单'],
    ]);
    expect(result.warnings).toEqual([]);
    expect(result.errors.map((e) => e.cell)).toEqual(['明细表!G10', '区镇失业率!B5', '区镇失业率!C6']);
  });
});
