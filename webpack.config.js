/**
 * The Excel add-in bundle: custom functions and task pane in ONE shared runtime.
 *
 *   npm run build        production build into dist/ (manifest URLs → ADDIN_PUBLIC_URL when set)
 *   npm run build:dev    development build into dist/
 *   npm run dev-server   https://localhost:3000/ (http if no trusted dev certificate can be had)
 *
 * dist/ holds taskpane.html (office.js from Microsoft's CDN, then functions.js and taskpane.js),
 * functions.json (generated from the JSDoc in functions/functions.ts), manifest.xml and assets/.
 * The manifest's Runtime, CustomFunctions Page and FunctionFile all point at taskpane.html.
 */
'use strict';

const path = require('path');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const { DEV_URL, publicUrlFromEnv, rewriteManifestUrls } = require('./scripts/manifest-urls');

const DEV_SERVER_PORT = Number(new URL(DEV_URL).port);

/**
 * https with the Office dev certificate when office-addin-dev-certs can provide a trusted one (it
 * creates and installs it on first use, as in Microsoft's templates), otherwise plain http with a
 * warning. The dev server never fails for want of a certificate: where the CA cannot be trusted
 * (no sudo, Linux CI) the pane still serves for browser tests, though Office itself needs https.
 */
async function devServerTransport() {
  let devCerts;
  try {
    // Not a declared dependency: present through office-addin-debugging (npm start).
    devCerts = require('office-addin-dev-certs');
  } catch {
    console.warn('[dev-server] office-addin-dev-certs is not installed: serving plain http.');
    return 'http';
  }
  try {
    const { ca, cert, key } = await devCerts.getHttpsServerOptions();
    return { type: 'https', options: { ca, cert, key } };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    console.warn(`[dev-server] no trusted localhost certificate (${reason}): serving plain http.`);
    return 'http';
  }
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
          use: {
            loader: 'ts-loader',
            options: {
              transpileOnly: true, // types are checked by `npm run typecheck`
              configFile: path.resolve(__dirname, 'tsconfig.webpack.json'),
            },
          },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({
        output: 'functions.json',
        input: path.resolve(__dirname, 'functions/functions.ts'),
      }),
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
    config.devServer = {
      host: 'localhost', // the manifest's host; nothing else on the network needs the dev build
      port: DEV_SERVER_PORT,
      server: await devServerTransport(),
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: false, // everything is served from the in-memory build, never the project folder
    };
  }

  return config;
};
