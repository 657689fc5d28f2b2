#!/usr/bin/env node
/**
 * npm run package -- --url https://内网地址/hs/ [--out out/deploy]
 *
 * A folder ready for any static https server: the production build (taskpane.html, functions.js,
 * taskpane.js, engineWorker.js, functions.json, functions.en-US.json, assets/) with manifest.xml
 * rewritten so that every URL points at --url; web.config so that IIS serves the .json files;
 * 部署说明.txt saying what to do with it. Copy the folder's contents to the server so that
 * <url>taskpane.html is the folder's taskpane.html, then hand manifest.xml to the users or to the
 * Microsoft 365 admin (README "Deployment", docs/使用说明.md).
 *
 * The URL must be https (Office loads add-ins only over https) and a base without ?query or #hash;
 * an international host name (内网地址) is written in its ASCII form (xn--…), which is what Office and
 * DNS use. Exit status 2 with a Chinese and English message for bad arguments, 1 when the build fails.
 */
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { publicUrlFromEnv } = require('./manifest-urls');

const ROOT = path.resolve(__dirname, '..');
const DEFAULT_OUT = path.join('out', 'deploy');

class UsageError extends Error {}

function parseArgs(argv) {
  const options = { out: DEFAULT_OUT };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) throw new UsageError(`${name} 后缺少值。${name} needs a value.`);
      return argv[++i];
    };
    if (name === '--url') options.url = value();
    else if (name === '--out') options.out = value();
    else if (name === '--help' || name === '-h') options.help = true;
    else throw new UsageError(`不认识的参数：${arg}。Unknown argument: ${arg}.`);
  }
  return options;
}

const USAGE = [
  '用法 Usage: npm run package -- --url https://内网地址/hs/ [--out out/deploy]',
  '  --url  加载项将被访问的 https 地址（文件夹的内容复制到这个地址下） the https address the folder will be served at',
  `  --out  输出文件夹，默认 ${DEFAULT_OUT}（先清空） the folder to write, ${DEFAULT_OUT} by default (emptied first)`,
].join('\n');

/** The base URL, checked as ADDIN_PUBLIC_URL is; messages in Chinese and English. */
function packageUrl(value) {
  if (value === undefined || value.trim() === '') throw new UsageError(`缺少 --url。--url is required.\n${USAGE}`);
  try {
    return publicUrlFromEnv(value);
  } catch (error) {
    const why = error instanceof Error ? error.message.replace(/^ADDIN_PUBLIC_URL /, 'The URL ') : String(error);
    const zh = /must be https/.test(why)
      ? 'Office 只从 https 地址加载加载项，请使用 https://…'
      : /without \?query/.test(why)
        ? '地址不能带 ? 或 # 部分，请给出文件夹的地址，例如 https://内网地址/hs/'
        : '这不是一个有效的网址，例如 https://内网地址/hs/';
    throw new UsageError(`--url ${JSON.stringify(value)}：${zh}\n${why}`);
  }
}

/** web.config for IIS (ignored by other servers): .json served as application/json, no directory listing. */
const WEB_CONFIG = `<?xml version="1.0" encoding="UTF-8"?>
<!-- IIS: serve the add-in's files. Other servers ignore this file. -->
<configuration>
  <system.webServer>
    <staticContent>
      <remove fileExtension=".json" />
      <mimeMap fileExtension=".json" mimeType="application/json" />
    </staticContent>
    <directoryBrowse enabled="false" />
  </system.webServer>
</configuration>
`;

function readme(url) {
  return [
    '充分就业社区评分 Excel 加载项：部署文件夹',
    '',
    `1. 把本文件夹中的全部文件（包括 manifest.xml：在浏览器中打开时，说明页给出它的下载链接）复制到 https 服务器上，使 ${url}taskpane.html 能在浏览器中打开（应看到“请在 Excel 中打开”的说明页）。`,
    '2. 把 manifest.xml 交给使用者或 Microsoft 365 管理员：',
    '   - Excel 网页版：开始 › 加载项 › 更多设置/更多加载项 › 我的加载项 › 上传我的加载项，选择 manifest.xml；',
    '   - Windows 版 Excel：把 manifest.xml 放到共享文件夹，在 文件 › 选项 › 信任中心 › 信任中心设置 › 受信任的加载项目录 中添加该共享文件夹的网络路径并勾选“显示在菜单中”，重新启动 Excel 后在 插入 › 我的加载项 › 共享文件夹 中添加；',
    '   - Microsoft 365 集中部署：管理中心 › 设置 › 集成应用（或 加载项）› 上传自定义应用，选择 manifest.xml；',
    '   - Mac 版 Excel：把 manifest.xml 复制到 ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/，重新启动 Excel。',
    '3. 使用者的电脑还须能访问 https://appsforoffice.microsoft.com（Office.js 从微软的服务器加载）。',
    '详见仓库中的 docs/使用说明.md。',
    '',
    'Full-employment community scoring, Excel add-in: deployment folder',
    '',
    `1. Copy every file here (manifest.xml too: the page a browser shows links to it) to the https server so that ${url}taskpane.html opens in a browser (it shows an "open this in Excel" page).`,
    '2. Give manifest.xml to the users or the Microsoft 365 admin: Excel on the web (Upload My Add-in), a Windows shared-folder catalog,',
    '   Microsoft 365 centralized deployment (Integrated apps › Upload custom apps) or the Mac wef folder. See README "Deployment".',
    '3. Users must reach https://appsforoffice.microsoft.com (office.js is loaded from Microsoft\'s CDN).',
    '',
  ].join('\r\n');
}

