/**
 * The input fields a rubric reads, with the canonical Chinese header of spec §2/§6 and the
 * wordings real ledgers use (§7). Column mapping, cell parsing and the rule table all key on
 * these names, so a field is described once: the built-in Heshan fields here, a bureau's own in
 * its 评分细则 sheet's 字段 table (src/rules/fieldTable.ts). Either way the fields are part of the
 * rule set (`RuleSet.fields`), and every reader works on the rule set's `FieldSet`.
 */

/** A kind of unit a rubric scores: 社区 and 村 for Heshan; 街道, 镇, 区, 辖市 … for a bureau that says so. */
export type UnitType = string;

/** A unit type as a rubric declares it, with the other words ledgers write for it (居委会 for 社区). */
export interface UnitTypeDef {
  name: UnitType;
  synonyms: readonly string[];
}

export const HESHAN_UNIT_TYPES: readonly UnitTypeDef[] = [
  { name: '社区', synonyms: ['居委会', '社区居委会'] },
  { name: '村', synonyms: ['行政村', '村委会'] },
];

/**
 * How a cell of the field is read (spec §5).
 * - count: a non-negative whole number of people, records, households (`unit` says of what); blank means 0.
 * - amount: a non-negative sum of money (元), decimals allowed; blank means 0.
 * - size: a count that sizes the unit; must be present and > 0.
 * - rate: a proportion typed as 0.95, 95% or 95; blank is an error; above 100 % is an error.
 * - average: a non-negative figure that is not a rate (a province's average service count); blank is an error.
 * - flag: 是/否, optionally with a "not applicable" answer that counts as met; blank is an error.
 * - points: a figure an inspector enters in points; clamped by the rule, never an error when out of range.
 * - text: read with the ledger (a remark) but never scored.
 */
export type FieldKind = 'count' | 'amount' | 'size' | 'rate' | 'average' | 'flag' | 'points' | 'text';

export interface FieldDef {
  /** The built-in fields' English key; a bureau's own field is keyed by its name. */
  key: string;
  /** Canonical header (spec §2). */
  zh: string;
  en: string;
  kind: FieldKind;
  /** Other wordings seen in real ledgers, compared after normalisation (see src/read/headerText.ts). */
  synonyms: readonly string[];
  /** What a count or size counts (人, 户, 条 …), for headers and messages. */
  unit?: string;
  /** The unit types that have this figure (村 only for the rural ones); all when absent. */
  unitTypes?: readonly UnitType[];
  /** A district-wide parameter given per month on the 参数 sheet (ruling R3), or as a ledger column. */
  param?: boolean;
  /**
   * Whether a blank cell is 0 or an error, when it differs from the kind's rule (`blankIsZero(def)`):
   * a points field whose blank is a deduction nobody entered (0), a count a bureau wants filled in.
   */
  blankIsZero?: boolean;
  /** For flag fields: the answer meaning "nothing to assess", scored as met. */
  notApplicable?: readonly string[];
  /** The fields this one is a part of (已就业的4050人员 ⊂ 4050人员): a part larger than its whole is an input error. */
  partOf?: readonly string[];
}

/** Whether a blank cell of the field reads as 0: counts and amounts unless the rubric says otherwise, points only when it says so. */
export function blankIsZero(def: FieldDef): boolean {
  return def.blankIsZero ?? (def.kind === 'count' || def.kind === 'amount');
}

/** Units of the built-in counts whose names do not end in what they count. */
const COUNT_UNITS: Readonly<Record<string, string>> = {
  laborForce: '人',
  laborResource: '人',
  ruralLabor: '人',
  laborInfoUpdated: '条',
  marketEntities: '户',
};
const UNIT_BY_ENDING: readonly [RegExp, string][] = [
  [/人数$/, '人'], [/户数$/, '户'], [/条数$/, '条'], [/企业数$/, '家'], [/次数$/, '次'], [/账号数$/, '个'], [/投诉数$/, '件'],
];
/** What a figure named so counts, by the end of its name (…人数 → 人); null when the name does not say. */
export function unitByName(zh: string): string | null {
  return UNIT_BY_ENDING.find(([ending]) => ending.test(zh))?.[1] ?? null;
}
const builtInUnit = (key: string, zh: string): string => COUNT_UNITS[key] ?? unitByName(zh) ?? '个';

const f = (
  key: string,
  zh: string,
  en: string,
  kind: FieldKind,
  synonyms: readonly string[] = [],
  extra: Partial<FieldDef> = {},
): FieldDef => ({ key, zh, en, kind, synonyms, ...(kind === 'count' || kind === 'size' ? { unit: builtInUnit(key, zh) } : {}), ...extra });

