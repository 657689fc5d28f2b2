/**
 * End-to-end plumbing: the built add-in served on localhost, and Debian's Chromium driven by
 * playwright-core. Nothing leaves the machine: every request to a host other than the local server
 * is answered locally (office.js) or refused.
 */
import { createServer, type Server } from 'http';
import { existsSync, readFileSync } from 'fs';
import path from 'path';
import type { AddressInfo } from 'net';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json', '.png': 'image/png', '.xml': 'application/xml', '.map': 'application/json' };

/** Serves a folder on 127.0.0.1 (a free port); resolves to its base URL. */
export async function serve(dir: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const file = path.join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname));
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

/** A fresh browser: playwright gives every launch its own new, temporary profile. */
export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
}

/**
 * Routes a page's requests: the local server passes, Microsoft's office.js gets `officeScript`
 * (the fake Office the test provides), anything else is aborted and recorded.
 */
export async function isolate(page: Page, base: string, officeScript: string): Promise<string[]> {
  const refused: string[] = [];
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(base)) return route.continue();
    if (/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js$/.test(url)) {
      return route.fulfill({ status: 200, contentType: 'text/javascript', body: officeScript });
    }
    refused.push(url);
    return route.abort();
  });
  return refused;
}