/** Every file the manifest points at, relative to the URL: all must be in the folder. */
function manifestFiles(xml, url) {
  const escaped = url.replace(/&/g, '&amp;');
  return [...new Set([...xml.matchAll(/"(https:\/\/[^"]+)"/g)].map((m) => m[1]).filter((u) => u.startsWith(escaped)).map((u) => u.slice(escaped.length)))];
}

function buildPackage({ url, out }) {
  const target = path.resolve(ROOT, out);
  const within = (dir, file) => {
    const r = path.relative(dir, file);
    return r === '' || (!r.startsWith('..') && !path.isAbsolute(r));
  };
  // It is emptied first: never the project, a folder holding it, or one of its sources.
  if (within(target, ROOT) || ['src', 'taskpane', 'functions', 'test', 'assets', 'docs', 'scripts', 'samples', 'node_modules'].some((d) => within(path.join(ROOT, d), target))) {
    throw new UsageError(`--out ${out}：不能写到项目文件夹或其源代码文件夹。--out must not be the project folder or one of its source folders.`);
  }
  fs.rmSync(target, { recursive: true, force: true });
  const cli = require.resolve('webpack-cli/bin/cli.js', { paths: [ROOT] });
  const env = { ...process.env, ADDIN_PUBLIC_URL: url };
  const build = spawnSync(process.execPath, [cli, '--mode', 'production', '--output-path', target], { cwd: ROOT, env, encoding: 'utf8' });
  if (build.status !== 0) {
    const error = new Error(`构建失败 The build failed:\n${build.stdout}\n${build.stderr}`);
    error.exitCode = 1;
    throw error;
  }
  fs.writeFileSync(path.join(target, 'web.config'), WEB_CONFIG);
  fs.writeFileSync(path.join(target, '部署说明.txt'), `\ufeff${readme(url)}`);
  const xml = fs.readFileSync(path.join(target, 'manifest.xml'), 'utf8');
  // Well-formed, as Office will read it (a rewritten URL can break XML, e.g. xn-- in a comment).
  const { DOMParser, onWarningStopParsing } = require('@xmldom/xmldom');
  try {
    new DOMParser({ onError: onWarningStopParsing }).parseFromString(xml, 'text/xml');
  } catch (cause) {
    const error = new Error(`改写后的 manifest.xml 不是有效的 XML The rewritten manifest.xml is not well-formed: ${cause instanceof Error ? cause.message : cause}`);
    error.exitCode = 1;
    throw error;
  }
  const missing = manifestFiles(xml, url).filter((file) => !fs.existsSync(path.join(target, file)));
  if (missing.length) {
    const error = new Error(`manifest.xml 指向文件夹中没有的文件 points at files the folder lacks: ${missing.join(', ')}`);
    error.exitCode = 1;
    throw error;
  }
  return { target, files: fs.readdirSync(target).sort() };
}

module.exports = { buildPackage, packageUrl, parseArgs, UsageError };

if (require.main === module) {
  try {
    const options = parseArgs(process.argv.slice(2));
    if (options.help) {
      console.log(USAGE);
    } else {
      const url = packageUrl(options.url);
      const { target, files } = buildPackage({ url, out: options.out });
      const parsed = new URL(url);
      const display = decodeURI(url.replace(parsed.hostname, require('url').domainToUnicode(parsed.hostname)));
      console.log(`已写出部署文件夹 Deployment folder written: ${path.relative(process.cwd(), target) || target}`);
      console.log(`  地址 URL: ${url}${display !== url ? `（${display}）` : ''}`);
      console.log(`  文件 files: ${files.join(', ')}`);
      console.log('  把文件夹的内容复制到该地址，再把 manifest.xml 交给使用者或管理员（见 部署说明.txt）。');
      console.log('  Copy the folder\'s contents to that address, then give manifest.xml to the users or the admin (see 部署说明.txt).');
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = error instanceof UsageError ? 2 : (error && error.exitCode) || 1;
  }
}
