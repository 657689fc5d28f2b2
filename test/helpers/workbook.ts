/** Reading written workbooks back for assertions. */
import ExcelJS from 'exceljs';

export async function loadWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Every non-empty cell's value, number format and merge master, plus the sheet's merges and views, for cell-for-cell comparison. */
export function snapshot(ws: ExcelJS.Worksheet) {
  const cells: string[] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      cells.push(`${r}:${c}=${JSON.stringify(cell.value)}|${cell.numFmt ?? ''}|${cell.isMerged ? cell.master.address : ''}`);
    });
  });
  return { name: ws.name, cells, merges: Object.keys((ws as unknown as { _merges: object })._merges).sort(), views: ws.views };
}
