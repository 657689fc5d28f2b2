import {
  Body1, Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field,  Radio,
  RadioGroup, Subtitle2, makeStyles, tokens,
} from '@fluentui/react-components';
import type { OutputMode } from '../../src/output/sheetPlans';
import { POLICIES } from '../../src/policy/presets';
import { PENDING } from '../../src/result';
import { someNames } from '../../src/names';
import type { Pane } from '../usePane';

const useStyles = makeStyles({
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, marginBlock: tokens.spacingVerticalM },
  summary: { marginTop: tokens.spacingVerticalM },
});

const listNames = (names: readonly string[]) => someNames(names, { most: 10 });

export function ScorePanel({ pane }: { pane: Pane }) {
  const styles = useStyles();
  const { busy, result, mode, confirmReplace, view, policyId } = pane.state;
  // Ruling R9: verdicts that wait for a missing score are listed, never folded into 无.
  const pendingUnits = result ? result.units.filter((u) => u.eliminated === null).map((u) => u.unit) : [];
  return (
    <section aria-label="计算得分">
      <Field label="月度得分的写法">
        <RadioGroup value={mode} onChange={(_, d) => pane.setMode(d.value as OutputMode)}>
          <Radio value="formulas" label="实时公式（=HS.* 函数，修改台账后自动重算）" />
          <Radio value="values" label="数值（分享给未安装加载项的同事）" />
          <Radio value="portable" label="通用公式（Excel、WPS、LibreOffice 都能重算的普通公式，逐项可查，供共享和审计）" />
        </RadioGroup>
      </Field>
      <Field label="年度汇总中的补贴政策">
        <RadioGroup value={policyId} onChange={(_, d) => pane.setPolicy(d.value)}>
          {POLICIES.map((p) => <Radio key={p.id} value={p.id} label={p.zh} />)}
        </RadioGroup>
      </Field>
      <div className={styles.actions}>
        <Button appearance="primary" disabled={!view || busy !== null} onClick={() => void pane.score()}>
          计算得分
        </Button>
      </div>
      <Body1 as="p" block>将写出「月度得分」「年度汇总」「问题清单」三张表；重新计算只替换这三张表的内容，不改动其他工作表。</Body1>
      {result && (
        <div className={styles.summary} aria-label="得分摘要">
          <Subtitle2 as="h3">结果</Subtitle2>
          <ul>
            <li>单位 {result.units.length} 个，单位月 {result.summary.unitMonths} 个</li>
            <li>末位淘汰：{result.summary.eliminated.length ? result.summary.eliminated.join('、') : '无'}</li>
            {pendingUnits.length > 0 && <li>{`末位淘汰${PENDING}：${listNames(pendingUnits)}`}</li>}
            <li>被标记的老带新小组：{result.flaggedGroups.length ? result.flaggedGroups.join('、') : '无'}</li>
            {result.pendingGroups.length > 0 && <li>{`是否连带${PENDING}的小组：${listNames(result.pendingGroups)}`}</li>}
            <li>问题清单：错误 {result.errorCount} 条，提示 {result.warningCount} 条</li>
          </ul>
        </div>
      )}
      <Dialog open={confirmReplace !== null} onOpenChange={(_, d) => !d.open && pane.cancel()}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>替换已修改的输出表？</DialogTitle>
            <DialogContent>
              {`工作表${confirmReplace?.map((s) => `「${s}」`).join('、') ?? ''}在上次写出后被修改过。`}继续将用新的结果替换这些表的全部内容（其他工作表不受影响）。
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={() => void pane.confirmReplace()}>替换</Button>
              <Button onClick={pane.cancel}>保留，不写出</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </section>
  );
}
