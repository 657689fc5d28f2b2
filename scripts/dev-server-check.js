/**
 * The dev server's transport, decided so that it cannot fail silently.
 *
 * manifest.xml tells Excel to load the add-in from https://localhost:<port>/. Excel loads add-ins
 * only over https, so a dev server that falls back to plain http (no trusted certificate) leaves a
 * blank pane or "add-in could not be loaded", and `npm start` runs the dev server in a window of its
 * own where a warning goes unseen. Instead:
 *
 *   - the dev server serves https with the Office dev certificate (office-addin-dev-certs, as in
 *     Microsoft's templates), or refuses to start, printing the fix in Chinese and English;
 *   - `npm run dev-server -- --env http` serves http on purpose (browser-only work, never Excel);
 *   - the port is package.json's config.dev_server_port (what office-addin-debugging waits for
 *     before opening Excel) and must be the manifest's;
 *   - `npm start` runs this file first (prestart), in the terminal the analyst-developer is looking
 *     at: certificate trouble stops `npm start` there, with the same message.
 *
 * Plain CommonJS: webpack.config.js and the tests require it; `node scripts/dev-server-check.js`
 * runs the check.
 */
'use strict';

const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');

class DevServerRefused extends Error {
  constructor(message) {
    super(message);
    this.name = 'DevServerRefused';
  }
}

/** The URL Excel loads the pane from: the manifest's <DefaultSettings><SourceLocation DefaultValue>. */
function manifestSourceUrl(xml) {
  const settings = /<DefaultSettings>[\s\S]*?<SourceLocation\s+DefaultValue="([^"]+)"/.exec(xml);
  if (!settings) throw new DevServerRefused('manifest.xml has no <DefaultSettings><SourceLocation DefaultValue="…">.');
  return new URL(settings[1].replace(/&amp;/g, '&'));
}

/** The port the dev server listens on: npm's config.dev_server_port (package.json "config"). */
function configuredPort(env = process.env, packageJson = readJson(path.join(ROOT, 'package.json'))) {
  const value = env.npm_package_config_dev_server_port ?? packageJson?.config?.dev_server_port;
  const port = Number(value);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new DevServerRefused(
      `package.json 缺少有效的 config.dev_server_port（当前为 ${JSON.stringify(value)}）。\n` +
        `package.json needs a valid "config": { "dev_server_port": 3000 } (got ${JSON.stringify(value)}).`,
    );
  }
  return port;
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** The message printed when https cannot be had while the manifest says https. */
function refusalMessage(url, reason) {
  return [
    `[dev-server] 拒绝以 http 提供加载项：manifest.xml 指向 ${url.href}，而 Excel 只通过 https 加载加载项（改用 http 时任务窗格空白，或提示“无法加载加载项”）。`,
    `原因：无法取得受信任的 localhost 开发证书（${reason}）。`,
    '解决办法：',
    '  1. 运行 npx office-addin-dev-certs install（Windows 会询问是否安装证书，请选“是”；macOS 会要求输入登录密码），然后重新运行 npm start 或 npm run dev-server；',
    '  2. 仍然失败时，先运行 npx office-addin-dev-certs uninstall，再做第 1 步；',
    '  3. 只在浏览器中调试、不在 Excel 中加载时，可以明确改用 http：npm run dev-server -- --env http',
    '',
    `[dev-server] Refusing to serve the add-in over http: manifest.xml points at ${url.href} and Excel loads add-ins only over https (over http the pane stays blank or "add-in could not be loaded").`,
    `Reason: no trusted localhost development certificate (${reason}).`,
    'Fix:',
    '  1. Run npx office-addin-dev-certs install (Windows asks whether to install the certificate: answer Yes; macOS asks for your password), then npm start or npm run dev-server again;',
    '  2. if it still fails, run npx office-addin-dev-certs uninstall, then step 1;',
    '  3. for browser-only debugging, never in Excel, ask for http explicitly: npm run dev-server -- --env http',
  ].join('\n');
}

/** The Office dev certificate, created and trusted on first use, as Microsoft's templates get it. */
async function officeDevCertificates() {
  let devCerts;
  try {
    // Not a declared dependency: present through office-addin-debugging (npm start).
    devCerts = require('office-addin-dev-certs');
  } catch {
    throw new Error('office-addin-dev-certs is not installed; run npm ci');
  }
  const { ca, cert, key } = await devCerts.getHttpsServerOptions();
  return { ca, cert, key };
}

/**
 * webpack-dev-server's `server` option: https with the certificate when the manifest says https,
 * http when it says http or when `allowHttp` (--env http) asks for it; otherwise DevServerRefused.
 */
async function devServerTransport({ manifestXml, port, allowHttp = false, loadCertificates = officeDevCertificates, warn = console.warn }) {
  const url = manifestSourceUrl(manifestXml);
  const manifestPort = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  if (manifestPort !== port) {
    throw new DevServerRefused(
      `[dev-server] package.json 的 config.dev_server_port 是 ${port}，而 manifest.xml 指向 ${url.href}（端口 ${manifestPort}）：请把两处改成同一个端口。\n` +
        `[dev-server] package.json's config.dev_server_port is ${port} but manifest.xml points at ${url.href} (port ${manifestPort}): make them the same.`,
    );
  }
  if (url.protocol === 'http:') return 'http';
  try {
    return { type: 'https', options: await loadCertificates() };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    if (!allowHttp) throw new DevServerRefused(refusalMessage(url, reason));
    warn(
      `[dev-server] 按 --env http 的要求以 http 提供（${reason}）：只能在浏览器中打开，Excel 不会从 http 加载加载项。\n` +
        `[dev-server] Serving http as --env http asked (${reason}): for a browser only; Excel will not load the add-in over http.`,
    );
    return 'http';
  }
}

module.exports = { DevServerRefused, configuredPort, devServerTransport, manifestSourceUrl, refusalMessage };

if (require.main === module) {
  // npm start's prestart: the same decision, in the foreground, before Excel is opened.
  (async () => {
    const manifestXml = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
    const port = configuredPort();
    const transport = await devServerTransport({ manifestXml, port });
    const scheme = transport === 'http' ? 'http' : 'https';
    console.log(`[dev-server] 检查通过：将以 ${scheme} 在端口 ${port} 提供加载项。 Check passed: the add-in will be served over ${scheme} on port ${port}.`);
  })().catch((error) => {
    console.error(error instanceof DevServerRefused ? error.message : `[dev-server] ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
