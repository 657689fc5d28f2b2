/**
 * 山东 2010 (seed 001): the share of 充分就业社区 against (四)'s 80 % target, and (二十二)'s reward
 * for the top share of a performance ranking — as policy functions and as HS.FULLSHARE and
 * HS.TOPSHARE. Every expected value is worked out by hand in the comment beside it.
 */
import { asCells, at, errorOf, NO_ADDRESSES as N } from '../helpers/customFunctions';
import * as functionsModule from '../../functions/functions';

const HS = asCells(functionsModule);
import { fullEmploymentShare, rewardedPlaces, SHANDONG_2010_FULL_EMPLOYMENT, SHANDONG_2010_TOP_SHARE, topShareStanding } from '../../src/policy/shandong2010';
import { messageOf } from '../helpers/policyErrors';

const column = (...values: unknown[]): unknown[][] => values.map((v) => [v]);
const flags = (yes: number, no: number): boolean[] => [...Array<boolean>(yes).fill(true), ...Array<boolean>(no).fill(false)];

describe('山东 2010 settings come from the seed', () => {
  test('(四) 80 % 以上, the number itself included; (二十二) names no share, so there is none by default', () => {
    expect(SHANDONG_2010_FULL_EMPLOYMENT).toMatchObject({ targetShare: 0.8, targetInclusive: true });
    expect(SHANDONG_2010_TOP_SHARE).toMatchObject({ share: null, placesRounding: 'halfUp', tiesRewarded: true });
  });
});

describe('fullEmploymentShare', () => {
  test('exactly 80 % meets the target: 4 of 5 → 0.8, 4 needed, none short', () => {
    const r = fullEmploymentShare(flags(4, 1));
    expect(r).toMatchObject({ recognised: 4, total: 5, share: 0.8, meetsTarget: true, needed: 4, shortfall: 0 });
    expect(r.explanation).toBe('充分就业社区4个，占社区总数5个的80%，达到80%以上的目标');
  });

  test('11 of 15 is 73.33 %: short of 80 % (0.8 × 15 = 12 needed) by one', () => {
    const r = fullEmploymentShare(flags(11, 4));
    expect(r).toMatchObject({ recognised: 11, total: 15, meetsTarget: false, needed: 12, shortfall: 1 });
    expect(r.share).toBeCloseTo(11 / 15, 15);
    expect(r.explanation).toBe('充分就业社区11个，占社区总数15个的73.33%，未达到80%以上的目标，至少需12个，还差1个');
    expect(fullEmploymentShare(flags(12, 3)).meetsTarget).toBe(true); // 12 / 15 = 0.8 exactly
  });

  test('a target whose product is inexact in binary (0.7 × 10 = 7.000000000000001) still needs 7 of 10', () => {
    expect(fullEmploymentShare(flags(7, 3), undefined, 0.7)).toMatchObject({ meetsTarget: true, needed: 7, shortfall: 0 });
    expect(fullEmploymentShare(flags(6, 4), undefined, 0.7)).toMatchObject({ meetsTarget: false, needed: 7, shortfall: 1 });
  });

  test('with 以上 read as strictly above, 4 of 5 is not enough: 5 needed', () => {
    const strict = { ...SHANDONG_2010_FULL_EMPLOYMENT, targetInclusive: false };
    const r = fullEmploymentShare(flags(4, 1), strict);
    expect(r).toMatchObject({ meetsTarget: false, needed: 5, shortfall: 1 });
    expect(r.explanation).toMatch(/未达到超过80%的目标/);
  });

  test('no communities, or a target outside (0, 1], is refused', () => {
    expect(messageOf(() => fullEmploymentShare([]))).toBe('没有任何社区：社区总数为0，无法计算充分就业社区占比');
    expect(messageOf(() => fullEmploymentShare(flags(1, 1), undefined, 80))).toBe('「目标占比」应为0到1之间的比例（如 80% 或 0.8），读到80');
    expect(messageOf(() => fullEmploymentShare(flags(1, 1), undefined, 0))).toBe('「目标占比」必须大于0，读到0');
  });
});

