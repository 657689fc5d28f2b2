import { ATTRIBUTES, FIELDS } from '../../src/fields';
import { assignColumns, CONFIDENCE, diceCoefficient, matchHeader, type HeaderColumn } from '../../src/read/columnMatch';

const cols = (...headers: string[]): HeaderColumn[] => headers.map((header, column) => ({ column, header, texts: [header] }));
const keysOf = (headers: string[]) => assignColumns(cols(...headers)).map((m) => m.target?.key ?? null);

describe('matchHeader', () => {
  it('maps every canonical name to its own target with confidence 1, and every synonym with at least 0.9', () => {
    for (const def of [...ATTRIBUTES, ...FIELDS]) {
      expect([def.zh, matchHeader(def.zh)[0]]).toEqual([def.zh, expect.objectContaining({ target: expect.objectContaining({ key: def.key }), confidence: 1, matchedBy: 'canonical' })]);
      for (const synonym of def.synonyms) {
        const best = matchHeader(synonym)[0];
        expect([synonym, best?.target.key]).toEqual([synonym, def.key]);
        // 所属乡镇(街道) is a synonym that is also the canonical 所属乡镇 plus a bracket: the better reading wins.
        expect(best.confidence).toBeGreaterThanOrEqual(CONFIDENCE.synonym);
      }
    }
  });

  it('reads the headers of real sheets: units in brackets, full-width brackets, line breaks', () => {
    const best = (text: string) => {
      const m = matchHeader(text)[0];
      return m && { key: m.target.key, confidence: m.confidence, by: m.matchedBy };
    };
    expect(best('劳动力数(人)')).toEqual({ key: 'laborForce', confidence: 0.9, by: 'synonym' });
    expect(best('期末登记失业人员人数（人）')).toEqual({ key: 'registeredUnemployed', confidence: 1, by: 'canonical' });
    expect(best('全省社区（村）平均服务次数（次）')).toEqual({ key: 'provinceAvgServiceCount', confidence: 1, by: 'canonical' });
    expect(best('社区（村）名称')).toEqual({ key: 'unit', confidence: 0.9, by: 'synonym' });
    expect(best('劳动力\n资源总数\n（人）')).toEqual({ key: 'laborResource', confidence: 1, by: 'canonical' });
    expect(best('单位名称')?.key).toBe('unit');
    expect(best('类型')?.key).toBe('type');
    expect(best('月份')?.key).toBe('month');
    expect(best('认定层级')?.key).toBe('level');
    expect(best('小组')?.key).toBe('group');
    // (是/否) is a unit suffix, as （人） is: the template's headers map with no question.
    expect(best('年初创建单位（是/否）')).toEqual({ key: 'founding', confidence: CONFIDENCE.canonical, by: 'canonical' });
    expect(best('年初创建单位（备注）')).toEqual({ key: 'founding', confidence: CONFIDENCE.canonicalWithoutBrackets, by: 'canonical' });
  });

  it('matches a slightly different wording fuzzily, below any synonym, and nothing below the threshold', () => {
    const m = matchHeader('期末登记失业人员数')[0];
    expect(m.target.key).toBe('registeredUnemployed');
    expect(m.matchedBy).toBe('fuzzy');
    expect(m.confidence).toBeGreaterThanOrEqual(CONFIDENCE.fuzzyThreshold);
    expect(m.confidence).toBeLessThan(CONFIDENCE.synonymWithoutBrackets);
    expect(matchHeader('月初未就业且有就业意愿人数')[0].target.key).toBe('jobSeekersStart');
    for (const text of ['序号', '备注', '得分', '一、就业失业情况', '2024年赫山区充分就业社区(村)月度考核台账']) {
      expect([text, matchHeader(text)]).toEqual([text, []]);
    }
  });

  it('refuses a fuzzy match that changes what is measured or whose figure it is', () => {
    // A computed rate is not the count it resembles; this year's rate is not last year's.
    expect(matchHeader('人岗匹配成功率').map((m) => m.target.key)).not.toContain('matchSucceeded');
    expect(matchHeader('农村劳动力转移就业率').map((m) => m.target.key)).not.toContain('ruralTransferRatePrev');
  });

  it('lists candidates best first', () => {
    const confidences = matchHeader('劳动力总数').map((m) => m.confidence);
    expect(confidences[0]).toBe(1);
    expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
  });
});

describe('diceCoefficient', () => {
  it('is 1 for equal strings, 0 for disjoint ones, and symmetric', () => {
    expect(diceCoefficient('劳动力总数', '劳动力总数')).toBe(1);
    expect(diceCoefficient('小组', '月份')).toBe(0);
    expect(diceCoefficient('劳动力总数', '劳动力资源总数')).toBeCloseTo(0.6, 10);
    expect(diceCoefficient('劳动力资源总数', '劳动力总数')).toBeCloseTo(0.6, 10);
  });
});

describe('assignColumns', () => {
  it('gives each labour column its own field, whatever the column order', () => {
    expect(keysOf(['劳动力资源总数', '农村劳动力资源总数', '劳动力数(人)'])).toEqual(['laborResource', 'ruralLabor', 'laborForce']);
    expect(keysOf(['劳动力数(人)', '农村劳动力资源总数', '劳动力资源总数'])).toEqual(['laborForce', 'ruralLabor', 'laborResource']);
    expect(keysOf(['劳动力总数', '劳动力资源总数', '农村劳动力总数'])).toEqual(['laborForce', 'laborResource', 'ruralLabor']);
  });

  it('gives a target to one column only: the best match, then the leftmost', () => {
    const mapping = assignColumns(cols('劳动力数', '劳动力总数', '劳动力总数'));
    expect(mapping.map((m) => [m.target?.key ?? null, m.confidence, m.matchedBy])).toEqual([
      [null, 0, 'none'],
      ['laborForce', 1, 'canonical'],
      [null, 0, 'none'],
    ]);
  });

  it('keeps the column index and header text as given', () => {
    const mapping = assignColumns([{ column: 7, header: '一、就业失业情况/劳动力总数（人）', texts: ['劳动力总数（人）', '一、就业失业情况劳动力总数（人）'] }]);
    expect(mapping).toEqual([{ column: 7, header: '一、就业失业情况/劳动力总数（人）', target: { kind: 'field', key: 'laborForce' }, confidence: 1, matchedBy: 'canonical' }]);
  });

  it('reads a sub-header together with its group title when that fits better', () => {
    const [m] = assignColumns([{ column: 0, header: '高校毕业生/已就业人数', texts: ['已就业人数', '高校毕业生已就业人数'] }]);
    expect(m.target).toEqual({ kind: 'field', key: 'gradsEmployed' });
    expect(m.confidence).toBe(1);
  });

  it('matches only the targets it is given', () => {
    const params = assignColumns(cols('月份', '劳动力总数', '全省平均人岗匹配推荐成功率'), [
      { kind: 'attribute', key: 'month' },
      { kind: 'field', key: 'provinceAvgMatchSuccess' },
    ]);
    expect(params.map((m) => m.target?.key ?? null)).toEqual(['month', null, 'provinceAvgMatchSuccess']);
  });
});
