/**
 * A template plan (src/output/template.ts) as an exceljs workbook, in memory: cells, header styles,
 * number formats, unlocked input cells with their data validation (input message and stop alert),
 * frozen panes, filters and sheet protection without a password. No file access: the caller writes it.
 */
import ExcelJS from 'exceljs';
import { boxAddress, TEMPLATE_COLORS, TEMPLATE_PROTECTION, type Box, type InputValidation, type TemplateSheet } from '../template';
import { a1 } from '../../read/address';

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;
const solid = (hex: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb: argb(hex) } });
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  left: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  right: { style: 'thin', color: { argb: 'FFBFBFBF' } },
};

/** Excel's data validation for an input's rule, with its input message and stop alert. */
export function excelValidation(v: InputValidation): ExcelJS.DataValidation {
  const common = {
    allowBlank: true,
    showInputMessage: true,
    promptTitle: v.promptTitle,
    prompt: v.prompt,
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: v.errorTitle,
    error: v.error,
  };
  const r = v.rule;
  switch (r.kind) {
    case 'whole':
      return { type: 'whole', operator: 'greaterThanOrEqual', formulae: [r.min], ...common };
    case 'decimal':
      return r.max === undefined
        ? { type: 'decimal', operator: 'greaterThanOrEqual', formulae: [r.min], ...common }
        : { type: 'decimal', operator: 'between', formulae: [r.min, r.max], ...common };
    case 'list':
      return { type: 'list', formulae: [`"${r.items.join(',')}"`], ...common };
    case 'textLength':
      return { type: 'textLength', operator: 'lessThanOrEqual', formulae: [r.max], ...common };
  }
}

function eachCell(ws: ExcelJS.Worksheet, box: Box, f: (cell: ExcelJS.Cell) => void): void {
  for (let r = box.top; r <= box.bottom; r++) {
    const row = ws.getRow(r + 1);
    for (let c = box.left; c <= box.right; c++) f(row.getCell(c + 1));
  }
}

/** exceljs keeps a sheet's validations by address and writes ranges as given (its type lacks the collection). */
type WithValidations = ExcelJS.Worksheet & { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } };

async function addSheet(workbook: ExcelJS.Workbook, s: TemplateSheet): Promise<void> {
  const { rows: ySplit, columns: xSplit } = s.frozen;
  const ws = workbook.addWorksheet(s.name, {
    views: ySplit || xSplit ? [{ state: 'frozen', xSplit, ySplit, topLeftCell: a1(ySplit, xSplit) }] : [],
  }) as WithValidations;
  ws.columns = s.columnWidths.map((width) => ({ width }));
  s.cells.forEach((values, r) => {
    const row = ws.getRow(r + 1);
    values.forEach((v, c) => {
      if (v !== null) row.getCell(c + 1).value = v;
    });
  });
  for (const r of s.titleRows) {
    const cell = ws.getRow(r + 1).getCell(1);
    cell.font = { bold: true, size: 14 };
    ws.getRow(r + 1).height = 24;
  }
  const width = Math.max(s.columnWidths.length, ...s.cells.map((row) => row.length));
  for (const r of s.headerRows) {
    const row = ws.getRow(r + 1);
    row.height = 48;
    for (let c = 0; c < width; c++) {
      const cell = row.getCell(c + 1);
      cell.font = { bold: true };
      cell.fill = solid(TEMPLATE_COLORS.header);
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = THIN;
    }
  }
  for (const fill of s.fills) {
    for (const box of fill.boxes) {
      eachCell(ws, box, (cell) => {
        cell.fill = solid(fill.color);
        cell.border = THIN;
      });
    }
  }
  for (const nf of s.numberFormats) for (const box of nf.boxes) eachCell(ws, box, (cell) => (cell.numFmt = nf.format));
  for (const input of s.inputs) {
    const validation = excelValidation(input.validation);
    for (const box of input.boxes) {
      eachCell(ws, box, (cell) => {
        cell.protection = { locked: false };
        cell.border = THIN;
        if (input.numberFormat) cell.numFmt = input.numberFormat;
      });
      ws.dataValidations.add(boxAddress(box), validation);
    }
  }
  if (s.wrapText) {
    for (let c = 1; c <= width; c++) ws.getColumn(c).alignment = { wrapText: true, vertical: 'top' };
  }
  if (s.autoFilter) ws.autoFilter = boxAddress(s.autoFilter);
  // No password: the protection keeps headers and identities from being overwritten by mistake,
  // and anyone can lift it (审阅 → 撤消工作表保护).
  if (s.protect) await ws.protect('', { ...TEMPLATE_PROTECTION });
}

/** The plan's sheets as a new workbook. */
export async function templateWorkbook(sheets: readonly TemplateSheet[]): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'hs-score';
  workbook.lastModifiedBy = 'hs-score';
  for (const s of sheets) await addSheet(workbook, s);
  return workbook;
}