describe('HS.FULLSHARE', () => {
  const five = column('是', '是', '否', '是', '是');
  test('the share by default (4 of 5 = 0.8), and each part', () => {
    expect(HS.fullShare(five, null, null, N)).toBe(0.8);
    expect(HS.fullShare(five, null, '是否达标', N)).toBe(true);
    expect(HS.fullShare(five, null, '认定数', N)).toBe(4);
    expect(HS.fullShare(five, null, '总数', N)).toBe(5);
    expect(HS.fullShare(five, null, '至少需要', N)).toBe(4);
    expect(HS.fullShare(five, null, '还差', N)).toBe(0);
    expect(HS.fullShare(five, null, '说明', N)).toBe('充分就业社区4个，占社区总数5个的80%，达到80%以上的目标');
  });

  test('TRUE/FALSE, 1/0 and 已认定/未认定 all read; a row works as well as a column', () => {
    // 3 of 5 = 0.6: short of 80 % (4 needed) by 1
    expect(HS.fullShare([[true, 1, '已认定', false, '未认定']], null, null, N)).toBe(0.6);
    expect(HS.fullShare([[true, 1, '已认定', false, '未认定']], null, '还差', N)).toBe(1);
  });

  test('a target of its own: 60 % typed as 0.6 or "60%" makes 3 of 5 enough', () => {
    const three = column(true, true, true, false, false);
    expect(HS.fullShare(three, 0.6, '是否达标', N)).toBe(true);
    expect(HS.fullShare(three, '60%', '是否达标', N)).toBe(true);
    expect(HS.fullShare(three, null, '是否达标', N)).toBe(false);
  });

  test('a blank or unreadable flag is #VALUE! naming its cell: the total is the cells chosen', () => {
    const cells = at('社区!C2:C6', '', '');
    expect(errorOf(() => HS.fullShare(column('是', '是', null, '否', '是'), null, null, cells)).message).toBe('是否充分就业社区中社区!C4为空：每个社区都应填写是或否（社区总数按所选单元格计）');
    expect(errorOf(() => HS.fullShare(column('是', '也许'), null, null, N)).message).toBe('是否充分就业社区第2行「也许」应为 是/否 或 TRUE/FALSE');
    expect(errorOf(() => HS.fullShare([[null]], null, null, N)).code).toBe('#VALUE!');
  });

  test('a bad target or part is refused', () => {
    expect(errorOf(() => HS.fullShare(five, 80, null, at('', '参数!B1', ''))).message).toBe('「目标占比」应为0到1之间的比例（如 80% 或 0.8），读到80（参数!B1）');
    expect(errorOf(() => HS.fullShare(five, '八成', null, N)).message).toBe('「目标占比」不是有效的数字：「八成」');
    expect(errorOf(() => HS.fullShare(five, -0.1, null, N)).message).toBe('「目标占比」必须大于0，读到-0.1');
    expect(errorOf(() => HS.fullShare(five, null, '平均', N)).message).toBe('未知的项目「平均」，可选：占比、是否达标、认定数、总数、至少需要、还差、说明');
    expect(errorOf(() => HS.fullShare([['是', '否'], ['是', '否']], null, null, N)).message).toMatch(/应为一行或一列，收到 2 行 2 列的区域/);
  });
});

