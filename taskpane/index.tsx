import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { isDarkOfficeTheme } from './theme';

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
      <App dark={dark} />
    </StrictMode>,
  );
}

if (typeof Office === 'undefined') {
  // office.js did not load (offline, or the page opened outside Office): show the pane anyway.
  mount(false);
} else {
  void Office.onReady(() => mount(isDarkOfficeTheme(officeTheme())));
}
