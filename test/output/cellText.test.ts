import { cellText } from '../../src/output/package/sheetXml';

describe('cellText: text as a cell holds it in XML', () => {
  it('leaves plain text as it is, Chinese, emoji and spaces included', () => {
    for (const s of ['三里桥社区', '是', 'E1 登记失业人员就业率(5)', ' 前后空格 ', '😀 村', '']) expect(cellText(s)).toBe(s);
  });

  it('escapes markup, Excel’s _xHHHH_ form, carriage returns, control characters and lone surrogates', () => {
    expect(cellText('A&B <c> d')).toBe('A&amp;B &lt;c&gt; d');
    expect(cellText('_x0041_ and _y_')).toBe('_x005F_x0041_ and _y_');
    expect(cellText('a\r\nb')).toBe('a&#13;\nb');
    expect(cellText('a\u0001b\u001Fc')).toBe('a_x0001_b_x001F_c');
    expect(cellText('x\uD800y')).toBe('x_xD800_y');
    expect(cellText('x\uDC00')).toBe('x_xDC00_');
    expect(cellText('\uFFFE')).toBe('_xFFFE_');
  });
});
