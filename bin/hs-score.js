#!/usr/bin/env node
'use strict';
// The CLI is TypeScript compiled to lib/ by `npm run build:cli` (run by `prepare` on npm ci).
require('../lib/src/cli/main.js').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  // main() reports every failure itself; this is only for one it could not even report.
  (err) => { console.error(`hs-score：发生意外错误，未完成（${err && err.message ? String(err.message).split('\n')[0] : err}）。`); process.exitCode = 70; },
);
