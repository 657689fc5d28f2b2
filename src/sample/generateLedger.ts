/**
 * A synthetic district, the same every run (seeded PRNG, no Math.random): units with made-up
 * Chinese names, 老带新 groups of four, recognised levels, a few 带动奖励, and twelve months of
 * inputs in realistic ranges. The sample ledger, the CLI tests and the benchmark all use it.
 *
 * Pure: it returns plain rows (attribute and field keys of src/fields.ts → cell values) and the
 * layout of the ledger; the writers (writeLedger.ts) turn them into .xlsx or .csv.
 */
import { FIELDS, PARAM_FIELDS, type UnitType } from '../fields';
import type { CellValue } from '../ledger/types';
import { columnLetter } from '../read/address';

/** mulberry32: small, fast, and the same sequence for a seed on every platform. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Level = '省级' | '市级' | '区级' | null;

export interface DistrictUnit {
  name: string;
  type: UnitType;
  town: string;
  group: string;
  level: Level;
  /** 年初创建单位 (gets the 启动资金). */
  founding: boolean;
  reward: number | null;
  rewardReason: string | null;
  /** 0–1: how well the unit works; drives how often and how much it loses points. */
  quality: number;
}

/** One ledger row: attribute keys (unit, type, month, town …) and field keys → what the cell holds. */
export type LedgerRow = Record<string, CellValue>;
/** One row of the 参数 sheet: month and the five province averages. */
export type ParamRow = Record<string, CellValue>;

/** A deliberately bad cell of the sample, so tests can find it in 问题清单. */
export interface BadCell {
  /** 0-based index into District.rows. */
  row: number;
  /** Attribute or field key of the bad cell. */
  key: string;
  what: string;
}

export interface District {
  title: string;
  year: number;
  units: DistrictUnit[];
  rows: LedgerRow[];
  params: ParamRow[];
  badCells: BadCell[];
  /** The index of the second copy of the duplicated unit-month, or null. */
  duplicateRow: number | null;
}

export interface DistrictOptions {
  /** Number of units; default 36 (the 2024 Heshan district). */
  units?: number;
  seed?: number;
  /** Plant the sample's bad cells (a negative count, 无, a part above its whole, 150 %, a blank 劳动力总数, a duplicated unit-month); default true. */
  badCells?: boolean;
  year?: number;
}

export const SAMPLE_SEED = 2024;
export const SAMPLE_TITLE = '2024年赫山区充分就业社区(村)月度考核台账';

const CURATED: readonly [string, UnitType][] = [
  ['桃花仑社区', '社区'], ['龙光桥村', '村'], ['会龙山社区', '社区'], ['金银山社区', '社区'], ['梓山湖社区', '社区'],
  ['碧云峰村', '村'], ['万家塘村', '村'], ['黄泥湖社区', '社区'], ['鹿角园社区', '社区'], ['迎风桥村', '村'],
  ['三里桥社区', '社区'], ['银城社区', '社区'], ['花园冲村', '村'], ['赫山庙社区', '社区'], ['石门塘村', '村'],
  ['茶子山村', '村'], ['团洲社区', '社区'], ['清溪社区', '社区'], ['杨林坳村', '村'], ['沙头村', '村'],
  ['衡龙新村', '村'], ['泉交河社区', '社区'], ['八字哨村', '村'], ['沧水铺社区', '社区'], ['岳家桥村', '村'],
  ['欧江岔社区', '社区'], ['兰溪社区', '社区'], ['新市渡村', '村'], ['笔架山村', '村'], ['谢林港社区', '社区'],
  ['凤凰湖社区', '社区'], ['鱼形山村', '村'], ['马良村', '村'], ['天子坟社区', '社区'], ['紫薇社区', '社区'],
  ['五一村', '村'],
];
const SYLLABLE_A = '桃龙会金梓碧万黄鹿迎石茶团清杨沙衡泉沧岳欧兰笔谢凤鱼马紫青白云松竹梅荷柳枫桂'.split('');
const SYLLABLE_B = '花山湖峰塘泥角风门子洲溪林头桥河水家江市架港凰形良薇阳田坪冲湾岭坡园岗'.split('');
const TOWNS = ['桃花仑街道', '会龙山街道', '龙光桥街道', '金银山街道', '八字哨镇', '泉交河镇', '沧水铺镇', '岳家桥镇', '兰溪镇'];
const ZH_DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一; beyond 99 the Arabic number. */
export function chineseNumber(n: number): string {
  if (n < 10) return ZH_DIGITS[n];
  if (n < 20) return `十${ZH_DIGITS[n - 10]}`;
  if (n < 100) return `${ZH_DIGITS[Math.floor(n / 10)]}十${ZH_DIGITS[n % 10]}`;
  return String(n);
}

