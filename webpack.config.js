/**
 * The Excel add-in bundle: custom functions and task pane in ONE shared runtime.
 *
 *   npm run build        production build into dist/ (manifest URLs → ADDIN_PUBLIC_URL when set)
 *   npm run build:dev    development build into dist/
 *   npm run dev-server   https://localhost:<config.dev_server_port>/ with the Office dev certificate;
 *                        refuses to start over http while the manifest says https
 *                        (scripts/dev-server-check.js), unless asked: npm run dev-server -- --env http
 *   npm run package -- --url https://host/path/   a folder for a static https server (scripts/package.js)
 *
 * dist/ holds taskpane.html (office.js from Microsoft's CDN, then functions.js and taskpane.js),
 * functions.json and functions.en-US.json (the functions' metadata per language: generated from the
 * JSDoc in functions/functions.ts, words from functions/translations.json), manifest.xml and assets/.
 * The manifest's Runtime, CustomFunctions Page and FunctionFile all point at taskpane.html.
 *
 * functions/ and src/ are compiled to ES2019 (class fields keep their define semantics): functions.js,
 * the HS.* functions with the engine, then needs no more than an ES2018 parser and ES2019 built-ins,
 * so the functions register in older Mac webviews (Safari 12.1+) where the pane, whose Fluent UI and
 * React need ES2022 (and whose own code in taskpane/ stays ES2022), shows the inline check's message
 * instead (taskpane/taskpane.html). The
 * production build has no source maps; the development build has them.
 */
'use strict';

const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { DefinePlugin } = require('webpack');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const { publicUrlFromEnv, rewriteManifestUrls } = require('./scripts/manifest-urls');
const { DevServerRefused, configuredPort, devServerTransport } = require('./scripts/dev-server-check');
const { LocalizedFunctionsMetadataPlugin } = require('./functions/localizeMetadata');

/** package.json's version and, in a git checkout, the commit: what the 关于 panel shows a support call. */
function addinVersion() {
  const { version } = JSON.parse(fs.readFileSync(path.join(__dirname, 'package.json'), 'utf8'));
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: __dirname, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return commit ? `${version} (${commit})` : version;
  } catch {
    return version; // no git (a source archive): the version alone
  }
}

/** ts-loader for our TypeScript at `target` (class fields keep their define semantics either way). */
function tsLoader(target) {
  return {
    loader: 'ts-loader',
    options: {
      transpileOnly: true, // types are checked by `npm run typecheck`
      configFile: path.resolve(__dirname, 'tsconfig.webpack.json'),
      compilerOptions: { target, useDefineForClassFields: true },
    },
  };
}

module.exports = async (env, argv) => {
  const production = argv.mode !== 'development';
  const publicUrl = production ? publicUrlFromEnv(process.env.ADDIN_PUBLIC_URL) : undefined;

  const config = {
    mode: production ? 'production' : 'development',
    context: __dirname,
    devtool: production ? false : 'source-map',
    entry: {
      functions: './functions/functions.ts',
      // dependOn: one webpack runtime and one instance of every shared module (src/ engine, any
      // state the pane and the functions share) for both bundles on the shared-runtime page, while
      // functions.js still runs alone if a host loads the manifest's Script URL by itself.
      taskpane: { import: './taskpane/index.tsx', dependOn: 'functions' },
      // The pane's engine in a Web Worker of its own (reading, scoring, cutting the output into
      // requests), so that a district's 36,000 rows never block the pane.
      engineWorker: './taskpane/engine/engineWorker.ts',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: '[name].js', // functions.js is named in manifest.xml: no content hash
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js', '.json'],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          // The pane's own code runs only where Fluent UI runs (ES2022) and stays ES2022; everything
          // functions.js can hold (functions/, the engine in src/) is ES2019, so that functions.js
          // parses in the oldest webview that registers custom functions (above).
          oneOf: [
            { include: path.resolve(__dirname, 'taskpane'), use: tsLoader('ES2022') },
            { use: tsLoader('ES2019') },
          ],
        },
      ],
    },
    plugins: [
      new DefinePlugin({ __HS_ADDIN_VERSION__: JSON.stringify(addinVersion()) }),
      new CustomFunctionsMetadataPlugin({
        output: 'functions.json',
        input: path.resolve(__dirname, 'functions/functions.ts'),
      }),
      // functions.json becomes the zh-CN metadata and functions.en-US.json is added beside it.
      new LocalizedFunctionsMetadataPlugin({ translations: path.resolve(__dirname, 'functions/translations.json') }),
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './taskpane/taskpane.html',
        chunks: ['functions', 'taskpane'],
        chunksSortMode: 'manual',
      }),
      new CopyWebpackPlugin({
        patterns: [
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            ...(publicUrl && {
              transform: (content) => rewriteManifestUrls(content.toString('utf8'), publicUrl),
            }),
          },
          { from: 'assets', to: 'assets' },
        ],
      }),
    ],
    performance: {
      // React + Fluent UI v9: the pane is loaded from localhost or an intranet host, not a phone.
      maxAssetSize: 1024 * 1024,
      maxEntrypointSize: 1024 * 1024,
    },
  };

  if (env.WEBPACK_SERVE) {
    const port = configuredPort();
    let server;
    try {
      server = await devServerTransport({ manifestXml: fs.readFileSync(path.join(__dirname, 'manifest.xml'), 'utf8'), port, allowHttp: Boolean(env.http) });
    } catch (error) {
      if (!(error instanceof DevServerRefused)) throw error;
      console.error(error.message);
      process.exit(1); // said in full above; a stack trace would only hide it
    }
    config.devServer = {
      host: 'localhost', // the manifest's host; nothing else on the network needs the dev build
      port,
      server,
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: false, // everything is served from the in-memory build, never the project folder
    };
  }

  return config;
};
