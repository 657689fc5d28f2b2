import { computeSubsidies, type SubsidyInput } from '../../src/engine/subsidy';
import { HESHAN_2024_POLICY } from '../../src/policy/presets';

const unit = (name: string, annual: number, extra: Partial<SubsidyInput> = {}): SubsidyInput => ({
  unit: name, annual, eliminated: false, group: '第一组', groupFlagged: false, levelText: '省级',
  founding: true, reward: 0, rewardReason: null, ...extra,
});

test('the 说明 names the tier split from the policy data, the deduction floor, the reward and the startup fund', () => {
  const inputs = [unit('甲社区', 99), unit('乙村', 97, { levelText: '区级', groupFlagged: true, reward: 2000, rewardReason: '带动示范' }), unit('丙社区', 90)];
  const heshan = computeSubsidies(inputs, HESHAN_2024_POLICY).results;
  expect(heshan[0].explanation).toBe('省级，按3:4:3分档（共2个单位），年度得分99分，列一档，补助60,000元；年终合计60,000元；另：年初已预拨启动资金10,000元，不计入年终金额');
  expect(heshan[1].explanation).toContain('所在老带新小组「第一组」有末位淘汰单位，扣减10,000元；带动奖励2,000元（带动示范）；年终合计22,000元');

  const wider = { ...HESHAN_2024_POLICY, tiers: { ...HESHAN_2024_POLICY.tiers!, topShare: 0.2, bottomShare: 0.2 } };
  expect(computeSubsidies(inputs, wider).results[0].explanation).toContain('按2:6:2分档');
});
