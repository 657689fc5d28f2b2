/**
 * docs/使用说明.md, the analysts' guide: in Chinese, every picture it shows is there, and every sheet the
 * add-in writes is pictured (rendered from the pane's sheet plans by `npm run docs:sheets`).
 */
import { existsSync, readFileSync } from 'fs';
import path from 'path';
import { OUTPUT_SHEET_NAMES } from '../../src/output/sheets';
import { SUBSIDY_SHEET } from '../../src/output/sheetPlans';
import { HAIAN_SHEET_NAMES } from '../../src/policy/haian/sheets';
import { pngSize } from './manifestChecks';

const ROOT = path.resolve(__dirname, '..', '..');
const GUIDE = path.join(ROOT, 'docs', '使用说明.md');
const text = readFileSync(GUIDE, 'utf8');
const pictures = [...text.matchAll(/!\[([^\]]*)\]\(([^)]+)\)/g)].map((m) => ({ alt: m[1], file: path.join(ROOT, 'docs', decodeURIComponent(m[2])) }));

describe('docs/使用说明.md', () => {
  test('is written in Chinese', () => {
    const prose = text.replace(/```[\s\S]*?```/g, '').replace(/`[^`]*`/g, '').replace(/\([^)]*\)/g, '');
    const han = (prose.match(/\p{Script=Han}/gu) ?? []).length;
    const latin = (prose.match(/[A-Za-z]/g) ?? []).length;
    expect(han).toBeGreaterThan(3000);
    expect(han).toBeGreaterThan(2 * latin);
  });

  test('every picture it shows is a real PNG in docs/screenshots', () => {
    expect(pictures.length).toBeGreaterThan(10);
    for (const { file } of pictures) {
      expect({ file: path.relative(ROOT, file), exists: existsSync(file) }).toEqual({ file: path.relative(ROOT, file), exists: true });
      const [width, height] = pngSize(file);
      expect(width * height).toBeGreaterThan(0);
    }
  });

  test('pictures every sheet the add-in writes, as written', () => {
    const written = [...OUTPUT_SHEET_NAMES, SUBSIDY_SHEET, ...HAIAN_SHEET_NAMES];
    expect(written).toHaveLength(8);
    for (const sheet of written) {
      const shown = pictures.filter((p) => p.alt.includes(sheet) && path.basename(p.file).startsWith('sheet-'));
      expect({ sheet, pictured: shown.length > 0 }).toEqual({ sheet, pictured: true });
    }
  });

  test('covers each way to install the add-in and the failures an analyst may meet', () => {
    for (const needle of ['上传我的加载项', '受信任的加载项目录', '集成应用', 'wef', 'WebView2', 'Safari 16.4', 'appsforoffice.microsoft.com', '列映射', '计算得分', '年度汇总', '问题清单', '年终补贴向导', '打印补贴测算', '关于']) {
      expect({ needle, found: text.includes(needle) }).toEqual({ needle, found: true });
    }
  });
});
