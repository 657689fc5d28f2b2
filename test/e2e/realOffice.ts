/**
 * Microsoft's real office.js in the end-to-end page, without the network: every request for
 * https://appsforoffice.microsoft.com/lib/1/hosted/<file> is answered from the @microsoft/office-js
 * package (the library the CDN serves; office.js loads a few more files from there, such as
 * o15apptofilemappingtable.js), the local server passes, and everything else (office.js's telemetry
 * page among it) is aborted and recorded.
 */
import { existsSync, readFileSync } from 'fs';
import path from 'path';
import type { Page } from 'playwright-core';

const ROOT = path.resolve(__dirname, '..', '..');
export const OFFICE_JS_DIST = path.join(ROOT, 'node_modules', '@microsoft', 'office-js', 'dist');
const CDN = /^https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/([A-Za-z0-9_.\-/]+)$/;

export interface Routed {
  /** CDN files answered from the package. */
  served: string[];
  /** Requests off the local server that were aborted. */
  refused: string[];
}

/**
 * Routes the page: `base` passes, the CDN is answered from the package (or refused when
 * `officeReachable` is false, as on an intranet that blocks Microsoft), anything else is aborted.
 */
export async function routeRealOffice(page: Page, base: string, officeReachable = true): Promise<Routed> {
  const routed: Routed = { served: [], refused: [] };
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(base)) return route.continue();
    const file = CDN.exec(url)?.[1];
    const local = file && !file.includes('..') ? path.join(OFFICE_JS_DIST, file) : undefined;
    if (officeReachable && local && existsSync(local)) {
      routed.served.push(file!);
      return route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: readFileSync(local) });
    }
    routed.refused.push(url);
    return route.abort();
  });
  return routed;
}