export const FIELDS: readonly FieldDef[] = [
  f('laborForce', '劳动力总数', 'labour force', 'size', ['劳动力数', '劳动力人数', '劳动力总人数', '劳动力']),
  f('registeredUnemployed', '期末登记失业人员人数', 'registered unemployed at month end', 'count', ['期末登记失业人数', '登记失业人员人数', '登记失业人数', '期末登记失业人员'], { partOf: ['laborForce'] }),
  f('longTermUnemployed', '登记失业2年以上人数', 'registered unemployed over 2 years', 'count', ['登记失业两年以上人数', '长期登记失业人员人数', '登记失业超过2年人数', '长期失业人数']),
  f('hardToEmploy', '期末就业困难人员人数', 'hard-to-employ at month end', 'count', ['就业困难人员人数', '期末就业困难人数', '就业困难人数'], { partOf: ['laborForce'] }),
  f('zeroJobHouseholdsLate', '认定后1个月内未援助退出的零就业家庭户数', 'zero-job households not assisted within a month', 'count', ['零就业家庭未援助退出户数', '未援助退出零就业家庭户数', '零就业家庭户数'], { unitTypes: ['社区'] }),
  f('ruralTransferred', '农村劳动力转移就业总人数', 'rural labour transferred', 'count', ['转移就业总人数', '农村劳动力转移就业人数', '转移就业人数'], { unitTypes: ['村'] , partOf: ['ruralLabor'] }),
  f('ruralLabor', '农村劳动力资源总数', 'rural labour resource', 'size', ['农村劳动力资源数', '农村劳动力总数', '农村劳动力人数'], { unitTypes: ['村'] }),
  f('ruralTransferRatePrev', '上年同期转移就业率', 'last year\'s transfer rate, same period', 'rate', ['上年同期农村劳动力转移就业率', '上年度转移就业率', '上年同期转移率'], { unitTypes: ['村'] }),

  f('laborInfoUpdated', '已更新的实名劳动力信息总数', 'real-name labour records updated', 'count', ['已更新实名劳动力信息总数', '已更新劳动力信息数', '劳动力信息更新数'], { partOf: ['laborResource'] }),
  f('laborResource', '劳动力资源总数', 'labour resource', 'size', ['劳动力资源数', '劳动力资源人数', '劳动力资源']),
  f('provinceUpdateCoverage', '全省平均劳动力信息更新覆盖率', 'province average labour-record coverage', 'rate', ['全省劳动力信息更新覆盖率', '全省平均更新覆盖率'], { param: true }),
  f('selfServiceApplications', '自助就业失业登记申请总条数', 'self-service registration applications', 'count', ['自助就业失业登记申请条数', '就业失业登记申请总条数', '自助登记申请总条数']),
  f('overdueReviews', '超期审核条数', 'reviews past due', 'count', ['超期审核数', '超期审核申请条数'], { partOf: ['selfServiceApplications'] }),
  f('unconfirmedRecords', '未按月完成就业失业动态确认条数', 'status records not confirmed this month', 'count', ['未完成动态确认条数', '未按月动态确认条数', '动态确认未完成条数']),
  f('jobRecommended', '已推荐岗位人数', 'people recommended to jobs', 'count', ['已推荐岗位的人数', '推荐岗位人数']),
  f('jobSeekersStart', '月初未就业有就业意愿人数', 'job seekers at month start', 'count', ['月初有就业意愿未就业人数', '月初未就业有就业意愿人员数']),
  f('newUnemployed', '当月新增失业登记人数', 'new unemployment registrations', 'count', ['当月新增登记失业人数', '新增失业登记人数']),
  f('jobRecommendedEmployed', '有推荐记录且已就业人数', 'recommended and now employed', 'count', ['有岗位推荐记录且已就业人数', '推荐后已就业人数']),
  f('matchNotTracked', '人岗匹配超过1个月未跟踪人数', 'matches not followed up within a month', 'count', ['超过1个月未跟踪人数', '人岗匹配未跟踪人数']),
  f('trainingRecommended', '已推荐培训人数', 'people recommended to training', 'count', ['已推荐职业培训人数', '推荐培训人数']),
  f('trainingSeekersStart', '月初未就业有培训意愿人数', 'training seekers at month start', 'count', ['月初有培训意愿未就业人数']),
  f('trainingSeekersNew', '当月新增未就业有培训意愿人数', 'new training seekers this month', 'count', ['当月新增有培训意愿人数', '新增有培训意愿人数']),
  f('trainingRecommendedEmployed', '有培训推荐记录且已就业人数', 'training-recommended and now employed', 'count', ['有培训推荐记录已就业人数', '培训推荐后已就业人数']),
  f('hardUnassisted6m', '认定6个月仍未就业且未享受援助政策的人数', 'hard-to-employ unassisted after 6 months', 'count', ['认定6个月未就业未享受援助人数', '就业困难人员未援助人数']),
  f('gradsRegistered', '实名登记应届高校毕业生人数', 'graduates registered', 'count', ['实名登记高校毕业生人数', '应届高校毕业生人数', '登记高校毕业生人数']),
  f('gradsFollowedUp', '高校毕业生已跟踪回访人数', 'graduates followed up', 'count', ['已跟踪回访人数', '高校毕业生跟踪回访人数'], { partOf: ['gradsRegistered'] }),
  f('gradsServed', '高校毕业生已提供就业服务人数', 'graduates served', 'count', ['已提供就业服务人数', '高校毕业生就业服务人数'], { partOf: ['gradsRegistered'] }),
  f('gradsEmployed', '高校毕业生已就业人数', 'graduates employed', 'count', ['高校毕业生就业人数', '毕业生已就业人数'], { partOf: ['gradsRegistered'] }),
  f('fishersPovertyIdle', '1个月内未就业的退捕渔民和脱贫劳动力人数', 'ex-fishers and ex-poor idle over a month', 'count', ['未就业退捕渔民和脱贫劳动力人数', '退捕渔民和脱贫劳动力未就业人数']),
  f('newEmployers', '社区新增发布有效岗位的企业数', 'new employers posting jobs locally', 'count', ['新增发布有效岗位企业数', '社区新增岗位企业数', '新增岗位企业数']),
  f('platformNewEmployers', '湘就业平台新增入驻发布有效岗位的企业数', 'new employers on the platform', 'count', ['平台新增入驻企业数', '湘就业平台新增入驻企业数', '平台新增入驻发布有效岗位企业数']),
  f('marketEntities', '当地市场主体数量', 'local market entities', 'count', ['市场主体数量', '当地市场主体数', '市场主体数']),
  f('staleFeedback', '人岗匹配推荐反馈失效条数', 'stale recommendation feedback', 'count', ['推荐反馈失效条数', '反馈失效条数']),
  f('phoneCheckAccuracy', '电话抽查信息准确率', 'phone spot-check accuracy', 'rate', ['电话抽查准确率', '抽查信息准确率']),
  f('surveyDeduction', '基层平台就业情况调查扣分', 'grass-roots survey deduction', 'points', ['就业情况调查扣分', '调查扣分'], { blankIsZero: true }),
  f('pendingOverdue', '超过5个工作日未处理的待确认数据条数', 'pending data untreated over 5 working days', 'count', ['超5个工作日未处理待确认数据条数', '待确认数据超期条数', '未处理待确认数据条数']),

  f('serviceCount', '各项就业服务次数', 'employment services delivered', 'count', ['就业服务次数', '服务次数']),
  f('provinceAvgServiceCount', '全省社区(村)平均服务次数', 'province average service count', 'average', ['全省平均服务次数', '全省社区平均服务次数'], { param: true }),
  f('matchSucceeded', '人岗匹配成功推荐就业人数', 'matches that led to a job', 'count', ['成功推荐就业人数', '人岗匹配成功人数'], { partOf: ['matchedPersons'] }),
  f('matchedPersons', '人岗匹配人数', 'people matched', 'count', ['人岗匹配总人数']),
  f('provinceAvgMatchSuccess', '全省平均人岗匹配推荐成功率', 'province average match success', 'rate', ['全省平均推荐成功率', '全省人岗匹配推荐成功率'], { param: true }),
  f('trainingReferredTotal', '推荐职业培训人数', 'referred to training (cumulative)', 'count', ['累计推荐职业培训人数', '推荐参加职业培训人数']),
  f('registeredUnemployedTotal', '累计登记失业人数', 'registered unemployed (cumulative)', 'count', ['累计登记失业人员人数', '累计失业登记人数']),
  f('provinceAvgTrainingCoverage', '全省平均职业培训推荐覆盖率', 'province average training coverage', 'rate', ['全省职业培训推荐覆盖率', '全省平均培训推荐覆盖率'], { param: true }),
  f('trainingSubsidized', '推荐培训后享受职业培训补贴人数', 'trainees who received a subsidy', 'count', ['享受职业培训补贴人数', '职业培训补贴人数'], { partOf: ['trainingReferredTotal'] }),
  f('provinceAvgSubsidyCoverage', '全省平均职业培训补贴覆盖率', 'province average training-subsidy coverage', 'rate', ['全省职业培训补贴覆盖率', '全省平均培训补贴覆盖率'], { param: true }),
  f('validComplaints', '群众有效投诉数', 'valid complaints', 'count', ['有效投诉数', '群众有效投诉次数', '有效投诉次数']),

  f('realNameAccounts', '已开通的必备实名账号数', 'required real-name accounts opened', 'count', ['已开通实名账号数', '实名账号数', '必备实名账号数']),
  f('idleAccounts', '1个月未登录省平台的实名账号数', 'accounts idle for a month', 'count', ['未登录省平台账号数', '1个月未登录账号数', '未登录账号数']),
  f('staffTrainingMet', '年度业务培训达标', 'annual staff training met', 'flag', ['年度业务培训是否达标', '业务培训达标']),
  f('newStaffTrained', '新进人员1个月内参加培训', 'new staff trained within a month', 'flag', ['新进人员培训', '新进人员是否参加培训'], { notApplicable: ['无新进人员', '无新进', '不涉及'] }),
  f('publicityPoints', '政策宣传得分', 'policy publicity points', 'points', ['政策宣传', '宣传得分']),
];

