import { useEffect, useMemo, useState } from 'react';
import {
  Body1, Button, FluentProvider, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Tab, TabList, Title2, makeStyles, tokens,
  webDarkTheme, webLightTheme,
} from '@fluentui/react-components';
import { BusyBar } from './components/BusyBar';
import { MappingPanel } from './components/MappingPanel';
import { ScorePanel } from './components/ScorePanel';
import { SubsidyWizard } from './components/SubsidyWizard';
import { OtherPolicies } from './components/OtherPolicies';
import { AboutButton } from './components/About';
import { usePane, type Gateway } from './usePane';
import type { PaneEngine } from './engine/engineCore';
import * as excelGateway from './excelGateway';
import { withOfficeErrors } from './officeErrors';
import { memoryPreferences, type PaneTab, type Preferences } from './preferences';

const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    boxSizing: 'border-box',
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  top: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS, marginBottom: tokens.spacingVerticalS },
  topActions: { display: 'flex', gap: tokens.spacingHorizontalXS },
  heading: { display: 'block', margin: 0 },
  bar: { marginBlock: tokens.spacingVerticalS },
  panel: { marginTop: tokens.spacingVerticalM },
});

export interface AppProps {
  /** Follow Office's dark theme (Black / Dark Gray). */
  dark: boolean;
  /** The Excel gateway; tests and the end-to-end page pass the real one over a fake workbook. */
  gateway?: Gateway;
  /** Where reading and scoring run: a Web Worker in the real pane, the page itself by default. */
  engine?: PaneEngine;
  /** The analyst's own preferences (office-js-helpers' Storage in the real pane); in memory by default. */
  preferences?: Preferences;
}

type TabId = PaneTab;

/** The gateway over Excel (excelGateway.ts), the one module that calls Excel. */
const EXCEL_GATEWAY: Gateway = {
  readWorkbookGrids: excelGateway.readWorkbookGrids,
  loadSettings: excelGateway.loadSettings,
  saveSettings: excelGateway.saveSettings,
  writeSheets: excelGateway.writeSheets,
  selectCell: excelGateway.selectCell,
};

/** The banner's name for screen readers: whether the result is whole. */
const NOTICE_LABEL = { success: '完成', warning: '请注意', error: '结果不完整' } as const;

/** The task pane: 列映射 → 计算得分 → 年终补贴向导. Scoring lives in src/, Office calls in excelGateway.ts. */
export function App({ dark, gateway, engine, preferences }: AppProps) {
  const styles = useStyles();
  // Office's errors reach the error bar in Chinese with their location (officeErrors.ts).
  const officeGateway = useMemo(() => withOfficeErrors(gateway ?? EXCEL_GATEWAY), [gateway]);
  const pane = usePane(officeGateway, engine);
  const prefs = useMemo(() => preferences ?? memoryPreferences(), [preferences]);
  const [autoLoad] = useState(() => prefs.read().autoLoad);
  const [tab, setTab] = useState<TabId>(() => prefs.read().tab);
  const chooseTab = (next: TabId) => {
    setTab(next);
    prefs.write({ tab: next });
  };
  const { loading, error, notice, view } = pane.state;
  useEffect(() => {
    if (autoLoad) void pane.load();
    // Loaded once when the pane opens (unless the analyst turned that off in 关于); 重新读取工作簿 reloads on request.
  }, []);
  // The provider's own class also goes on every portal (a dropdown's list, the wizard's dialog), so
  // the page layout lives on the inner <main>: on the provider it made each open list a full-height
  // white layer over the pane.
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme}>
      <main className={styles.root}>
        <div className={styles.top}>
          <Title2 as="h1" className={styles.heading}>充分就业社区(村)评分</Title2>
          <div className={styles.topActions}>
            {/* Whatever went wrong, the way back is here: the workbook is read again as it is now. */}
            <Button size="small" disabled={loading || pane.state.busy !== null} onClick={() => void pane.load()}>重新读取工作簿</Button>
            <AboutButton preferences={prefs} />
          </div>
        </div>
        {error && (
          <MessageBar intent="error" className={styles.bar} role="alert">
            <MessageBarBody>
              <MessageBarTitle>出错了</MessageBarTitle>
              {error}
            </MessageBarBody>
          </MessageBar>
        )}
        {notice && (
          <MessageBar intent={pane.state.noticeIntent} className={styles.bar} role="status" aria-label={NOTICE_LABEL[pane.state.noticeIntent]}>
            <MessageBarBody>{notice}</MessageBarBody>
          </MessageBar>
        )}
        <BusyBar pane={pane} />
        {loading && <Spinner label="正在读取工作簿…" />}
        {!loading && !view && !error && <Body1 as="p">{autoLoad ? '正在等待工作簿…' : '打开窗格时不自动读取工作簿（见「关于」）：请点击「重新读取工作簿」。'}</Body1>}
        <TabList selectedValue={tab} onTabSelect={(_, d) => chooseTab(d.value as TabId)} aria-label="步骤">
          <Tab value="mapping">列映射</Tab>
          <Tab value="score">计算得分</Tab>
          <Tab value="subsidy">年终补贴</Tab>
          <Tab value="other">其他政策</Tab>
        </TabList>
        <div className={styles.panel} role="tabpanel">
          {tab === 'mapping' && <MappingPanel pane={pane} />}
          {tab === 'score' && <ScorePanel pane={pane} />}
          {tab === 'subsidy' && <SubsidyWizard pane={pane} />}
          {tab === 'other' && <OtherPolicies pane={pane} />}
        </div>
      </main>
    </FluentProvider>
  );
}
