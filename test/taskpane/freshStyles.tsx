/**
 * React Testing Library's render with a Griffel renderer of the test's own, and the previous test's
 * style rules taken out of the document. Fluent inserts its CSS rules into <style> elements that
 * outlive a test, and jsdom's getComputedStyle (behind every role query and every click) matches an
 * element against every rule in the document: past about a thousand selectors nwsapi's cache of
 * compiled selectors thrashes, and App.test.tsx's ninth test took 90 s where alone it takes 12.
 * Within a test every rule it rendered is present, as in a browser.
 */
import type { ReactElement, ReactNode } from 'react';
import { createDOMRenderer, RendererProvider } from '@fluentui/react-components';
import { render as renderWithoutProvider, type RenderOptions, type RenderResult } from '@testing-library/react';

let renderer = createDOMRenderer();

afterEach(() => {
  document.head.querySelectorAll('style[data-make-styles-bucket]').forEach((style) => style.remove());
  renderer = createDOMRenderer();
});

function FreshStyles({ children }: { children: ReactNode }): ReactElement {
  return <RendererProvider renderer={renderer}>{children}</RendererProvider>;
}

export function render(ui: ReactElement, options?: Omit<RenderOptions, 'wrapper'>): RenderResult {
  return renderWithoutProvider(ui, { ...options, wrapper: FreshStyles });
}
