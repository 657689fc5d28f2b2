/**
 * What the scan thread's tests share: the thread's files transpiled from their source (ts-jest does
 * not compile files a Worker loads), and a workbook written by exceljs whose sheet XML a test
 * replaces.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import * as ts from 'typescript';
import { workbookBytes } from './helpers';

/** The thread's files transpiled into `dir`; its entry file. */
export function transpiledScanWorker(dir: string): string {
  for (const name of ['plainRows', 'sheetScanWorker']) {
    const source = fs.readFileSync(path.join(__dirname, `../../src/read/${name}.ts`), 'utf8');
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
    fs.writeFileSync(path.join(dir, `${name}.js`), js);
  }
  return path.join(dir, 'sheetScanWorker.js');
}

export interface BaseWorkbook {
  files: Record<string, Uint8Array>;
  /** The first sheet's XML. */
  sheet: string;
  /** The style ids of a date format and of a percent format, and how many styles there are. */
  styles: { date: number; percent: number; count: number };
}

/**
 * A workbook's parts as exceljs writes them: `strings` in row 1 as shared strings (null: a rich text,
 * 劳动力 + bold 总数), a date-formatted and a percent-formatted number in row 2.
 */
export async function baseWorkbook(strings: readonly (string | null)[], date1904 = false): Promise<BaseWorkbook> {
  const bytes = await workbookBytes((wb) => {
    if (date1904) wb.properties.date1904 = true;
    const s = wb.addWorksheet('台账');
    strings.forEach((text, i) => {
      s.getCell(1, i + 1).value = text ?? { richText: [{ text: '劳动力' }, { font: { bold: true }, text: '总数' }] };
    });
    s.getCell('A2').value = new Date(Date.UTC(2024, 2, 1));
    s.getCell('A2').numFmt = 'yyyy"年"m"月"';
    s.getCell('B2').value = 0.5;
    s.getCell('B2').numFmt = '0.0%';
  });
  const files = unzipSync(bytes);
  const sheet = strFromU8(files['xl/worksheets/sheet1.xml']);
  const styleOf = (ref: string) => Number(new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(sheet)![1]);
  const count = Number(/<cellXfs count="(\d+)"/.exec(strFromU8(files['xl/styles.xml']))![1]);
  return { files, sheet, styles: { date: styleOf('A2'), percent: styleOf('B2'), count } };
}