export type FieldKey = string;

/** A rule set's fields, indexed once: in their order, by key, the 参数 ones, and the part–whole pairs of spec §5. */
export class FieldSet {
  readonly byKey: ReadonlyMap<string, FieldDef>;
  /** The fields given per month on the 参数 sheet. */
  readonly params: readonly FieldDef[];
  /** Every part and a whole it may not exceed. */
  readonly partsOfWholes: readonly (readonly [part: string, whole: string])[];

  constructor(readonly list: readonly FieldDef[]) {
    this.byKey = new Map(list.map((d) => [d.key, d]));
    this.params = list.filter((d) => d.param);
    this.partsOfWholes = list.flatMap((d) => (d.partOf ?? []).map((whole) => [d.key, whole] as const));
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  def(key: string): FieldDef {
    const def = this.byKey.get(key);
    if (!def) throw new Error(`未知字段：${key}`);
    return def;
  }

  /** The field's Chinese name (its key when the set does not hold it). */
  name(key: string): string {
    return this.byKey.get(key)?.zh ?? key;
  }
}

const fieldSets = new WeakMap<readonly FieldDef[], FieldSet>();

/** The field set of a list of fields (a rule set's `fields`), built once per list. */
export function fieldSet(list: readonly FieldDef[]): FieldSet {
  let set = fieldSets.get(list);
  if (!set) fieldSets.set(list, (set = new FieldSet(list)));
  return set;
}

export const BUILT_IN_FIELDS: FieldSet = fieldSet(FIELDS);

/** The built-in fields by key (the Heshan rubric's; a rule set's own are `fieldSet(ruleSet.fields)`). */
export const FIELD_BY_KEY: ReadonlyMap<string, FieldDef> = BUILT_IN_FIELDS.byKey;

export function fieldDef(key: string): FieldDef {
  return BUILT_IN_FIELDS.def(key);
}

/** Identity and per-unit columns of the canonical ledger (spec §6). */
export interface AttributeDef {
  key: UnitAttributeKey;
  zh: string;
  en: string;
  synonyms: readonly string[];
}

export type UnitAttributeKey =
  | 'unit'
  | 'type'
  | 'month'
  | 'town'
  | 'group'
  | 'level'
  | 'founding'
  | 'reward'
  | 'rewardReason';

export const ATTRIBUTES: readonly AttributeDef[] = [
  { key: 'unit', zh: '单位名称', en: 'unit', synonyms: ['社区(村)名称', '社区名称', '村(社区)名称', '社区村名称', '单位', '名称', '社区(村)'] },
  { key: 'type', zh: '类型', en: 'type', synonyms: ['单位类型', '社区/村', '类别', '社区或村'] },
  { key: 'month', zh: '月份', en: 'month', synonyms: ['月', '考核月份', '统计月份', '年月', '日期'] },
  { key: 'town', zh: '所属乡镇', en: 'town', synonyms: ['乡镇', '乡镇(街道)', '所属乡镇(街道)', '街道', '乡镇街道'] },
  { key: 'group', zh: '小组', en: 'group', synonyms: ['老带新小组', '帮扶小组', '所属小组', '组别'] },
  { key: 'level', zh: '认定层级', en: 'recognised level', synonyms: ['层级', '认定级别', '级别', '创建层级'] },
  { key: 'founding', zh: '年初创建单位', en: 'named at the start of the year', synonyms: ['创建单位', '是否创建单位', '年初确定创建单位'] },
  { key: 'reward', zh: '带动奖励', en: 'reward', synonyms: ['奖励金额', '奖励', '带动奖励金额'] },
  { key: 'rewardReason', zh: '奖励说明', en: 'reward reason', synonyms: ['奖励原因', '奖励理由', '带动奖励说明'] },
];

/** The attributes a unit-month is scored with; the others (小组, 认定层级 …) belong to the unit's year. */
export const MONTH_IDENTITY: ReadonlySet<UnitAttributeKey> = new Set<UnitAttributeKey>(['unit', 'month', 'type']);

export const PARAM_FIELDS: readonly FieldDef[] = BUILT_IN_FIELDS.params;
