import { Badge, Body1, Caption1, Checkbox, Link, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { someNames } from '../../src/names';
import type { ViewSheet } from '../paneModel';
import type { Pane } from '../usePane';

const useStyles = makeStyles({
  box: { display: 'grid', gap: tokens.spacingVerticalXS, marginBottom: tokens.spacingVerticalM },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', gap: '2px', maxHeight: 'min(40vh, 320px)', overflowY: 'auto' },
  item: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) auto', alignItems: 'center', columnGap: tokens.spacingHorizontalXS },
  note: { gridColumn: '1 / -1', paddingLeft: '32px', color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  differs: { gridColumn: '1 / -1', paddingLeft: '32px', color: tokens.colorPaletteDarkOrangeForeground1, overflowWrap: 'anywhere' },
});

const monthText = (s: ViewSheet) => `${s.year ? `${s.year}年` : ''}${s.month}月`;
/** A month sheet with a 月份 column of its own: each row's month is that column's. */
const hasMonthColumn = (s: ViewSheet) => s.mapping.columns.some((c) => c.target?.kind === 'attribute' && c.target.key === 'month');
const listed = (names: readonly string[]) => someNames(names, { quoted: true, most: 6, unit: '个工作表' });

/**
 * A ledger kept one sheet per month, in the 列映射 step: each sheet with the month it was read as
 * and where that came from, a box to read it or leave it out, which sheets share the header of the
 * one whose mapping is shown below (a change there applies to them) and which differ, and the
 * workbook's other sheets that were not read, with why.
 */
export function MonthSheets({ pane }: { pane: Pane }) {
  const styles = useStyles();
  const view = pane.state.view;
  if (!view?.sheets) return null;
  const { sheets, unreadSheets } = view;
  const read = sheets.filter((s) => s.included);
  const shown = view.sheet;
  const same = sheets.filter((s) => s.sheet !== shown && s.differs === null).map((s) => s.sheet);
  const differ = sheets.filter((s) => s.differs !== null).map((s) => s.sheet);
  const byMonth = new Map<number, string[]>();
  for (const s of read) byMonth.set(s.month, [...(byMonth.get(s.month) ?? []), s.sheet]);
  return (
    <section className={styles.box} aria-label="按月分表">
      <Subtitle2 as="h3">{`按月分表：读取${read.length}个工作表${read.length < sheets.length ? `，不读取${sheets.length - read.length}个` : ''}`}</Subtitle2>
      <Caption1 as="p" block>每张工作表为一个月，月份取自表名或表头上方的标题；取消勾选的工作表不读取。</Caption1>
      <ul className={styles.list} aria-label="各月工作表">
        {sheets.map((s) => {
          const twin = s.included ? (byMonth.get(s.month) ?? []).filter((n) => n !== s.sheet) : [];
          return (
            <li key={s.sheet} className={styles.item}>
              <Checkbox
                checked={s.included}
                // The last sheet read stays read: a ledger of no month is no ledger.
                disabled={s.included && read.length === 1}
                label={`「${s.sheet}」→ ${monthText(s)}（取自${s.monthFrom === 'name' ? '表名' : '标题'}${hasMonthColumn(s) ? '；各行按本表「月份」列' : ''}）`}
                onChange={(_, d) => void pane.setSheetIncluded(s.sheet, d.checked === true)}
              />
              {s.sheet === shown ? (
                <Badge appearance="tint" color="brand">下表所示</Badge>
              ) : (
                <Link as="button" aria-label={`核对「${s.sheet}」的列映射`} onClick={() => void pane.chooseLedger({ sheet: s.sheet })}>核对</Link>
              )}
              {s.differs !== null && <Caption1 className={styles.differs}>{`表头与「${shown}」不同：${s.differs}`}</Caption1>}
              {twin.length > 0 && <Caption1 className={styles.differs}>{`与${listed(twin)}同为${s.month}月：重复的单位月份为错误`}</Caption1>}
            </li>
          );
        })}
      </ul>
      <Body1 as="p" block role="note" aria-label="列映射的适用范围">
        {`下表是「${shown}」的列映射；修改后同样用于表头相同的${same.length ? listed(same) : '工作表（没有）'}。`}
        {differ.length > 0 && `表头不同的${listed(differ)}保留各自的列映射，只在同一列的表头文字相同时随之修改：请点「核对」分别查看。`}
      </Body1>
      {unreadSheets.length > 0 && (
        <Caption1 as="p" block aria-label="未读取的工作表">
          {`未作为台账读取：${unreadSheets.map((u) => `「${u.sheet}」（${u.why}）`).join('；')}。`}
        </Caption1>
      )}
    </section>
  );
}
