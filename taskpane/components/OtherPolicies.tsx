import { useState } from 'react';
import { Body1, Button, Field, Input, Select, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { circleCost, equipCheck, fullShare } from '../../src/formulas/seedPolicyFunctions';
import { headerCellText } from '../../src/read/headerText';
import type { SheetGrid } from '../../src/ledger/types';
import type { Pane } from '../usePane';

/** The cells under the first header cell that mentions `word`, as a one-column range (a 合计 row left out). */
function columnUnder(grid: SheetGrid | undefined, word: string): unknown[][] | null {
  if (!grid) return null;
  for (let r = 0; r < Math.min(20, grid.rows.length); r++) {
    const c = (grid.rows[r] ?? []).findIndex((v) => headerCellText(v).includes(word));
    // A 合计 row (年度汇总's last) is no unit.
    if (c >= 0) return grid.rows.slice(r + 1).filter((row) => row.some((v) => v !== null) && headerCellText(row[0]) !== '合计').map((row) => [row[c] ?? null]);
  }
  return null;
}

const useStyles = makeStyles({
  form: { display: 'grid', gap: tokens.spacingVerticalS, marginBottom: tokens.spacingVerticalL },
  list: { paddingLeft: tokens.spacingHorizontalL },
  code: { fontFamily: tokens.fontFamilyMonospace },
});

const NONE = '（无）';

/** The seeds' other policies: 海安's quarterly check from a person ledger, and the functions for the rest. */
export function OtherPolicies({ pane }: { pane: Pane }) {
  const styles = useStyles();
  const names = pane.state.grids.map((g) => g.name);
  const [sheet, setSheet] = useState<string>('');
  const [asOf, setAsOf] = useState('');
  const [towns, setTowns] = useState(NONE);
  const chosen = sheet || names[0] || '';
  return (
    <section aria-label="其他政策">
      <Subtitle2 as="h2">海安2021：重点群体季度核查</Subtitle2>
      <div className={styles.form}>
        <Body1 as="p" block>按人员台账核查跟踪服务是否及时、失业人员“131”服务、补贴发放，并按区镇汇总登记失业率，写出一览表和明细表。</Body1>
        <Field label="人员台账所在的工作表">
          <Select value={chosen} onChange={(_, d) => setSheet(d.value)}>
            {names.map((n) => <option key={n}>{n}</option>)}
          </Select>
        </Field>
        <Field label="核查截止日期（季度末）" hint="如 2021-03-31">
          <Input value={asOf} onChange={(_, d) => setAsOf(d.value)} placeholder="2021-03-31" />
        </Field>
        <Field label="区镇劳动力与登记失业人数表（可选）">
          <Select value={towns} onChange={(_, d) => setTowns(d.value)}>
            {[NONE, ...names].map((n) => <option key={n}>{n}</option>)}
          </Select>
        </Field>
        <Button appearance="primary" disabled={!chosen || !asOf.trim() || pane.state.busy !== null} onClick={() => void pane.writeHaian(chosen, asOf.trim(), towns === NONE ? null : towns)}>
          核查并写出
        </Button>
      </div>
      <SeedCalculators pane={pane} />
      <Subtitle2 as="h2">其他政策的工作表函数</Subtitle2>
      <ul className={styles.list}>
        <li>黄山2022 三公里就业圈购买服务费用：<span className={styles.code}>=HS.CIRCLECOST(常住人口, 城镇人口)</span></li>
        <li>山东2010 充分就业社区占比（80%）：<span className={styles.code}>=HS.FULLSHARE(是否充分就业社区列)</span>；排名奖励：<span className={styles.code}>=HS.TOPSHARE(得分, 全部得分, 比例)</span></li>
        <li>甘肃2023 信息网络建设支出不超过补助的20%：<span className={styles.code}>=HS.EQUIPCHECK(支出明细, 认定层级)</span>；年终补贴见「年终补贴」中的甘肃政策</li>
        <li>海安2021 单人核查：<span className={styles.code}>=HS.TRACKED(状态, 最近跟踪日期, 截止日期)</span>、<span className={styles.code}>=HS.SERVICE131(…)</span>、<span className={styles.code}>=HS.TOWNRATE(劳动力, 登记失业)</span></li>
      </ul>
    </section>
  );
}

/** 黄山, 山东 and 甘肃's checks on the open workbook's figures, each answered as its HS.* function answers. */
function SeedCalculators({ pane }: { pane: Pane }) {
  const styles = useStyles();
  const names = pane.state.grids.map((g) => g.name);
  const [population, setPopulation] = useState('');
  const [urban, setUrban] = useState('');
  const [shareSheet, setShareSheet] = useState('');
  const [spendSheet, setSpendSheet] = useState('');
  const [subsidy, setSubsidy] = useState('省级');
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const grid = (name: string) => pane.state.grids.find((g) => g.name === (name || names[0]));
  const answer = (key: string, compute: () => unknown) => setAnswers((a) => ({ ...a, [key]: pane.explain(compute) }));
  // Fed from score's own 是否认定 verdicts when the ledger has been scored with a rubric that sets a 认定分数线.
  const recognition = pane.state.result?.recognition;
  return (
    <>
      <Subtitle2 as="h2">黄山2022：三公里就业圈购买服务费用</Subtitle2>
      <div className={styles.form}>
        <Field label="常住人口（人）"><Input value={population} onChange={(_, d) => setPopulation(d.value)} /></Field>
        <Field label="城镇人口（人，可选，用于核对上限）"><Input value={urban} onChange={(_, d) => setUrban(d.value)} /></Field>
        <Button onClick={() => answer('circle', () => circleCost(population, urban || null, '说明'))}>测算</Button>
        {answers.circle && <Body1 as="p" block role="status" aria-label="黄山测算结果">{answers.circle}</Body1>}
      </div>
      <Subtitle2 as="h2">山东2010：充分就业社区占比</Subtitle2>
      <div className={styles.form}>
        {recognition && recognition.shares.length > 0 && (
          <Body1 as="p" block role="status" aria-label="评分结果的认定占比">
            按评分结果（认定分数线{recognition.line}分）：{recognition.shares.map((s) => s.explanation).join('；')}
          </Body1>
        )}
        <Field label="含「是否充分就业社区」或「是否认定」列的工作表（有「类型」列时按评分细则的分类型目标计算）">
          <Select value={shareSheet || names[0] || ''} onChange={(_, d) => setShareSheet(d.value)}>{names.map((n) => <option key={n}>{n}</option>)}</Select>
        </Field>
        <Button onClick={() => answer('share', () => {
          const sheetGrid = grid(shareSheet);
          const flags = columnUnder(sheetGrid, '是否认定') ?? columnUnder(sheetGrid, '充分就业');
          return flags ? fullShare(flags, null, '说明', {}, columnUnder(sheetGrid, '类型'), pane.state.ruleSet) : '该工作表中找不到表头含「充分就业」或「是否认定」的列';
        })}>计算占比</Button>
        {answers.share && <Body1 as="p" block role="status" aria-label="山东测算结果">{answers.share}</Body1>}
      </div>
      <Subtitle2 as="h2">甘肃2023：信息网络建设支出核对</Subtitle2>
      <div className={styles.form}>
        <Field label="支出明细所在的工作表（两列：支出类别、金额）">
          <Select value={spendSheet || names[0] || ''} onChange={(_, d) => setSpendSheet(d.value)}>{names.map((n) => <option key={n}>{n}</option>)}</Select>
        </Field>
        <Field label="补助资金（元）或认定层级"><Input value={subsidy} onChange={(_, d) => setSubsidy(d.value)} /></Field>
        <Button onClick={() => answer('equipment', () => {
          const rows = grid(spendSheet)?.rows.filter((r) => r.some((v) => v !== null)).map((r) => [r[0] ?? null, r[1] ?? null]) ?? [];
          return equipCheck(rows, subsidy, '说明');
        })}>核对</Button>
        {answers.equipment && <Body1 as="p" block role="status" aria-label="甘肃核对结果">{answers.equipment}</Body1>}
      </div>
    </>
  );
}
