import { useMemo, useState } from 'react';
import {
  Badge, Body1, Button, Caption1, Combobox, Field, Input, Option, Subtitle2, Table, TableBody, TableCell, TableHeader,
  TableHeaderCell, TableRow, makeStyles, tokens,
} from '@fluentui/react-components';
import { fieldSet, type FieldSet } from '../../src/fields';
import type { ColumnMapping } from '../../src/ledger/types';
import { columnLetter } from '../../src/read/address';
import { sameTarget, targetName } from '../../src/read/columnMatch';
import { identityMissing, indicatorList, missingFieldsOf, targetOptions } from '../paneModel';
import { MonthSheets } from './MonthSheets';
import { SheetPicker } from './SheetPicker';
import { TemplatePanel } from './TemplatePanel';
import type { Pane } from '../usePane';

const useStyles = makeStyles({
  // Fixed layout: the three columns share the pane's width at 320 px, the pickers taking the rest.
  table: { tableLayout: 'fixed', width: '100%' },
  letter: { width: '2.2em', verticalAlign: 'top', paddingTop: tokens.spacingVerticalS, paddingInline: tokens.spacingHorizontalXXS },
  column: { paddingBlock: tokens.spacingVerticalXS, minWidth: 0, overflowWrap: 'anywhere' },
  header: { display: 'block', color: tokens.colorNeutralForeground2, marginBottom: tokens.spacingVerticalXXS, wordBreak: 'normal' },
  picker: { width: '100%', minWidth: 0 },
  pickerInput: { minWidth: 0, width: '100%' },
  list: { maxHeight: 'min(45vh, 360px)', maxWidth: 'calc(100vw - 16px)', overflowY: 'auto' },
  badge: { width: '3.6em', verticalAlign: 'top', paddingTop: tokens.spacingVerticalS, paddingInline: tokens.spacingHorizontalXXS },
  missing: { color: tokens.colorPaletteRedForeground1, marginBlock: tokens.spacingVerticalS },
  section: { marginTop: tokens.spacingVerticalL, display: 'block' },
  params: { display: 'grid', gap: tokens.spacingVerticalS },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalM },
});

const NONE = '（不使用）';

function confidenceBadge(c: ColumnMapping) {
  if (!c.target) return <Badge appearance="outline" color="subtle">未对应</Badge>;
  const label = c.matchedBy === 'manual' ? '手动' : c.confidence.toFixed(2);
  const color = c.matchedBy === 'manual' || c.confidence >= 0.9 ? 'success' : c.confidence >= 0.75 ? 'warning' : 'danger';
  return <Badge appearance="tint" color={color} aria-label={`可信度 ${label}`}>{label}</Badge>;
}

/** One column's target: a searchable dropdown of every input of the rubric (its own fields) and identity column. */
function TargetPicker({ column, fields, onPick, classes }: { column: ColumnMapping; fields: FieldSet; onPick: (label: string | null) => void; classes: { root: string; input: string; list: string } }) {
  const current = column.target ? targetName(column.target, fields) : NONE;
  const [query, setQuery] = useState<string | null>(null);
  const options = useMemo(() => {
    const q = (query ?? '').trim();
    const all = [NONE, ...targetOptions(fields).map((o) => o.label)];
    return q ? all.filter((label) => label.includes(q)) : all;
  }, [query, fields]);
  return (
    <Combobox
      className={classes.root}
      // An input as narrow as the column (its default size is 20 characters, wider than a 320 px pane).
      input={{ className: classes.input, title: current }}
      // A list shorter than the pane opens below or above the box, never beside it and off-screen.
      listbox={{ className: classes.list }}
      positioning={{ position: 'below', align: 'start', fallbackPositions: ['above-start'] }}
      aria-label={`第${columnLetter(column.column)}列「${column.header}」对应的字段`}
      value={query ?? current}
      selectedOptions={[current]}
      freeform
      onChange={(e) => setQuery(e.target.value)}
      onOptionSelect={(_, data) => {
        setQuery(null);
        if (data.optionText !== undefined) onPick(data.optionText === NONE ? null : data.optionText);
      }}
      onBlur={() => setQuery(null)}
    >
      {options.map((label) => (
        <Option key={label}>{label}</Option>
      ))}
    </Combobox>
  );
}

/** A typed average: 95%, 0.95 or 40; null for an empty box; undefined for text that is not a number. */
export function parseTypedAverage(text: string): number | null | undefined {
  const t = text.normalize('NFKC').trim();
  if (t === '') return null;
  const percent = t.endsWith('%');
  const n = Number(percent ? t.slice(0, -1) : t);
  if (!Number.isFinite(n) || n < 0) return undefined;
  return percent ? n / 100 : n;
}

