#!/usr/bin/env node
'use strict';
// The CLI is TypeScript compiled to lib/ by `npm run build:cli` (run by `prepare` on npm ci).
require('../lib/src/cli/main.js').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(`hs-score: 内部错误：${err && err.stack ? err.stack : err}`); process.exitCode = 70; },
);
