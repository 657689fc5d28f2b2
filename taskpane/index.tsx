import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { isDarkOfficeTheme } from './theme';
import type { PaneEngine } from './engine/engineCore';
import { workerEngine } from './engine/workerEngine';

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

function mount(dark: boolean): void {
  const container = document.getElementById('root');
  if (!container) throw new Error('任务窗格页面（taskpane.html）缺少 #root 元素');
  createRoot(container).render(
    <StrictMode>
      <App dark={dark} engine={startEngine()} />
    </StrictMode>,
  );
}

if (typeof Office === 'undefined') {
  // office.js did not load (offline, or the page opened outside Office): show the pane anyway.
  mount(false);
} else {
  void Office.onReady(() => mount(isDarkOfficeTheme(officeTheme())));
}