export function MappingPanel({ pane }: { pane: Pane }) {
  const styles = useStyles();
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const { view, typedParams } = pane.state;
  if (!view) {
    return (
      <section aria-label="列映射">
        <SheetPicker pane={pane} />
        <TemplatePanel pane={pane} />
      </section>
    );
  }
  const { mapping } = view;
  const fields = fieldSet(pane.state.ruleSet.fields);
  const identity = identityMissing(view);
  const missing = missingFieldsOf(view, typedParams, pane.state.ruleSet);
  const headerRows = mapping.headerRows.map((r) => r + 1).join('—');
  const pick = (column: number) => (label: string | null) => {
    const option = label === null ? null : targetOptions(fields).find((o) => o.label === label)?.target ?? null;
    void pane.setColumnTarget(column, option);
  };
  return (
    <section aria-label="列映射">
      <SheetPicker pane={pane} />
      <MonthSheets pane={pane} />
      <Body1 as="p" block>请核对台账「{view.sheet}」每一列对应的评分字段，可在下拉框中搜索修改。</Body1>
      {identity.length > 0 && (
        <div role="alert" className={styles.missing}>
          <Subtitle2 as="h3">{`没有${identity.map((n) => `「${n}」`).join('')}列`}</Subtitle2>
          <Body1 as="p" block>{`请在下表中为${identity.map((n) => `「${n}」`).join('、')}选择对应的列；如果表头不在第${headerRows}行，请在上方改选表头行或工作表。`}</Body1>
        </div>
      )}
      <Caption1 as="p" block aria-label="评分细则">评分细则：{pane.state.ruleSet.zh}</Caption1>
      {missing.length > 0 ? (
        <div role="status" className={styles.missing}>
          <Subtitle2 as="h3">缺少 {missing.length} 个字段</Subtitle2>
          <ul>
            {missing.map((m) => (
              <li key={m.key}>
                「{m.name}」：指标{indicatorList(m.indicators, pane.state.ruleSet)}无法计分{m.param ? '（可在下方填写全省平均值）' : ''}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <Caption1 as="p" block role="status">评分所需的字段都已对应。</Caption1>
      )}
      <Table size="small" className={styles.table} aria-label="台账列与评分字段的对应">
        <TableHeader>
          <TableRow>
            <TableHeaderCell className={styles.letter}>列</TableHeaderCell>
            <TableHeaderCell>表头 → 对应字段</TableHeaderCell>
            <TableHeaderCell className={styles.badge}>可信度</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {mapping.columns.map((c) => (
            <TableRow key={c.column}>
              <TableCell className={styles.letter}>{columnLetter(c.column)}</TableCell>
              <TableCell className={styles.column}>
                <Caption1 className={styles.header}>{c.header}</Caption1>
                <TargetPicker column={c} fields={fields} onPick={pick(c.column)} classes={{ root: styles.picker, input: styles.pickerInput, list: styles.list }} />
              </TableCell>
              <TableCell className={styles.badge}>{confidenceBadge(c)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {fields.params.length > 0 && <Subtitle2 as="h3" className={styles.section}>全省平均值</Subtitle2>}
      {fields.params.length === 0 ? null : view.paramsSheet ? (
        <Body1 as="p" block>取自工作簿中的「{view.paramsSheet}」表（按月份）。</Body1>
      ) : (
        <div className={styles.params}>
          <Body1 as="p" block>工作簿中没有「参数」表：请填写各项全省平均值（各月相同）。比率可填 95% 或 0.95。</Body1>
          {fields.params.filter((f) => !mapping.columns.some((c) => sameTarget(c.target, { kind: 'field', key: f.key }))).map((f) => (
            <Field key={f.key} label={f.zh} validationState={invalid[f.key] ? 'error' : 'none'} validationMessage={invalid[f.key]}>
              <Input
                inputMode="decimal"
                defaultValue={typedParams[f.key] === undefined ? '' : String(typedParams[f.key])}
                onBlur={(e) => {
                  const value = parseTypedAverage(e.target.value);
                  setInvalid((old) => ({ ...old, [f.key]: value === undefined ? `「${e.target.value}」不是有效的数字，请填写如 95% 或 0.95` : '' }));
                  pane.setTypedParam(f.key, value ?? null);
                }}
              />
            </Field>
          ))}
        </div>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" onClick={() => void pane.saveMapping()}>保存映射</Button>
      </div>
      <TemplatePanel pane={pane} />
    </section>
  );
}