describe('HS.FULLSHARE per unit type', () => {
  // 社区 3 of 4 = 75 %, 村 7 of 10 = 70 %: 10 of 14 = 71.43 % misses 80 % overall, yet each type meets its own.
  const typeList = [...Array<string>(4).fill('社区'), ...Array<string>(10).fill('村')];
  const flagList = [true, true, true, false, true, true, true, true, true, true, true, false, false, false];
  const flagsColumn = column(...flagList);
  const typesColumn = column(...typeList);
  const targets = '社区 75%；村 70%';

  test('each type against its own target: 是否达标 only when every type meets it; 说明 says each', () => {
    expect(HS.fullShare(flagsColumn, null, null, N)).toBeCloseTo(10 / 14, 12);
    expect(HS.fullShare(flagsColumn, null, '是否达标', N)).toBe(false);
    expect(HS.fullShare(flagsColumn, targets, '是否达标', typesColumn, null, N)).toBe(true);
    expect(HS.fullShare(flagsColumn, targets, '说明', typesColumn, null, N)).toBe('社区：认定3个，占社区总数4个的75%，达到75%以上的目标；村：认定7个，占村总数10个的70%，达到70%以上的目标');
    // 村 at 75 % needs 8 of 10 (0.75 × 10 = 7.5 → 8): one short.
    expect(HS.fullShare(flagsColumn, '社区 75%；村 75%', '是否达标', typesColumn, null, N)).toBe(false);
  });

  test('a number part spills one row per type: 类型, 数', () => {
    expect(HS.fullShare(flagsColumn, targets, '认定数', typesColumn, null, N)).toEqual([['社区', 3], ['村', 7]]);
    expect(HS.fullShare(flagsColumn, '社区 75%；村 75%', '还差', typesColumn, null, N)).toEqual([['社区', 0], ['村', 1]]);
  });

  test('the targets may come from the rubric’s 认定占比目标 (a 评分细则 range)', async () => {
    const { rubricSheetRows } = await import('../../src/rules/rubricSheet');
    const { HESHAN_2024 } = await import('../../src/rules/heshan2024');
    const rows = rubricSheetRows({ ...HESHAN_2024, ranking: { ...HESHAN_2024.ranking, recognitionLine: 85, shareTargets: [{ unitType: '社区', share: 0.75 }, { unitType: '村', share: 0.75 }] } });
    const width = Math.max(...rows.map((r) => r.length));
    const rubric = rows.map((r) => [...r, ...Array(width - r.length).fill(null)]);
    expect(HS.fullShare(flagsColumn, null, '是否达标', typesColumn, rubric, N)).toBe(false);
    expect(HS.fullShare(flagsColumn, targets, '是否达标', typesColumn, rubric, N)).toBe(true); // an argument overrides the rubric
  });

  test('a type written as the rubric’s synonym counts for its type; a type that is neither a unit type nor a target’s is #VALUE!, not left out', () => {
    const synonyms = column(...typeList.map((t, i) => (i === 0 ? '居委会' : i === 4 ? '行政村' : t)));
    expect(HS.fullShare(flagsColumn, targets, '认定数', synonyms, null, N)).toEqual([['社区', 3], ['村', 7]]);
    const misspelt = column(...typeList.map((t, i) => (i === 3 ? '社去' : t)));
    expect(errorOf(() => HS.fullShare(flagsColumn, targets, '认定数', misspelt, null, N)).message).toBe('类型第4行「社去」不是单位类型（社区、村）：按类型计算占比时每个单位都应是其中之一');
    // A type a target names is one, though the rubric has no such type.
    expect(HS.fullShare(column(true, false), '街道 50%', '是否达标', column('街道', '街道'), null, N)).toBe(true);
  });

  test('targets per type without types, types of another length, a blank type: #VALUE! saying so', () => {
    expect(errorOf(() => HS.fullShare(flagsColumn, targets, null, N)).message).toBe('占比目标按类型设定：请给出每个单位的类型（types 参数，与是否充分就业社区等长）');
    expect(errorOf(() => HS.fullShare(flagsColumn, targets, null, column('社区'), null, N)).message).toBe('「类型」有1个单元格，「是否充分就业社区」有14个：应一一对应');
    const blank = column(...typeList.map((t, i) => (i === 2 ? null : t)));
    expect(errorOf(() => HS.fullShare(flagsColumn, targets, null, blank, null, N)).message).toBe('类型第3行为空：按类型计算占比时每个单位都应填写类型');
    expect(errorOf(() => HS.fullShare(flagsColumn, '社区 120%', null, typesColumn, null, N)).message).toBe('占比目标「社区 120%」应大于0且不超过100%');
  });
});

describe('topShareStanding', () => {
  // Ten institutions, highest first; two tie at 90 on ranks 2–3.
  const scores = [95, 90, 90, 88, 85, 80, 78, 70, 60, 50];

  test('20 % of 10 is 2 places: 95 (rank 1) in; 90 tied on rank 2 straddles the line and joins; 88 (rank 4) out', () => {
    expect(topShareStanding(95, scores, 0.2).rewarded).toBe(true);
    const tied = topShareStanding(90, scores, 0.2);
    expect(tied).toMatchObject({ rank: 2, tied: 2, ranked: 10, places: 2, rewarded: true });
    expect(tied.explanation).toBe('得分90，在10个单位中排第2名（2个并列）；奖励名额10×20%＝2个，并列跨过名额线，按规定一并奖励，列入奖励');
    expect(topShareStanding(88, scores, 0.2).rewarded).toBe(false);
  });

  test('with ties left out, the 90s (ranks 2–3 against 2 places) are not rewarded; 95 still is', () => {
    expect(topShareStanding(90, scores, 0.2, SHANDONG_2010_TOP_SHARE, false).rewarded).toBe(false);
    expect(topShareStanding(90, scores, 0.2, SHANDONG_2010_TOP_SHARE, false).explanation).toMatch(/并列跨过名额线，按规定均不奖励，未列入奖励$/);
    expect(topShareStanding(95, scores, 0.2, SHANDONG_2010_TOP_SHARE, false).rewarded).toBe(true);
  });

  test('places round half up: 25 % of 10 = 2.5 → 3 (the whole tie fits either way); 4 % of 10 = 0.4 → 0, nobody', () => {
    expect(rewardedPlaces(10, 0.25)).toBe(3);
    expect(topShareStanding(90, scores, 0.25, SHANDONG_2010_TOP_SHARE, false).rewarded).toBe(true);
    expect(topShareStanding(88, scores, 0.25).rewarded).toBe(false);
    expect(topShareStanding(90, scores, 0.25).explanation).toMatch(/奖励名额10×25%＝2\.5，四舍五入为3个/);
    expect(topShareStanding(95, scores, 0.04).rewarded).toBe(false);
    expect(rewardedPlaces(10, 0.25, { ...SHANDONG_2010_TOP_SHARE, placesRounding: 'down' })).toBe(2);
    expect(rewardedPlaces(10, 0.21, { ...SHANDONG_2010_TOP_SHARE, placesRounding: 'up' })).toBe(3); // 2.1 → 3
  });

  test('unscored units are not ranked; bad shares, scores and a score outside the list are refused', () => {
    // 95 and 90 ranked; 50 % of 2 = 1 place
    expect(topShareStanding(95, [95, null, 90], 0.5)).toMatchObject({ ranked: 2, places: 1, rewarded: true });
    expect(topShareStanding(90, [95, null, 90], 0.5).rewarded).toBe(false);
    expect(messageOf(() => topShareStanding(95, scores, 20))).toBe('「奖励比例」应为0到1之间的比例（如 80% 或 0.8），读到20');
    expect(messageOf(() => topShareStanding(95, scores, 0))).toBe('「奖励比例」必须大于0，读到0');
    expect(messageOf(() => topShareStanding(91, scores, 0.2))).toBe('得分91不在「全部得分」中，无法排名');
    expect(messageOf(() => topShareStanding(Number.NaN, scores, 0.2))).toBe('「得分」应为数字，读到「NaN」');
  });
});

