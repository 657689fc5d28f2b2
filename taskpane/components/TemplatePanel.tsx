import { useMemo, useState } from 'react';
import {
  Accordion, AccordionHeader, AccordionItem, AccordionPanel, Body1, Button, Field, Input, MessageBar, MessageBarBody, Radio, RadioGroup,
  Select, Spinner, Textarea, makeStyles, tokens,
} from '@fluentui/react-components';
import type { UnitTypeDef } from '../../src/fields';
import type { SheetGrid } from '../../src/ledger/types';
import { readUnitList, TEMPLATE_LAYOUTS, templatePlan, UnitListError, type TemplateLayout, type TemplateSheet, type UnitList } from '../../src/output/template';
import { someNames } from '../../src/names';
import * as excelGateway from '../excelGateway';
import { describeOfficeError, isOfficeError } from '../officeErrors';
import type { Pane } from '../usePane';

const useStyles = makeStyles({
  form: { display: 'grid', gap: tokens.spacingVerticalS },
  problems: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** Writes a template's sheets into the open workbook: the gateway's, or a test's stand-in. */
export type TemplateWriter = (sheets: readonly TemplateSheet[]) => Promise<{ written: string[] }>;

const PASTED = '粘贴的名单';

/** Text copied from Excel (tab-separated rows) as a grid; a comma-separated list is read too. */
export function pastedGrid(text: string): SheetGrid {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const separator = lines.some((l) => l.includes('\t')) ? '\t' : ',';
  return { name: PASTED, rows: lines.map((l) => l.split(separator).map((v) => (v.trim() === '' ? null : v.trim()))), merges: [] };
}

function readable(grid: SheetGrid, unitTypes: readonly UnitTypeDef[]): UnitList | null {
  try {
    return readUnitList([grid], `工作表「${grid.name}」`, unitTypes);
  } catch {
    return null;
  }
}

/** Sheets the product writes: never a unit list. */
const OWN_SHEETS = new Set(['填写说明', '台账', '参数', '单位信息', '评分细则', '月度得分', '年度汇总', '问题清单', '补贴测算', '评分映射']);

/**
 * 生成台账模板: the blank ledger `hs-score template` writes (src/output/template.ts), for the pane's
 * rule set (the workbook's 评分细则, else Heshan 2024), from a unit list on a sheet of the workbook or
 * pasted, written as new sheets of the open workbook. The analyst's sheets are never touched: when a
 * template sheet's name is taken, nothing is written and the pane says which.
 */
export function TemplatePanel({ pane, write = excelGateway.writeTemplateSheets }: { pane: Pane; write?: TemplateWriter }) {
  const styles = useStyles();
  const grids = pane.state.grids;
  const [open, setOpen] = useState(false);
  // Which sheets read as a unit list: worked out only once the section is opened (a ledger sheet takes a moment).
  const candidates = useMemo(
    () => (open ? grids.filter((g) => !OWN_SHEETS.has(g.name.normalize('NFKC').trim()) && readable(g, pane.state.ruleSet.unitTypes) !== null).map((g) => g.name) : []),
    [grids, open, pane.state.ruleSet],
  );
  const [sheet, setSheet] = useState('');
  const [pasted, setPasted] = useState('');
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [layout, setLayout] = useState<TemplateLayout>('单表');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; lines: string[] } | null>(null);
  const names = grids.map((g) => g.name);
  const chosen = sheet || candidates[0] || names[0] || '';

  const generate = async () => {
    setOutcome(null);
    const y = Number(year.normalize('NFKC').trim().replace(/年$/, ''));
    if (!(Number.isInteger(y) && y >= 2000 && y <= 2100)) {
      setOutcome({ ok: false, lines: [`年份应为2000到2100之间的整数，如 2024：${year}`] });
      return;
    }
    if (pane.state.rubricErrors.length) {
      setOutcome({ ok: false, lines: ['「评分细则」表有误，未生成模板：', ...pane.state.rubricErrors] });
      return;
    }
    const grid = pasted.trim() ? pastedGrid(pasted) : grids.find((g) => g.name === chosen);
    if (!grid) {
      setOutcome({ ok: false, lines: ['请先选择单位名单所在的工作表，或粘贴单位名单'] });
      return;
    }
    let list: UnitList;
    try {
      list = readUnitList([grid], pasted.trim() ? '粘贴的名单' : `工作表「${grid.name}」`, pane.state.ruleSet.unitTypes);
    } catch (error) {
      if (error instanceof UnitListError) {
        setOutcome({ ok: false, lines: ['单位名单有误，未生成模板：', ...error.shown()] });
        return;
      }
      throw error;
    }
    const plan = templatePlan({ ruleSet: pane.state.ruleSet, units: list.units, details: list.details, year: y, layout });
    setBusy(true);
    try {
      const { written } = await write(plan.sheets);
      setOutcome({
        ok: true,
        lines: [
          `已生成${y}年台账模板（${layout}）：新增工作表${someNames(written, { quoted: true, most: 6, unit: '张' })}；${list.units.length}个单位，每月填报${plan.fields.length}项（${pane.state.ruleSet.zh}）。`,
          '白色单元格待填写，表头和单位已锁定（工作表保护没有密码）。填好后点「重新读取工作簿」，再计算得分。',
        ],
      });
    } catch (error) {
      const message = isOfficeError(error) ? describeOfficeError(error) : error instanceof Error ? error.message : String(error);
      setOutcome({ ok: false, lines: [message] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Accordion collapsible openItems={open ? ['template'] : []} onToggle={(_, d) => setOpen(d.openItems.includes('template'))}>
      <AccordionItem value="template">
        <AccordionHeader as="h3">生成台账模板（供社区(村)填写的空白台账）</AccordionHeader>
        <AccordionPanel>
          <section aria-label="生成台账模板" className={styles.form}>
            <Body1 as="p" block>
              按当前评分细则（{pane.state.ruleSet.zh}）生成空白台账：单位已预填，每个填报项一列，带数据验证和填写提示，表头和单位锁定。写入为本工作簿的新工作表，不改动已有工作表。
            </Body1>
            <Field label="单位名单所在的工作表" hint="需有「单位名称」列，可选类型、所属乡镇、老带新小组、认定层级、年初创建单位">
              <Select value={chosen} disabled={pasted.trim() !== ''} onChange={(_, d) => setSheet(d.value)}>
                {names.map((n) => <option key={n}>{n}</option>)}
              </Select>
            </Field>
            <Field label="或粘贴单位名单" hint="从 Excel 复制，第一行为表头；粘贴后使用粘贴的名单">
              <Textarea value={pasted} onChange={(_, d) => setPasted(d.value)} resize="vertical" />
            </Field>
            <Field label="年份">
              <Input value={year} onChange={(_, d) => setYear(d.value)} inputMode="numeric" />
            </Field>
            <Field label="版式">
              <RadioGroup value={layout} onChange={(_, d) => setLayout(d.value as TemplateLayout)} layout="horizontal">
                {TEMPLATE_LAYOUTS.map((l) => <Radio key={l} value={l} label={l === '单表' ? '单表（每个单位12行）' : '按月分表（1月至12月各一张）'} />)}
              </RadioGroup>
            </Field>
            <div>
              <Button appearance="primary" disabled={busy} onClick={() => void generate()}>生成台账模板</Button>
            </div>
            {busy && <Spinner size="tiny" label="正在写入台账模板…" />}
            {outcome && (
              <MessageBar intent={outcome.ok ? 'success' : 'error'} role={outcome.ok ? 'status' : 'alert'} aria-label="台账模板">
                <MessageBarBody>
                  {outcome.lines.length === 1 || outcome.ok ? (
                    outcome.lines.map((l) => <Body1 as="p" block key={l}>{l}</Body1>)
                  ) : (
                    <>
                      <Body1 as="p" block>{outcome.lines[0]}</Body1>
                      <ul className={styles.problems}>{outcome.lines.slice(1).map((l) => <li key={l}>{l}</li>)}</ul>
                    </>
                  )}
                </MessageBarBody>
              </MessageBar>
            )}
          </section>
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}
