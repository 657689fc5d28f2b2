/** Small person-level ledgers for the 海安 2021 tests. */
import type { CellValue, SheetGrid } from '../../../src/ledger/types';
import { dayOf } from '../../../src/policy/haian';

export const HEADER = [
  '序号', '区镇(街道)', '社区(村)', '姓名', '身份证号码', '人员类别', '就业状态', '最近跟踪服务日期',
  '职业指导次数', '职业介绍次数', '技能培训次数', '应享受补贴', '已发放补贴',
];

/** One person: the cells after 序号, in HEADER order. */
export type PersonRow = [
  town: CellValue, community: CellValue, name: CellValue, id: CellValue, group: CellValue, status: CellValue, tracked: CellValue,
  guidance: CellValue, referral: CellValue, training: CellValue, entitled: CellValue, granted: CellValue,
];

/** A ledger with a title row and a 填报单位 row above the header (row 3), data from row 4. */
export function ledger(persons: PersonRow[], name = '明细表'): SheetGrid {
  return {
    name,
    merges: [],
    rows: [
      ['海安市2021年服务重点群体情况明细表'],
      ['填报单位：海安市人力资源和社会保障局', null, null, null, null, null, null, null, null, null, null, null, '单位：人、次'],
      HEADER,
      ...persons.map((p, i): CellValue[] => [i + 1, ...p]),
    ],
  };
}

/** A day number from y-m-d (throws on an impossible date, so a typo in a test fails loudly). */
export function day(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  const n = dayOf(y, m, d);
  if (n === null) throw new Error(`bad test date ${iso}`);
  return n;
}