describe('HS.TOPSHARE', () => {
  const all = column(95, 90, 90, 88, 85, 80, 78, 70, 60, 50);
  test('TRUE for the rewarded top, ties at the line joining by default', () => {
    expect(HS.topShare(95, all, 0.2, null, N)).toBe(true);
    expect(HS.topShare(90, all, '20%', null, N)).toBe(true);
    expect(HS.topShare(88, all, 0.2, null, N)).toBe(false);
    expect(HS.topShare(50, all, 1, null, N)).toBe(true); // 100 %: everyone
  });

  test('tiesRewarded FALSE (or 否) leaves a straddling tie out', () => {
    expect(HS.topShare(90, all, 0.2, false, N)).toBe(false);
    expect(HS.topShare(90, all, 0.2, '否', N)).toBe(false);
    expect(HS.topShare(90, all, 0.2, true, N)).toBe(true);
    expect(HS.topShare([[95]], all, 0.2, false, N)).toBe(true);
  });

  test('blank scores in the list are not ranked: of 95, blank, 90, 50 % is 1 place', () => {
    expect(HS.topShare(95, column(95, null, 90), 0.5, null, N)).toBe(true);
    expect(HS.topShare(90, column(95, null, 90), 0.5, null, N)).toBe(false);
  });

  test('the share must be given: the seed says only 一定比例', () => {
    const e = errorOf(() => HS.topShare(95, all, null, null, at('B2', 'B2:B11', '参数!B3', '')));
    expect([e.code, e.message]).toEqual(['#VALUE!', '「奖励比例」未填写（参数!B3）：山东2010年文件只规定对考核「排名靠前一定比例」的予以奖励，未规定比例，请给出（如 20%）']);
  });

  test('bad arguments: share out of range, text scores naming the cell, a blank or unlisted own score, unreadable ties', () => {
    expect(errorOf(() => HS.topShare(95, all, 20, null, at('', '', '参数!B3', ''))).message).toBe('「奖励比例」应为0到1之间的比例（如 80% 或 0.8），读到20（参数!B3）');
    expect(errorOf(() => HS.topShare(95, all, 0, null, N)).message).toBe('「奖励比例」必须大于0，读到0');
    expect(errorOf(() => HS.topShare(95, column(95, '九十'), 0.2, null, at('考核!B2', '考核!B2:B3', '', ''))).message).toBe('全部得分中考核!B3「九十」不是数字');
    expect(errorOf(() => HS.topShare(95, column(95, '90'), 0.2, null, N)).message).toBe('全部得分第2行「90」不是数字（文本格式的数字，请转换为数字）');
    expect(errorOf(() => HS.topShare('高', all, 0.2, null, at('考核!B2', '', '', ''))).message).toBe('得分考核!B2「高」不是数字');
    const blank = errorOf(() => HS.topShare(null, all, 0.2, null, N));
    expect([blank.code, blank.message]).toEqual(['#N/A', '「得分」为空：没有得分的单位不参加排名']);
    expect(errorOf(() => HS.topShare(91, all, 0.2, null, N)).code).toBe('#N/A');
    expect(errorOf(() => HS.topShare(95, all, 0.2, '看情况', N)).message).toBe('「并列是否奖励」应为 TRUE（名额线上的并列单位一并奖励）或 FALSE（均不奖励），读到「看情况」');
  });
});