export const groupName = (index: number): string => `第${chineseNumber(index + 1)}组`;

function unitNames(count: number, rand: () => number): [string, UnitType][] {
  const names: [string, UnitType][] = CURATED.slice(0, count).map(([n, t]) => [n, t]);
  const used = new Set(names.map(([n]) => n));
  for (let k = 0; names.length < count; k++) {
    const type: UnitType = rand() < 0.45 ? '村' : '社区';
    const a = SYLLABLE_A[k % SYLLABLE_A.length];
    const b = SYLLABLE_B[Math.floor(k / SYLLABLE_A.length) % SYLLABLE_B.length];
    const round = Math.floor(k / (SYLLABLE_A.length * SYLLABLE_B.length));
    const name = `${a}${b}${round > 0 ? chineseNumber(round + 1) : ''}${type}`;
    if (used.has(name)) continue;
    used.add(name);
    names.push([name, type]);
  }
  return names;
}

/** Levels of the sample: a quarter each of 省级, 市级, 区级 and none, spread over the groups. */
const LEVEL_CYCLE: readonly Level[] = ['省级', '市级', '区级', null, '市级', '区级', null, '省级', '区级', '市级', null, '省级'];

const REWARDS: readonly [number, string][] = [
  [10000, '带动本组新建单位全部达标'],
  [5000, '老带新帮扶成效突出，经验在全区推广'],
  [3000, '协助开展零就业家庭集中援助'],
];

/**
 * Unit qualities: most units work well (annual 95–99); in each district of 36 a handful are
 * weaker (88–95) so that ranking, 末位淘汰 and the group deduction have something to do.
 */
const WEAK_SLOTS: readonly number[] = [7, 19, 29, 12];

function qualityOf(i: number, rand: () => number): number {
  const weak = WEAK_SLOTS.indexOf(i % 36);
  if (weak >= 0) return 0.04 * weak + 0.04 * rand();
  return 0.35 + 0.65 * rand();
}

export function generateUnits(count: number, seed: number): DistrictUnit[] {
  const rand = prng(seed ^ 0x5eed);
  const names = unitNames(count, rand);
  return names.map(([name, type], i) => {
    const reward = count >= 12 && [2, 17, 31].includes(i) ? REWARDS[[2, 17, 31].indexOf(i)] : null;
    const level = LEVEL_CYCLE[(i * 5 + Math.floor(i / 4)) % LEVEL_CYCLE.length];
    return {
      name,
      type,
      town: TOWNS[Math.floor(i / 4) % TOWNS.length],
      group: groupName(Math.floor(i / 4)),
      level,
      founding: level === null || level === '区级',
      reward: reward ? reward[0] : null,
      rewardReason: reward ? reward[1] : null,
      quality: qualityOf(i, rand),
    };
  });
}

/** The five province averages of each month (ruling R3), gently drifting over the year. */
export function generateParams(seed: number): ParamRow[] {
  const rand = prng(seed ^ 0xa11);
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  return Array.from({ length: 12 }, (_, k) => ({
    month: k + 1,
    provinceUpdateCoverage: r3(0.86 + 0.002 * k + 0.01 * rand()),
    provinceAvgServiceCount: Math.round(110 + 2 * k + 10 * rand()),
    provinceAvgMatchSuccess: r3(0.55 + 0.03 * rand()),
    provinceAvgTrainingCoverage: r3(0.3 + 0.02 * rand()),
    provinceAvgSubsidyCoverage: r3(0.6 + 0.03 * rand()),
  }));
}

interface UnitBase {
  laborForce: number;
  ruralShare: number;
  ruralPrevRate: number;
  marketEntities: number;
  unemployedShare: number;
  hardShare: number;
  coverage: number;
  serviceFactor: number;
}

