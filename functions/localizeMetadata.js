/**
 * The HS.* functions' metadata in each language, from one source.
 *
 * custom-functions-metadata-plugin writes functions.json from the JSDoc in functions/functions.ts: ids,
 * parameters, types, options and the Chinese help. functions/translations.json adds each parameter's
 * Chinese name and the English help. From the two this module makes one metadata file per locale
 * (Microsoft's "Localize custom functions": a JSON file per language, chosen by the manifest's
 * <bt:Override Locale="en-US"> on the metadata URL):
 *
 *   zh-CN  functions.json         (the manifest's DefaultLocale)  Chinese parameter names and help
 *   en-US  functions.en-US.json                                  English parameter names and help
 *
 * Everything but the words is copied from the generated metadata, so the two files cannot differ in
 * ids, parameters, types or options; a function or parameter that translations.json lacks, or names
 * without the JSDoc having it, stops the build with the list of what is wrong. Function names stay
 * the ids in both languages (=HS.MONTHSCORES in every Excel: the formulas the pane writes use them).
 *
 * Plain CommonJS: webpack.config.js runs it in the build, the tests call it directly.
 */
'use strict';

const LOCALES = ['zh-CN', 'en-US'];
/** File name of each locale's metadata in dist/ (and in the manifest). */
const METADATA_FILES = { 'zh-CN': 'functions.json', 'en-US': 'functions.en-US.json' };
const HAN = /\p{Script=Han}/u;
const LATIN = /[A-Za-z]{3}/;

/**
 * One metadata object per locale, from the generated metadata (an object as parsed from
 * functions.json) and translations.json. Throws one Error listing every problem found.
 */
function localizeMetadata(metadata, translations) {
  const problems = [];
  const functions = (translations && translations.functions) || {};
  const common = (translations && translations.common) || {};
  const ids = new Set(metadata.functions.map((f) => f.id));
  for (const id of Object.keys(functions)) {
    if (!ids.has(id)) problems.push(`translations.json names ${id}, which functions/functions.ts does not define`);
  }
  const out = Object.fromEntries(LOCALES.map((locale) => [locale, { ...metadata, functions: [] }]));
  for (const fn of metadata.functions) {
    const t = functions[fn.id];
    if (!t) {
      problems.push(`${fn.id}: no entry in functions/translations.json`);
      continue;
    }
    const names = new Set(fn.parameters.map((p) => p.name));
    for (const name of Object.keys(t.parameters || {})) {
      if (!names.has(name)) problems.push(`${fn.id}: translations.json has a parameter ${name} that the JSDoc does not`);
    }
    const english = t['en-US'];
    if (!isText(english) || !LATIN.test(english)) problems.push(`${fn.id}: no English description`);
    if (!HAN.test(fn.description || '')) problems.push(`${fn.id}: the JSDoc description is not Chinese`);
    const localized = Object.fromEntries(LOCALES.map((locale) => [locale, { ...fn, parameters: [] }]));
    localized['en-US'].description = english;
    const zhNames = new Set();
    for (const p of fn.parameters) {
      const own = (t.parameters || {})[p.name] || {};
      const shared = common[p.name] || {};
      const zhName = own['zh-CN'] || shared['zh-CN'];
      const enHelp = own['en-US'] || shared['en-US'];
      if (!isText(zhName) || !HAN.test(zhName) || /[\s,，()（）[\]]/.test(zhName)) {
        problems.push(`${fn.id}.${p.name}: no Chinese name (Han characters, no spaces, commas or brackets)`);
      } else if (zhNames.has(zhName)) {
        problems.push(`${fn.id}.${p.name}: the Chinese name ${zhName} is used twice in the function`);
      }
      zhNames.add(zhName);
      if (!isText(enHelp) || !LATIN.test(enHelp)) problems.push(`${fn.id}.${p.name}: no English description`);
      if (!HAN.test(p.description || '')) problems.push(`${fn.id}.${p.name}: the JSDoc description is not Chinese`);
      localized['zh-CN'].parameters.push({ ...p, name: zhName });
      localized['en-US'].parameters.push({ ...p, description: enHelp });
    }
    for (const locale of LOCALES) out[locale].functions.push(localized[locale]);
  }
  if (problems.length) throw new Error(`The HS.* function help is out of step with functions/functions.ts:\n  ${problems.join('\n  ')}`);
  return out;
}

function isText(value) {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * Webpack plugin: after custom-functions-metadata-plugin has put functions.json among the assets,
 * replaces it by the zh-CN metadata and adds functions.en-US.json. A drift is a build error.
 */
class LocalizedFunctionsMetadataPlugin {
  constructor(options) {
    this.translationsFile = options.translations;
  }

  apply(compiler) {
    const { Compilation, WebpackError, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('LocalizedFunctionsMetadataPlugin', (compilation) => {
      compilation.fileDependencies.add(this.translationsFile);
      compilation.hooks.processAssets.tap(
        { name: 'LocalizedFunctionsMetadataPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONS },
        () => {
          const generated = compilation.getAsset(METADATA_FILES['zh-CN']);
          if (!generated) return; // the metadata plugin has already reported why
          try {
            const translations = JSON.parse(require('fs').readFileSync(this.translationsFile, 'utf8'));
            const localized = localizeMetadata(JSON.parse(generated.source.source().toString()), translations);
            for (const locale of LOCALES) {
              const json = `${JSON.stringify(localized[locale], null, 2)}\n`;
              const file = METADATA_FILES[locale];
              if (compilation.getAsset(file)) compilation.updateAsset(file, new sources.RawSource(json));
              else compilation.emitAsset(file, new sources.RawSource(json));
            }
          } catch (error) {
            compilation.errors.push(new WebpackError(error instanceof Error ? error.message : String(error)));
          }
        },
      );
    });
  }
}

module.exports = { LOCALES, METADATA_FILES, localizeMetadata, LocalizedFunctionsMetadataPlugin };
