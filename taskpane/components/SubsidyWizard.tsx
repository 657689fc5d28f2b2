import { useEffect, useState, type ReactElement } from 'react';
import {
  Body1, Button, Checkbox, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Radio, RadioGroup, Spinner,
  Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens,
} from '@fluentui/react-components';
import { formatYuan } from '../../src/engine/subsidy';
import { POLICIES, policyById } from '../../src/policy/presets';
import type { RankingRulings } from '../../src/rules/vocabulary';
import { PENDING } from '../../src/result';
import type { PaneResult, PaneUnit as UnitResult } from '../engine/engineCore';
import { unconfirmedUnits } from '../paneModel';
import type { Pane } from '../usePane';

const STEPS = ['选择政策', '年度得分', '末位淘汰', '老带新小组', '层级与分档', '带动奖励', '写出补贴测算'] as const;

const useStyles = makeStyles({
  surface: { maxWidth: '96vw' },
  steps: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, listStyleType: 'none', paddingLeft: 0, marginTop: 0, marginBottom: tokens.spacingVerticalS },
  step: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  current: { color: tokens.colorBrandForeground1, fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase200 },
  scroll: { maxHeight: '50vh', overflowY: 'auto' },
  pager: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, marginBlock: tokens.spacingVerticalXS },
});

/** Rows of a wizard list shown at once: a district of 3,000 units is reviewed a page at a time. */
const PAGE_ROWS = 100;

/** A long list a page at a time: the rows to show and the pager under them (none for one page). */
function usePaged<T>(items: readonly T[], caption: string): { shown: T[]; pager: ReactElement | null } {
  const styles = useStyles();
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(items.length / PAGE_ROWS));
  const current = Math.min(page, pages - 1);
  const shown = items.slice(current * PAGE_ROWS, (current + 1) * PAGE_ROWS);
  const pager = pages > 1 ? (
    <div className={styles.pager} role="navigation" aria-label={`${caption}分页`}>
      <Button size="small" disabled={current === 0} onClick={() => setPage(current - 1)}>上一页</Button>
      <Text size={200}>{`第${current * PAGE_ROWS + 1}–${current * PAGE_ROWS + shown.length}条，共${items.length}条`}</Text>
      <Button size="small" disabled={current === pages - 1} onClick={() => setPage(current + 1)}>下一页</Button>
    </div>
  ) : null;
  return { shown, pager };
}

