/**
 * Judgements about a row's identity a user would not expect to be made silently (issue 11): the
 * spellings of a unit's name, names that differ only in leading zeros, a 类型 that disagrees within
 * a unit, a month dated in another year, and a ledger with no rows.
 */
import { cellOf, monthOf, perfect, score } from './helpers';

const months = (unit: string, type: string, n = 12) => Array.from({ length: n }, (_, i) => perfect({ unit, type, month: i + 1 }));

describe('a unit written in other ways is one unit, said with both spellings', () => {
  it.each([
    ['full-width digits', '村０２'],
    ['a space', '村 02'],
    ['a zero-width space', '村\u200B02'],
    ['an ideographic space', '村\u300002'],
  ])('%s', (_what, variant) => {
    const rows = months('村02', '村');
    rows[5] = { ...rows[5], unit: variant };
    const result = score([...rows, ...months('桃花仑社区', '社区')]);
    expect(result.units.map((u) => u.unit)).toEqual(['村02', '桃花仑社区']);
    expect(result.units[0].scoredMonths).toBe(12);
    const said = result.warnings.filter((w) => w.field === '单位名称');
    expect(said).toHaveLength(1);
    expect(said[0]).toMatchObject({ unit: '村02', cell: cellOf('unit', 5) });
    expect(said[0].message).toMatch(/^单位名称「.+」与「村02」按同一单位计/);
  });
});

test('names that differ only in leading zeros stay two units, flagged for the analyst', () => {
  const result = score([...months('村2', '村'), ...months('村02', '村')]);
  expect(result.units.map((u) => u.unit)).toEqual(['村2', '村02']);
  expect(result.warnings.find((w) => w.field === '单位名称')?.message).toBe('单位「村2」与「村02」名称相近（仅数字前的0不同），按2个单位分别计分，请核对是否为同一单位');
});

test('a wrong 类型 on a unit\'s first row is the one error; the other eleven rows score as their type', () => {
  const rows = months('桃花仑社区', '社区');
  rows[0] = { ...rows[0], type: '村' };
  const result = score(rows);
  const typeErrors = result.errors.filter((e) => e.field === '类型');
  expect(typeErrors).toHaveLength(1);
  expect(typeErrors[0]).toMatchObject({ unit: '桃花仑社区', month: 1, cell: cellOf('type', 0) });
  expect(typeErrors[0].message).toBe('「类型」为「村」，与该单位其他11行的「社区」不一致，指标E4a、E4b无法计分');
  expect(result.units[0].type).toBe('社区');
  expect(monthOf(result, '桃花仑社区', 2).total).toBe(100);
  expect(monthOf(result, '桃花仑社区', 1).total).toBeNull();
});

describe('a month dated in another year', () => {
  const rows = () => {
    const r = months('桃花仑社区', '社区').map((row, i) => ({ ...row, month: `2024-${String(i + 1).padStart(2, '0')}` }));
    r[4] = { ...r[4], month: '2023-05' };
    return r;
  };

  it('is an error, not this year\'s May', () => {
    const result = score(rows());
    const error = result.errors.find((e) => e.field === '月份')!;
    expect(error).toMatchObject({ unit: '桃花仑社区', month: 5, cell: cellOf('month', 4) });
    expect(error.message).toBe('「月份」为2023年5月，不是2024年，该行未计分（本台账多数月份为2024年；如需按2023年评分，请用 --year 2023）');
    expect(result.units[0].missingMonths).toEqual([5]);
  });

  it('and with --year 2023 the 2024 months are the errors', () => {
    const result = score(rows(), { year: 2023 });
    expect(result.errors.filter((e) => e.field === '月份')).toHaveLength(11);
    expect(result.units[0].scoredMonths).toBe(1);
  });

  it('months without a year (3, 3月, 三月) belong to the ledger\'s year', () => {
    const r = months('桃花仑社区', '社区').map((row, i) => ({ ...row, month: i === 0 ? '2024-01' : i + 1 }));
    r[1] = { ...r[1], month: '2月' };
    expect(score(r).errors.filter((e) => e.field === '月份')).toEqual([]);
  });
});

test('a ledger with a header and no rows is an error, not a silent zero units', () => {
  const result = score([]);
  expect(result.units).toEqual([]);
  expect(result.errors.map((e) => e.message)).toContainEqual(expect.stringMatching(/表头下方没有数据行，没有可评分的单位$/));
});

test('a count beyond ten times the labour force is scored as written and questioned at its cell', () => {
  const rows = months('桃花仑社区', '社区');
  const labor = Number(rows[2].laborForce);
  rows[2] = { ...rows[2], jobRecommended: labor * 10 + 1 }; // three extra zeros, or the wrong column
  rows[3] = { ...rows[3], jobRecommended: labor * 10 }; // at the limit: not questioned
  const clean = score(months('桃花仑社区', '社区'));
  const result = score(rows);
  const said = result.warnings.filter((w) => w.field === '已推荐岗位人数');
  expect(said).toHaveLength(1);
  expect(said[0]).toMatchObject({ unit: '桃花仑社区', month: 3, cell: cellOf('jobRecommended', 2) });
  expect(said[0].message).toBe(`「已推荐岗位人数」为${labor * 10 + 1}，超过该单位当月劳动力总数（${labor}人）的10倍，已按所填数计分，请核对`);
  expect(result.errors).toEqual(clean.errors);
  expect(monthOf(result, '桃花仑社区', 3).total).not.toBeNull();
});
