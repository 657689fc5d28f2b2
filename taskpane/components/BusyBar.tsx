import { Button, Field, ProgressBar, makeStyles, tokens } from '@fluentui/react-components';
import { CANCELLING, type Pane } from '../usePane';

const useStyles = makeStyles({
  bar: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalS, marginBlock: tokens.spacingVerticalS },
  field: { flexGrow: 1, minWidth: 0 },
});

/**
 * What the pane is doing (scoring, writing, checking the output sheets) with 取消, shown above the
 * tabs so that a write started in any tab (计算得分, the subsidy wizard) shows its progress.
 */
export function BusyBar({ pane }: { pane: Pane }) {
  const styles = useStyles();
  const { busy } = pane.state;
  if (!busy) return null;
  const counted = busy.total > 0 && busy.label !== CANCELLING;
  return (
    <div className={styles.bar}>
      <Field className={styles.field} label={counted ? `${busy.label}：${busy.done}/${busy.total} 行` : `${busy.label}…`} validationState="none">
        <ProgressBar value={counted && busy.done ? busy.done / busy.total : undefined} aria-label="进度" />
      </Field>
      <Button disabled={busy.label === CANCELLING} onClick={pane.cancel}>取消</Button>
    </div>
  );
}
