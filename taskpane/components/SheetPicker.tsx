import { Body1, Button, Caption1, Field, Select, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { SheetKind, SheetOverview } from '../../src/read/ledgerGrids';
import { HEADER_SCAN_ROWS } from '../../src/read/headerRow';
import { columnLetter } from '../../src/read/address';
import { previewRows } from '../paneModel';
import type { Pane } from '../usePane';

const PREVIEW_ROWS = 10;
const PREVIEW_COLUMNS = 8;

const useStyles = makeStyles({
  box: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: tokens.spacingVerticalS, marginBottom: tokens.spacingVerticalM },
  choices: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: tokens.spacingHorizontalS },
  sheet: { gridColumn: '1 / -1', minWidth: 0 },
  // A select is as wide as its longest option (a long sheet name) unless told otherwise.
  select: { minWidth: 0, width: '100%' },
  selectBox: { minWidth: 0, maxWidth: '100%', textOverflow: 'ellipsis' },
  field: { minWidth: 0 },
  preview: { overflowX: 'auto', maxWidth: '100%', border: `1px solid ${tokens.colorNeutralStroke2}` },
  table: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase100, lineHeight: tokens.lineHeightBase100 },
  cell: { maxWidth: '7em', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', paddingInline: '4px', paddingBlock: '2px', borderBottom: `1px solid ${tokens.colorNeutralStroke3}` },
  head: { backgroundColor: tokens.colorBrandBackground2, fontWeight: tokens.fontWeightSemibold },
  rowNumber: { minWidth: '2.2em', paddingInline: '2px' },
});

const KIND_LABEL: Record<SheetKind, string> = {
  ledger: '台账', params: '参数', rubric: '评分细则', units: '单位信息', output: '本加载项的输出', empty: '空表', other: '未识别',
};

/**
 * Where the ledger is: its sheet and header rows, with a preview of the sheet's first rows. Shown
 * whether or not detection found a ledger, so that a workbook it could not read is never a dead end.
 */
export function SheetPicker({ pane }: { pane: Pane }) {
  const styles = useStyles();
  const { grids, sheets, view } = pane.state;
  // The ledger's sheet once one is read (choosing a sheet reads it); before that the likeliest one.
  const shown = view?.sheet ?? sheets.find((s) => s.kind === 'other')?.name ?? sheets.find((s) => s.kind !== 'empty')?.name ?? sheets[0]?.name;
  const grid = grids.find((g) => g.name === shown);
  if (!grid) return null;
  const onLedger = view && view.sheet === shown;
  const headerRows = onLedger ? view.mapping.headerRows : [];
  const lastHeader = headerRows[headerRows.length - 1];
  const overview = sheets.find((s) => s.name === shown);
  const rowCount = Math.min(HEADER_SCAN_ROWS, grid.rows.length);
  const choose = (rows: number[]) => void pane.chooseLedger({ sheet: grid.name, headerRows: rows });
  const preview = previewRows(grid, Math.max(PREVIEW_ROWS, (lastHeader ?? 0) + 4), PREVIEW_COLUMNS);
  const empty = overview?.kind === 'empty';
  return (
    <section className={styles.box} aria-label="台账位置">
      <div className={styles.choices}>
        <Field label="台账工作表" className={styles.sheet}>
          <Select
            className={styles.select}
            select={{ className: styles.selectBox }}
            value={shown}
            onChange={(_, d) => void pane.chooseLedger({ sheet: d.value })}
          >
            {sheets.map((s: SheetOverview) => <option key={s.name} value={s.name}>{`${s.name}（${KIND_LABEL[s.kind]}）`}</option>)}
          </Select>
        </Field>
        {!empty && <Field label="表头所在行" className={styles.field}>
          <Select
            className={styles.select}
            select={{ className: styles.selectBox }}
            value={lastHeader === undefined ? '' : String(lastHeader)}
            onChange={(_, d) => {
              const row = Number(d.value);
              choose(headerRows.length === 2 && row > 0 ? [row - 1, row] : [row]);
            }}
          >
            {lastHeader === undefined && <option value="">请选择</option>}
            {Array.from({ length: rowCount }, (_, r) => <option key={r} value={String(r)}>{`第${r + 1}行`}</option>)}
          </Select>
        </Field>}
        {!empty && <Field label="表头行数" className={styles.field}>
          <Select
            className={styles.select}
            select={{ className: styles.selectBox }}
            value={String(headerRows.length || 1)}
            disabled={lastHeader === undefined}
            onChange={(_, d) => lastHeader !== undefined && choose(d.value === '2' && lastHeader > 0 ? [lastHeader - 1, lastHeader] : [lastHeader])}
          >
            <option value="1">一行</option>
            <option value="2" disabled={!lastHeader}>两行（上行为分组标题）</option>
          </Select>
        </Field>}
      </div>
      {empty ? (
        <Body1 as="p" block role="note">{`「${grid.name}」是空表：请在其中填写台账或选择其他工作表；修改工作簿后请点「重新读取工作簿」。`}</Body1>
      ) : (
        <>
        {overview?.finding && <Caption1 as="p" block role="note">{`「${grid.name}」${overview.finding}。`}</Caption1>}
        {onLedger ? (
          <Caption1 as="p" block>{`表头：第${headerRows.map((r) => r + 1).join('—')}行${headerRows.length === 2 ? '（两行表头）' : ''}，数据从第${view.mapping.firstDataRow + 1}行起。点行号可改表头行。`}</Caption1>
        ) : (
          <Body1 as="p" block>{`点行号选择「${grid.name}」的表头行。`}</Body1>
        )}
        <div className={styles.preview} role="region" aria-label={`「${grid.name}」前${preview.length}行预览`} tabIndex={0}>
          <table className={styles.table}>
            <thead>
              <tr>
                <th className={styles.cell} />
                {(preview[0] ?? []).map((_, c) => <th key={c} className={styles.cell} scope="col">{columnLetter(c)}</th>)}
              </tr>
            </thead>
            <tbody>
              {preview.map((cells, r) => {
                const isHeader = headerRows.includes(r);
                return (
                  <tr key={r} className={isHeader ? styles.head : undefined} aria-current={isHeader ? 'true' : undefined}>
                    <th scope="row" className={mergeClasses(styles.cell, styles.rowNumber)}>
                      <Button size="small" appearance={isHeader ? 'primary' : 'subtle'} aria-label={`以第${r + 1}行为表头`} onClick={() => choose([r])}>{r + 1}</Button>
                    </th>
                    {cells.map((v, c) => <td key={c} className={styles.cell} title={v}>{v}</td>)}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        </>
      )}
    </section>
  );
}
