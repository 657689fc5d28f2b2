import { normalizeHeader, withoutBrackets } from '../../src/read/headerText';

describe('normalizeHeader', () => {
  it('folds full-width characters and removes whitespace and line breaks', () => {
    expect(normalizeHeader(' 劳动力\n总数 ')).toBe('劳动力总数');
    expect(normalizeHeader('劳动力\u3000总数')).toBe('劳动力总数');
    expect(normalizeHeader('登记失业２年以上人数')).toBe('登记失业2年以上人数');
  });

  it('drops a bracketed unit of measure, in any bracket style', () => {
    expect(normalizeHeader('劳动力数(人)')).toBe('劳动力数');
    expect(normalizeHeader('期末登记失业人员人数（人）')).toBe('期末登记失业人员人数');
    expect(normalizeHeader('认定后1个月内未援助退出的零就业家庭户数（户）')).toBe('认定后1个月内未援助退出的零就业家庭户数');
    expect(normalizeHeader('当地市场主体数量(万户)')).toBe('当地市场主体数量');
    expect(normalizeHeader('电话抽查信息准确率（％）')).toBe('电话抽查信息准确率');
    expect(normalizeHeader('电话抽查信息准确率%')).toBe('电话抽查信息准确率');
    expect(normalizeHeader('各项就业服务次数【次】')).toBe('各项就业服务次数');
    expect(normalizeHeader('群众有效投诉数（单位：件）')).toBe('群众有效投诉数');
    for (const unit of ['个', '条', '次', '家', '元', '万']) expect(normalizeHeader(`某某数（${unit}）`)).toBe('某某数');
  });

  it('keeps brackets that are part of a name', () => {
    expect(normalizeHeader('全省社区（村）平均服务次数')).toBe('全省社区(村)平均服务次数');
    expect(normalizeHeader('全省社区(村)平均服务次数(次)')).toBe('全省社区(村)平均服务次数');
    expect(normalizeHeader('社区（村）名称')).toBe('社区(村)名称');
    expect(withoutBrackets(normalizeHeader('社区（村）名称'))).toBe('社区名称');
  });

  it('drops section numbering and required-field marks but not a leading count', () => {
    expect(normalizeHeader('一、就业失业情况')).toBe('就业失业情况');
    expect(normalizeHeader('（二）就业服务情况')).toBe('就业服务情况');
    expect(normalizeHeader('3.劳动力总数')).toBe('劳动力总数');
    expect(normalizeHeader('*单位名称')).toBe('单位名称');
    expect(normalizeHeader('1个月未登录省平台的实名账号数')).toBe('1个月未登录省平台的实名账号数');
  });
});
