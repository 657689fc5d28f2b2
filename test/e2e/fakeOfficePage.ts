/**
 * Stands in for Microsoft's office.js in the end-to-end page: the fake workbook (test/fakes/), seeded
 * with what the test put in `window.__HS_SEED__`, installed as `Excel`/`Office`, plus the
 * CustomFunctions global functions.js registers with. The test inspects `window.__HS_FAKE__`.
 */
import { createFakeExcel, installFakeOffice, type FakeWorkbookData } from '../fakes/fakeExcel';

declare global {
  interface Window {
    __HS_SEED__?: FakeWorkbookData;
    __HS_FAKE__?: ReturnType<typeof createFakeExcel>;
    __HS_ASSOCIATED__?: string[];
  }
}

class CustomFunctionsError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}

const fake = createFakeExcel(window.__HS_SEED__ ?? {});
installFakeOffice(window, fake);
window.__HS_FAKE__ = fake;
// Long tasks before this are the test's set-up (building the seeded workbook), not the pane's.
(window as unknown as { __HS_FAKE_READY__: number }).__HS_FAKE_READY__ = performance.now();
window.__HS_ASSOCIATED__ = [];
Object.assign(window, {
  CustomFunctions: {
    Error: CustomFunctionsError,
    ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' },
    associate: (id: string) => window.__HS_ASSOCIATED__!.push(id),
  },
});
