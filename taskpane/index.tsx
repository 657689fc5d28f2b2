import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { OutsideOffice } from './components/OutsideOffice';
import { isDarkOfficeTheme } from './theme';
import type { PaneEngine } from './engine/engineCore';
import { workerEngine } from './engine/workerEngine';
import { userPreferences } from './preferences';

declare global {
  interface Window {
    /** Set by taskpane.html's ES5 check when this webview lacks what the bundles need (it shows why). */
    __HS_UNSUPPORTED__?: string[];
  }
}

/** The engine in its own thread (engineWorker.js, beside this bundle), else in the page. */
function startEngine(): PaneEngine | undefined {
  try {
    return typeof Worker === 'undefined' ? undefined : workerEngine(new Worker(new URL('engineWorker.js', document.baseURI)));
  } catch {
    return undefined; // a host that refuses workers: usePane runs the engine in the page
  }
}

function officeTheme(): Office.OfficeTheme | undefined {
  try {
    return Office.context?.officeTheme;
  } catch {
    return undefined; // outside Office, or a host without the theme API
  }
}

function render(node: ReactNode): void {
  const container = document.getElementById('root');
  if (!container) throw new Error('任务窗格页面（taskpane.html）缺少 #root 元素');
  try {
    createRoot(container).render(<StrictMode>{node}</StrictMode>);
  } catch (error) {
    container.textContent = `评分窗格无法启动：${error instanceof Error ? error.message : String(error)}。请重新打开窗格；如仍失败，请联系维护人员。`;
  }
}

if (window.__HS_UNSUPPORTED__) {
  // The page's own check has said, in Chinese, what this webview lacks: nothing to start.
} else if (typeof Office === 'undefined') {
  // office.js did not load (Microsoft's CDN unreachable): the pane cannot talk to Excel, say why.
  render(<OutsideOffice reason="noOfficeJs" />);
} else {
  void Office.onReady((info) => {
    // Outside Office (a browser opening the LearnMoreUrl) office.js answers with no host.
    if (!info?.host) render(<OutsideOffice reason="browser" />);
    else render(<App dark={isDarkOfficeTheme(officeTheme())} engine={startEngine()} preferences={userPreferences()} />);
  });
}