function UnitTable({ caption, units, columns }: { caption: string; units: UnitResult[]; columns: [string, (u: UnitResult) => string][] }) {
  const { shown, pager } = usePaged(units, caption);
  return (
    <>
      <Table size="extra-small" aria-label={caption}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>单位</TableHeaderCell>
            {columns.map(([h]) => <TableHeaderCell key={h}>{h}</TableHeaderCell>)}
          </TableRow>
        </TableHeader>
        <TableBody>
          {shown.map((u) => (
            <TableRow key={u.unit}>
              <TableCell>{u.unit}</TableCell>
              {columns.map(([h, f]) => <TableCell key={h}>{f(u)}</TableCell>)}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {pager}
    </>
  );
}

/** The 待核实 units to confirm one by one before 补贴测算 is written (ruling R9). */
function PendingConfirmations({ pending, confirmed, confirm }: { pending: UnitResult[]; confirmed: ReadonlySet<string>; confirm: (unit: string, yes: boolean) => void }) {
  const { shown, pager } = usePaged(pending, `${PENDING}单位确认`);
  return (
    <fieldset aria-label={`${PENDING}单位确认`}>
      <Body1 as="p" block>
        以下 {pending.length} 个单位的末位淘汰或补贴{PENDING}，表中将显示「{PENDING}」而不写金额。请逐一确认后才能写出（已确认 {pending.filter((u) => confirmed.has(u.unit)).length}/{pending.length}）：
      </Body1>
      {shown.map((u) => (
        <div key={u.unit}>
          <Checkbox checked={confirmed.has(u.unit)} onChange={(_, d) => confirm(u.unit, d.checked === true)} label={`${u.unit}：按${PENDING}写出（${u.pendingReason ?? PENDING}）`} />
        </div>
      ))}
      {pager}
    </fieldset>
  );
}

const yuanOr = (n: number | null): string => (n === null ? PENDING : formatYuan(n));

/** A group's effect on one member, as the wizard says it (ruling R9: 待核实 never reads as 0). */
function groupEffect(u: UnitResult, deducts: boolean): string {
  if (u.eliminated === true) return '本单位末位淘汰，不予补助';
  if (u.eliminated === null) return `本单位末位淘汰${PENDING}：${u.pendingReason ?? ''}`;
  if (!deducts) return '本政策不扣减';
  return u.subsidy.groupDeduction === null ? `扣减${PENDING}` : `扣减${formatYuan(u.subsidy.groupDeduction)}`;
}

interface StepProps {
  step: number;
  result: PaneResult;
  ranking: RankingRulings;
  policyId: string;
  setPolicy: (id: string) => void;
  confirmed: ReadonlySet<string>;
  confirm: (unit: string, yes: boolean) => void;
}

function StepContent({ step, result, ranking, policyId, setPolicy, confirmed, confirm }: StepProps) {
  const units = result.units;
  switch (step) {
    case 0:
      return (
        <RadioGroup aria-label="补贴政策" value={policyId} onChange={(_, d) => setPolicy(d.value)}>
          {POLICIES.map((p) => <Radio key={p.id} value={p.id} label={p.zh} />)}
        </RadioGroup>
      );
    case 1: {
      const missing = units.filter((u) => u.missingMonths.length > 0 && u.annual !== null);
      const unscored = units.filter((u) => u.annual === null);
      const affected = result.summary.undetermined.length - unscored.length;
      const said = [
        missing.length ? `${missing.length} 个单位有缺少或未能计分的月份，年度得分按已计分月份平均` : '',
        unscored.length ? `${unscored.length} 个单位没有任何可计分的月份，无年度得分，其倒数排名、末位淘汰和补贴${PENDING}（裁定R9）` : '',
        affected > 0 ? `另有 ${affected} 个单位的末位淘汰、小组连带或补贴因此${PENDING}` : '',
      ].filter(Boolean);
      // Lowest first, as the review of 末位淘汰 reads them; units without a score at the top.
      const byScore = [...units].sort((a, b) => (a.annual ?? -Infinity) - (b.annual ?? -Infinity));
      const recognition = result.recognition;
      return (
        <>
          <Body1 as="p" block>共 {units.length} 个单位；{said.length ? `${said.join('；')}。` : '各单位12个月均已计分。'}</Body1>
          {recognition && (
            <Body1 as="p" block aria-label="认定">
              认定（年度得分{recognition.line}分以上，与末位淘汰无关）：{recognition.recognised.length} 个{recognition.undetermined.length ? `，${recognition.undetermined.length} 个${PENDING}` : ''}。
              {recognition.shares.map((s) => `认定占比：${s.explanation}。`).join('')}
            </Body1>
          )}
          <UnitTable
            caption="年度得分"
            units={byScore}
            columns={[
              ['年度得分', (u) => (u.annual === null ? `无（${PENDING}）` : u.annual.toFixed(2))],
              ...(recognition ? [['是否认定', (u: UnitResult) => (u.recognised === null || u.recognised === undefined ? PENDING : u.recognised ? '是' : '否')] as [string, (u: UnitResult) => string]] : []),
              ['缺少月份', (u) => u.missingMonths.map((m) => `${m}月`).join('、') || '—'],
              ['无得分原因', (u) => (u.annual === null ? u.pendingReason ?? PENDING : '—')],
            ]}
          />
        </>
      );
    }
    case 2: {
      const out = units.filter((u) => u.eliminated === true).sort((a, b) => (a.bottomRank ?? 0) - (b.bottomRank ?? 0));
      const unsure = units.filter((u) => u.eliminated === null).sort((a, b) => (a.bottomRank ?? -Infinity) - (b.bottomRank ?? -Infinity));
      return (
        <>
          {out.length ? (
            <UnitTable caption="末位淘汰" units={out} columns={[['原因', (u) => `倒数第${u.bottomRank}名（末位${ranking.eliminationBottomN}名内），年度得分${u.annual}分，低于${ranking.eliminationThreshold}分`]]} />
          ) : (
            <Body1 as="p" block>{unsure.length ? '确定' : ''}没有单位列入末位淘汰（倒数{ranking.eliminationBottomN}名且低于{ranking.eliminationThreshold}分）。</Body1>
          )}
          {unsure.length > 0 && (
            <>
              <Body1 as="p" block>以下 {unsure.length} 个单位是否末位淘汰{PENDING}：排名只在有年度得分的单位之间计算，没有年度得分的单位补上得分后可能改变结果（裁定R9）。</Body1>
              <UnitTable caption={`末位淘汰${PENDING}`} units={unsure} columns={[['原因', (u) => u.pendingReason ?? PENDING]]} />
            </>
          )}
        </>
      );
    }
    case 3: {
      const policy = policyById(policyId);
      const deducts = policy.groupDeduction > 0;
      if (!result.flaggedGroups.length && !result.pendingGroups.length) return <Body1 as="p" block>没有小组被标记。</Body1>;
      return (
        <>
          {result.flaggedGroups.map((g) => {
            const members = units.filter((u) => u.group === g);
            return (
              <div key={g}>
                <Text weight="semibold">小组「{g}」：{members.filter((u) => u.eliminated === true).map((u) => u.unit).join('、')}列入末位淘汰</Text>
                <UnitTable caption={`小组${g}`} units={members} columns={[['影响', (u) => groupEffect(u, deducts)]]} />
              </div>
            );
          })}
          {result.pendingGroups.map((g) => {
            const members = units.filter((u) => u.group === g);
            return (
              <div key={g}>
                <Text weight="semibold">小组「{g}」：是否连带{PENDING}，{members.filter((u) => u.eliminated === null).map((u) => u.unit).join('、')}是否末位淘汰{PENDING}</Text>
                <UnitTable caption={`小组${g}（${PENDING}）`} units={members} columns={[['影响', (u) => groupEffect(u, deducts)]]} />
              </div>
            );
          })}
        </>
      );
    }
    case 4: {
      // 待核实 first: they are what the analyst must look at; then the amounts, highest first.
      const order = (u: UnitResult) => u.subsidy.base ?? Infinity;
      return (
        <UnitTable
          caption="层级与分档"
          units={[...units].sort((a, b) => order(b) - order(a) || (b.annual ?? -Infinity) - (a.annual ?? -Infinity))}
          columns={[
            ['认定层级', (u) => u.level ?? '无'],
            ['档次', (u) => u.subsidy.tier ?? '—'],
            ['补助', (u) => yuanOr(u.subsidy.base)],
            ['说明', (u) => u.subsidy.explanation],
          ]}
        />
      );
    }
    case 5: {
      const rewarded = units.filter((u) => u.subsidy.reward === null || u.subsidy.reward > 0);
      return rewarded.length ? (
        <UnitTable caption="带动奖励" units={[...rewarded].sort((a, b) => (b.subsidy.reward ?? Infinity) - (a.subsidy.reward ?? Infinity))} columns={[['奖励', (u) => yuanOr(u.subsidy.reward)], ['原因', (u) => (u.subsidy.reward === null ? '带动奖励有误，见问题清单' : u.subsidy.rewardReason ?? '台账未填写奖励说明')]]} />
      ) : (
        <Body1 as="p" block>台账中没有带动奖励。</Body1>
      );
    }
    default: {
      const { subsidyTotal, subsidyDeterminedTotal, undetermined } = result.summary;
      const total = subsidyTotal === null ? `${PENDING}（已确定部分 ${formatYuan(subsidyDeterminedTotal)}）` : formatYuan(subsidyTotal);
      const undeterminedSet = new Set(undetermined);
      const pending = units.filter((u) => undeterminedSet.has(u.unit));
      return (
        <>
          <Body1 as="p" block>
            将写出「补贴测算」表：{units.length} 个单位，年终补贴合计 {total}；每行附说明，末行为合计，打印为横向、按页宽缩放。
          </Body1>
          {pending.length > 0 && <PendingConfirmations pending={pending} confirmed={confirmed} confirm={confirm} />}
          <UnitTable caption="补贴测算预览" units={units} columns={[['年终合计', (u) => yuanOr(u.subsidy.total)], ['说明', (u) => u.subsidy.explanation]]} />
        </>
      );
    }
  }
}

/** 年终补贴向导: each step can go back; nothing is written until the last step's button. */
export function SubsidyWizard({ pane }: { pane: Pane }) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const [step, setStep] = useState(0);
  const [policyId, setPolicy] = useState(pane.state.policyId);
  const { subsidyResult } = pane;
  // Scored under the chosen policy in the engine (a worker in the real pane): the dialog says so meanwhile.
  const [result, setResult] = useState<PaneResult | null>(null);
  useEffect(() => {
    if (!open) return;
    let current = true;
    setResult(null);
    subsidyResult(policyId).then((r) => current && setResult(r), () => current && setOpen(false));
    return () => {
      current = false;
    };
  }, [open, policyId, subsidyResult]);
  // The 待核实 units the analyst has confirmed to write as 待核实; asked afresh for every run and policy.
  const [confirmed, setConfirmed] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => setConfirmed(new Set()), [open, policyId]);
  const confirm = (unit: string, yes: boolean) =>
    setConfirmed((c) => {
      const next = new Set(c);
      if (yes) next.add(unit);
      else next.delete(unit);
      return next;
    });
  const unconfirmed = result ? unconfirmedUnits(result, [...confirmed]) : [];
  const last = step === STEPS.length - 1;
  return (
    <section aria-label="年终补贴向导">
      <Body1 as="p" block>按补贴政策逐步核对年度得分、末位淘汰、小组扣减、层级分档和奖励，最后写出「补贴测算」表。</Body1>
      <Button appearance="primary" disabled={!pane.state.view} onClick={() => { setStep(0); setOpen(true); }}>
        开始测算
      </Button>
      <Dialog open={open} onOpenChange={(_, d) => setOpen(d.open)}>
        <DialogSurface className={styles.surface}>
          <DialogBody>
            <DialogTitle>年终补贴向导 · 第{step + 1}步：{STEPS[step]}</DialogTitle>
            <DialogContent>
              <ol className={styles.steps} aria-label="步骤">
                {STEPS.map((s, i) => (
                  <li key={s} className={i === step ? styles.current : styles.step} aria-current={i === step ? 'step' : undefined}>
                    {i > 0 ? '› ' : ''}{s}
                  </li>
                ))}
              </ol>
              <div className={styles.scroll}>{!result && <Spinner size="small" label="正在按所选政策测算…" />}{result && <StepContent step={step} result={result} ranking={pane.state.ruleSet.ranking} policyId={policyId} setPolicy={setPolicy} confirmed={confirmed} confirm={confirm} />}</div>
            </DialogContent>
            <DialogActions>
              <Button disabled={step === 0} onClick={() => setStep(step - 1)}>上一步</Button>
              {last ? (
                <Button appearance="primary" disabled={unconfirmed.length > 0} title={unconfirmed.length ? `还有${unconfirmed.length}个${PENDING}单位未确认` : undefined} onClick={() => { setOpen(false); void pane.writeSubsidy(policyId, [...confirmed]); }}>写出补贴测算</Button>
              ) : (
                <Button appearance="primary" onClick={() => setStep(step + 1)}>下一步</Button>
              )}
              <Button onClick={() => setOpen(false)}>关闭</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </section>
  );
}