function unitBase(u: DistrictUnit, rand: () => number): UnitBase {
  const w = 1 - u.quality;
  return {
    laborForce: u.type === '社区' ? 2000 + Math.floor(4000 * rand()) : 1200 + Math.floor(2300 * rand()),
    ruralShare: 0.55 + 0.2 * rand(),
    ruralPrevRate: 0.6 + 0.15 * rand(),
    marketEntities: 300 + Math.floor(3700 * rand()),
    unemployedShare: 0.02 + 0.04 * w * w + 0.012 * rand(),
    hardShare: 0.01 + 0.025 * w * w + 0.008 * rand(),
    coverage: 0.93 - 0.07 * w + 0.02 * rand(),
    serviceFactor: 1.1 - 0.3 * w + 0.1 * rand(),
  };
}

/** One unit-month of inputs; rates as fractions (the writers show them as percentages). */
function monthRow(u: DistrictUnit, base: UnitBase, month: number, params: ParamRow, rand: () => number): LedgerRow {
  const w = 1 - u.quality;
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const chance = (p: number) => rand() < p;
  const cases = (p: number, most: number) => (chance(p) ? int(1, most) : 0);
  const rate = (x: number) => Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000;

  const laborForce = Math.round(base.laborForce * (1 + 0.002 * month));
  const registeredUnemployed = Math.round(laborForce * (base.unemployedShare + 0.004 * (rand() - 0.5)));
  const hardToEmploy = Math.round(laborForce * (base.hardShare + 0.003 * (rand() - 0.5)));
  const laborResource = Math.round(laborForce * 1.04);
  const coverage = rate(base.coverage + 0.01 * (rand() - 0.5));

  const jobSeekersStart = int(10, 40);
  const newUnemployed = int(0, 8);
  const jobRecommendedEmployed = int(0, Math.min(5, jobSeekersStart));
  const jobBase = jobSeekersStart + newUnemployed - jobRecommendedEmployed;
  const trainingSeekersStart = int(5, 25);
  const trainingSeekersNew = int(0, 6);
  const trainingRecommendedEmployed = int(0, 3);
  const trainingBase = trainingSeekersStart + trainingSeekersNew - trainingRecommendedEmployed;

  const gradsRegistered = month >= 6 && month <= 9 ? int(3, 12) : int(0, 4);
  const gradsFollowedUp = gradsRegistered > 0 && chance(0.04 * w) ? gradsRegistered - 1 : gradsRegistered;
  const gradsEmployed = Math.min(gradsRegistered, Math.round(gradsRegistered * (0.9 + 0.1 * u.quality + 0.1 * rand())));

  const matchedPersons = int(10, 40);
  const registeredUnemployedTotal = int(20, 80);
  const trainingReferredTotal = Math.min(registeredUnemployedTotal, Math.round(registeredUnemployedTotal * (0.32 + 0.12 * rand() - 0.08 * w)));

  const row: LedgerRow = {
    month,
    unit: u.name,
    type: u.type,
    town: u.town,
    group: u.group,
    level: u.level ?? '无',
    founding: u.founding ? '是' : '否',
    laborForce,
    registeredUnemployed,
    longTermUnemployed: cases(0.03 + 0.25 * w, 2),
    hardToEmploy,
    laborInfoUpdated: Math.round(laborResource * coverage),
    laborResource,
    selfServiceApplications: int(5, 40),
    overdueReviews: cases(0.05 + 0.3 * w, 2),
    unconfirmedRecords: cases(0.05 + 0.3 * w, 3),
    jobRecommended: Math.round(jobBase * (chance(0.1 + 0.4 * w) ? 0.9 + 0.1 * rand() : 1 + 0.1 * rand())),
    jobSeekersStart,
    newUnemployed,
    jobRecommendedEmployed,
    matchNotTracked: cases(0.03 + 0.2 * w, 2),
    trainingRecommended: Math.round(trainingBase * (chance(0.1 + 0.3 * w) ? 0.9 + 0.1 * rand() : 1 + 0.1 * rand())),
    trainingSeekersStart,
    trainingSeekersNew,
    trainingRecommendedEmployed,
    hardUnassisted6m: cases(0.03 + 0.2 * w, 2),
    gradsRegistered,
    gradsFollowedUp,
    gradsServed: gradsRegistered,
    gradsEmployed,
    fishersPovertyIdle: cases(0.02 + 0.15 * w, 1),
    newEmployers: Math.max(0, int(5, 8) - (chance(0.1 + 0.5 * w) ? int(1, 2) : 0)),
    platformNewEmployers: chance(0.01 + 0.04 * w) ? 0 : int(1, 4),
    marketEntities: base.marketEntities + int(0, 20),
    staleFeedback: cases(0.1 + 0.4 * w, 3),
    phoneCheckAccuracy: rate(0.97 - 0.12 * w + 0.04 * (rand() - 0.5)),
    surveyDeduction: chance(0.03 + 0.2 * w) ? 0.5 : 0,
    pendingOverdue: cases(0.03 + 0.15 * w, 1),
    serviceCount: Math.round((params.provinceAvgServiceCount as number) * (base.serviceFactor + 0.06 * (rand() - 0.5))),
    matchSucceeded: Math.min(matchedPersons, Math.round(matchedPersons * (0.6 + 0.15 * rand() - 0.1 * w))),
    matchedPersons,
    trainingReferredTotal,
    registeredUnemployedTotal,
    trainingSubsidized: Math.min(trainingReferredTotal, Math.round(trainingReferredTotal * (0.66 + 0.2 * rand() - 0.08 * w))),
    validComplaints: cases(0.02 + 0.15 * w, 1),
    realNameAccounts: chance(0.01 + 0.04 * w) ? 1 : 2,
    idleAccounts: cases(0.02 + 0.1 * w, 1),
    staffTrainingMet: chance(0.01 * w) ? '否' : '是',
    newStaffTrained: chance(0.75) ? '无新进人员' : chance(0.05 + 0.2 * w) ? '否' : '是',
    publicityPoints: chance(0.05 + 0.4 * w) ? 1.5 : 2,
    reward: u.reward,
    rewardReason: u.rewardReason,
  };
  if (u.type === '社区') {
    row.zeroJobHouseholdsLate = cases(0.02 + 0.12 * w, 1);
  } else {
    const ruralLabor = Math.round(laborForce * base.ruralShare);
    const prev = rate(base.ruralPrevRate);
    row.ruralLabor = ruralLabor;
    row.ruralTransferRatePrev = prev;
    row.ruralTransferred = Math.min(ruralLabor, Math.round(ruralLabor * (prev + 0.01 + 0.02 * rand() - 0.04 * w * rand())));
  }
  return row;
}

