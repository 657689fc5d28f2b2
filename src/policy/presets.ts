/**
 * The subsidy policies the product ships (spec §4 and §8). Other bureaus add theirs as data.
 */
import type { SubsidyPolicy } from './types';

const NO_LEVEL = ['无', '未认定', '否', '-', '—', '/', '暂无'];

/** 赫山 2024 (seed 000 五(三)): 省/市级 by 3:4:3 at 6/5/4万, 区级 3万, 末位淘汰 forfeits, group −1万. */
export const HESHAN_2024_POLICY: SubsidyPolicy = {
  id: 'heshan-2024',
  zh: '赫山区2024年补贴政策',
  en: 'Heshan 2024 subsidy policy',
  levels: [
    { level: '省级', aliases: ['省级充分就业社区', '省级充分就业村', '省'], amount: 0, tiered: true },
    { level: '市级', aliases: ['市级充分就业社区', '市级充分就业村', '市'], amount: 0, tiered: true },
    { level: '区级', aliases: ['区级充分就业社区', '区级充分就业村', '区', '县级'], amount: 30000 },
  ],
  tiers: { topShare: 0.3, bottomShare: 0.3, amounts: { top: 60000, middle: 50000, bottom: 40000 }, tiesJoinHigherTier: true },
  eliminatedForfeit: true,
  groupDeduction: 10000,
  startupFund: 10000,
  noLevelWords: NO_LEVEL,
};

/** 甘肃 2023 (seed 004 第十二条, 第六条): 国家级 3万, 省级 2万 (≥ 90 分), 市级 1万, highest level only. */
export const GANSU_2023_POLICY: SubsidyPolicy = {
  id: 'gansu-2023',
  zh: '甘肃省2023年补贴政策',
  en: 'Gansu 2023 subsidy policy',
  levels: [
    { level: '国家级', aliases: ['国家级充分就业社区', '国家'], amount: 30000 },
    { level: '省级', aliases: ['省级充分就业社区', '省级充分就业星级社区', '省'], amount: 20000, minScore: 90 },
    { level: '市级', aliases: ['市级充分就业社区', '市'], amount: 10000 },
  ],
  tiers: null,
  eliminatedForfeit: false,
  groupDeduction: 0,
  startupFund: 0,
  noLevelWords: NO_LEVEL,
};

export const POLICIES: readonly SubsidyPolicy[] = [HESHAN_2024_POLICY, GANSU_2023_POLICY];

export function policyById(id: string): SubsidyPolicy {
  const policy = POLICIES.find((p) => p.id === id);
  if (!policy) throw new Error(`未知的补贴政策「${id}」，可选：${POLICIES.map((p) => p.id).join('、')}`);
  return policy;
}
