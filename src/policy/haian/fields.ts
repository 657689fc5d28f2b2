/**
 * The 海安 2021 ledgers' columns: the person-level 服务重点群体情况明细 ledger (one row per person)
 * and the per-town labour table, each with its canonical header and the wordings seen in real
 * sheets; and the words a ledger uses for a person's status and group.
 */
import type { HeaderFieldDef } from '../../read/fieldHeader';
import { HAIAN_GROUPS, HAIAN_STATUSES, type HaianGroup, type HaianStatus } from './settings';

export type PersonFieldKey =
  | 'town'
  | 'community'
  | 'name'
  | 'idNumber'
  | 'group'
  | 'status'
  | 'entryDate'
  | 'lastTracked'
  | 'guidance'
  | 'referral'
  | 'training'
  | 'subsidyEntitled'
  | 'subsidyGranted';

const def = <K extends string>(key: K, zh: string, synonyms: readonly string[], multi = false): HeaderFieldDef<K> =>
  multi ? { key, zh, synonyms, multi } : { key, zh, synonyms };

export const PERSON_FIELDS: readonly HeaderFieldDef<PersonFieldKey>[] = [
  def('town', '区镇(街道)', ['区镇', '街道', '区镇/街道', '区镇街道', '镇(街道)', '所属区镇', '所属区镇(街道)', '区镇、街道', '乡镇(街道)', '镇街']),
  def('community', '社区(村)', ['社区', '村', '村(社区)', '社区(村)名称', '所属社区', '所属社区(村)', '社区/村', '村居', '村(居)']),
  def('name', '姓名', ['人员姓名', '名字', '服务对象姓名']),
  def('idNumber', '身份证号码', ['身份证号', '公民身份号码', '身份证', '证件号码', '身份证件号码']),
  def('group', '人员类别', ['重点群体类别', '群体类别', '人员类型', '重点群体', '类别', '重点群体类型', '所属群体']),
  def('status', '就业状态', ['就业失业状态', '目前就业状态', '当前就业状态', '就业情况', '状态', '就业创业情况', '目前状态']),
  def('entryDate', '纳入台账日期', ['纳入日期', '入库日期', '认定日期', '登记日期', '纳入服务日期']),
  def('lastTracked', '最近跟踪服务日期', ['跟踪服务日期', '最近一次跟踪服务日期', '最后跟踪服务日期', '跟踪日期', '上次跟踪日期', '最近跟踪日期', '跟踪服务时间'], true),
  def('guidance', '职业指导次数', ['职业指导', '本年职业指导次数', '职业指导(次)']),
  def('referral', '职业介绍次数', ['职业介绍', '本年职业介绍次数', '推荐求职次数', '推荐求职', '推荐岗位次数']),
  def('training', '技能培训次数', ['技能培训', '本年技能培训次数', '推荐培训次数', '推荐培训', '职业培训次数']),
  def('subsidyEntitled', '应享受补贴', ['应享补贴', '应享受补贴项目', '应享受补贴项数', '符合条件的补贴', '应享受政策', '应享受补贴政策']),
  def('subsidyGranted', '已发放补贴', ['已享受补贴', '已享补贴', '已发放补贴项目', '已发放补贴项数', '已享受补贴项目', '已享受政策']),
];

export type TownFieldKey = 'town' | 'laborForce' | 'registeredUnemployed';

export const TOWN_FIELDS: readonly HeaderFieldDef<TownFieldKey>[] = [
  def('town', '区镇(街道)', ['区镇', '街道', '区镇/街道', '区镇街道', '镇(街道)', '单位', '区镇、街道', '乡镇(街道)']),
  def('laborForce', '劳动力人数', ['劳动力总数', '劳动力数', '城镇劳动力人数', '城镇劳动力', '劳动力', '从业人员和登记失业人员', '从业人员与登记失业人员之和']),
  def('registeredUnemployed', '登记失业人数', ['城镇登记失业人数', '登记失业人员人数', '期末登记失业人员人数', '登记失业人员', '城镇登记失业人员数']),
];

export function fieldName(key: PersonFieldKey | TownFieldKey, town = false): string {
  return ((town ? TOWN_FIELDS : PERSON_FIELDS) as readonly HeaderFieldDef<string>[]).find((d) => d.key === key)?.zh ?? key;
}

/** Text as compared with the vocabularies: NFKC, no spaces, no brackets around the whole. */
export function plainWords(text: string): string {
  return text.normalize('NFKC').replace(/[\s\u3000]+/g, '');
}

/**
 * The words for each status. The seed's own words are the keys; 三(二) also writes 「单位录用人员或者创业者」
 * for the employed, 「仍处于失业状态」 and 「未能实现就业」 for the unemployed. 「已就业」 alone is not
 * enough (稳定 or 灵活 decides the interval) and stays an error.
 */
export const STATUS_WORDS: Readonly<Record<HaianStatus, readonly string[]>> = {
  稳定就业: ['稳定就业', '已稳定就业', '单位就业', '进单位就业', '单位录用', '企业就业', '自主创业', '创业', '稳定就业(单位就业)'],
  灵活就业: ['灵活就业', '灵活就业人员', '非全日制就业', '零星就业', '灵活'],
  无就业愿望: ['无就业愿望', '无就业意愿', '无就业意向', '无就业需求', '暂无就业意愿', '暂无就业愿望', '不愿就业'],
  失业: ['失业', '失业人员', '未就业', '处于失业状态', '仍处于失业状态', '失业状态', '未实现就业', '未能实现就业', '待业', '登记失业'],
};

const STATUS_INDEX = new Map<string, HaianStatus>(
  HAIAN_STATUSES.flatMap((s) => STATUS_WORDS[s].map((w): [string, HaianStatus] => [plainWords(w), s])),
);

/** A status cell's text → the status; null when it is none of them. */
export function statusOf(text: string): HaianStatus | null {
  return STATUS_INDEX.get(plainWords(text)) ?? null;
}

export const GROUP_WORDS: Readonly<Record<HaianGroup, readonly string[]>> = {
  登记失业人员: ['登记失业人员', '登记失业', '失业人员', '城镇登记失业人员'],
  就业困难人员: ['就业困难人员', '就业困难', '困难人员', '就业困难对象'],
  高校毕业生: ['高校毕业生', '未就业高校毕业生', '大学生', '离校未就业高校毕业生', '毕业生'],
  相对贫困群体: ['相对贫困群体', '相对贫困人员', '相对贫困', '贫困群体', '低收入人口'],
  复员转业退役军人: ['复员转业退役军人', '退役军人', '复员转业军人', '退役士兵', '复员退伍军人'],
  返乡农民工: ['返乡农民工', '返乡人员', '返乡务工人员', '农民工'],
};

const GROUP_INDEX = new Map<string, HaianGroup>(
  HAIAN_GROUPS.flatMap((g) => GROUP_WORDS[g].map((w): [string, HaianGroup] => [plainWords(w), g])),
);

/** A group cell (one group, or several: 登记失业人员、就业困难人员) → the groups and the words that are none of the six. */
export function groupsOf(text: string): { groups: HaianGroup[]; unknown: string[] } {
  const groups: HaianGroup[] = [];
  const unknown: string[] = [];
  for (const word of text.normalize('NFKC').split(/[、,;/\s]+/).filter((w) => w !== '')) {
    const g = GROUP_INDEX.get(plainWords(word));
    if (g) {
      if (!groups.includes(g)) groups.push(g);
    } else unknown.push(word);
  }
  return { groups, unknown };
}