/**
 * The deliberately bad cells of the sample (spec §5): each in a different unit, none in the
 * units that end up at the bottom, so the story of the sample stays readable.
 */
function plantBadCells(rows: LedgerRow[], units: DistrictUnit[]): { badCells: BadCell[]; duplicateRow: number | null } {
  const find = (unitIndex: number, month: number) => rows.findIndex((r) => r.unit === units[unitIndex].name && r.month === month);
  const badCells: BadCell[] = [];
  const plant = (unitIndex: number, month: number, key: string, value: CellValue, what: string) => {
    const row = find(unitIndex, month);
    if (row < 0) return;
    rows[row][key] = value;
    badCells.push({ row, key, what });
  };
  if (units.length < 36) return { badCells, duplicateRow: null };
  plant(4, 3, 'overdueReviews', -2, '负数');
  plant(9, 7, 'validComplaints', '无', '计数填了「无」');
  const grads = find(13, 7);
  rows[grads].gradsRegistered = 6;
  rows[grads].gradsFollowedUp = 6;
  rows[grads].gradsServed = 6;
  plant(13, 7, 'gradsEmployed', 9, '部分大于整体');
  plant(20, 5, 'phoneCheckAccuracy', '150%', '比率超过100%');
  plant(24, 10, 'laborForce', null, '劳动力总数为空');
  // The same unit-month entered twice, the second time with a corrected figure.
  const original = find(30, 6);
  const copy = { ...rows[original], serviceCount: (rows[original].serviceCount as number) + 5 };
  rows.splice(original + 1, 0, copy);
  for (const b of badCells) if (b.row > original) b.row++;
  badCells.push({ row: original + 1, key: 'month', what: '单位月份重复' });
  return { badCells, duplicateRow: original + 1 };
}

/** A district of `units` units × 12 months, rows month by month as bureaus keep them. */
export function generateDistrict(options: DistrictOptions = {}): District {
  const count = options.units ?? 36;
  const seed = options.seed ?? SAMPLE_SEED;
  const year = options.year ?? 2024;
  const units = generateUnits(count, seed);
  const params = generateParams(seed);
  const rand = prng(seed);
  const bases = units.map((u) => unitBase(u, rand));
  const rows: LedgerRow[] = [];
  for (let month = 1; month <= 12; month++) {
    units.forEach((u, i) => rows.push(monthRow(u, bases[i], month, params[month - 1], rand)));
  }
  const planted = options.badCells === false ? { badCells: [], duplicateRow: null } : plantBadCells(rows, units);
  return { title: count === 36 && year === 2024 ? SAMPLE_TITLE : `${year}年充分就业社区(村)月度考核台账`, year, units, rows, params, ...planted };
}

/* ---------- Ledger layout: columns, sections, headers ---------- */

export interface LedgerColumn {
  /** Attribute key (unit, type, month …) or field key. */
  key: string;
  /** Header as typed in the sheet (the canonical name, sometimes with a unit in brackets). */
  header: string;
  /** Canonical header without decoration. */
  canonical: string;
  /** Section title it sits under (row 2 of the two-row header), or null for identity columns. */
  section: string | null;
  kind: 'text' | 'integer' | 'rate' | 'decimal';
}

const SECTIONS: readonly [first: string, title: string][] = [
  ['laborForce', '一、就业失业情况'],
  ['laborInfoUpdated', '二、就业服务情况'],
  ['serviceCount', '三、服务质量情况'],
  ['realNameAccounts', '四、平台建设情况'],
];

/** Unit suffixes some columns carry in real sheets (spec §7), half-width or full-width brackets. */
const SUFFIX: Readonly<Record<string, string>> = {
  laborForce: '（人）',
  registeredUnemployed: '(人)',
  zeroJobHouseholdsLate: '（户）',
  ruralLabor: '(人)',
  laborResource: '（人）',
  selfServiceApplications: '(条)',
  overdueReviews: '（条）',
  marketEntities: '（户）',
  serviceCount: '(次)',
  validComplaints: '（件）',
};

const IDENTITY_BEFORE: readonly [string, string][] = [
  ['month', '月份'], ['unit', '单位名称'], ['type', '类型'], ['town', '所属乡镇'], ['group', '小组'], ['level', '认定层级'], ['founding', '年初创建单位'],
];
const IDENTITY_AFTER: readonly [string, string][] = [['reward', '带动奖励'], ['rewardReason', '奖励说明']];

/** The ledger's columns in sheet order; `decorated` adds the unit suffixes of real sheets. */
export function ledgerColumns(decorated = true): LedgerColumn[] {
  const columns: LedgerColumn[] = IDENTITY_BEFORE.map(([key, zh]) => ({ key, header: zh, canonical: zh, section: null, kind: key === 'month' ? 'integer' : 'text' }));
  let section: string | null = null;
  for (const f of FIELDS) {
    if (f.param) continue;
    const start = SECTIONS.find(([first]) => first === f.key);
    if (start) section = start[1];
    const kind = f.kind === 'rate' ? 'rate' : f.kind === 'flag' ? 'text' : f.kind === 'points' ? 'decimal' : 'integer';
    columns.push({ key: f.key, header: decorated && SUFFIX[f.key] ? `${f.zh}${SUFFIX[f.key]}` : f.zh, canonical: f.zh, section, kind });
  }
  for (const [key, zh] of IDENTITY_AFTER) columns.push({ key, header: zh, canonical: zh, section: null, kind: key === 'reward' ? 'integer' : 'text' });
  return columns;
}

export interface ParamColumn {
  key: string;
  header: string;
  kind: 'integer' | 'rate' | 'decimal';
}

export function paramColumns(): ParamColumn[] {
  return [
    { key: 'month', header: '月份', kind: 'integer' },
    ...PARAM_FIELDS.map((f): ParamColumn => ({ key: f.key, header: f.zh, kind: f.kind === 'rate' ? 'rate' : 'decimal' })),
  ];
}

export { columnLetter };
