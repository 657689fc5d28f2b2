/**
 * The HS.* functions' help per language, from one source: the JSDoc of functions/functions.ts (ids,
 * parameters, types, options, Chinese help) and functions/translations.json (Chinese parameter names,
 * English help), joined by functions/localizeMetadata.js as the build joins them. The two metadata
 * files must list the same functions with the same parameters and types, and a translation that
 * drifts from the JSDoc must stop the build. (build.test.ts checks the files a real build emits.)
 */
import { readFileSync } from 'fs';
import path from 'path';
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';

const ROOT = path.resolve(__dirname, '..', '..');
const HAN = /\p{Script=Han}/u;

interface Parameter { name: string; description: string; type: string; dimensionality?: string; optional?: boolean }
interface Fn { id: string; name: string; description: string; parameters: Parameter[]; result: unknown; options?: unknown }
interface Metadata { functions: Fn[]; [key: string]: unknown }
type Translations = { common: Record<string, Record<string, string>>; functions: Record<string, { 'en-US': string; parameters: Record<string, Record<string, string>> }> };

const { LOCALES, METADATA_FILES, localizeMetadata } = require('../../functions/localizeMetadata.js') as {
  LOCALES: string[];
  METADATA_FILES: Record<string, string>;
  localizeMetadata(metadata: Metadata, translations: unknown): Record<string, Metadata>;
};

const translations = (): Translations => JSON.parse(readFileSync(path.join(ROOT, 'functions', 'translations.json'), 'utf8'));
let generated: Metadata;
let localized: Record<string, Metadata>;

beforeAll(async () => {
  const result = await generateCustomFunctionsMetadata(path.join(ROOT, 'functions', 'functions.ts'));
  expect(result.errors).toEqual([]);
  generated = JSON.parse(result.metadataJson);
  localized = localizeMetadata(generated, translations());
}, 60_000);

/** A function without its words: what must be identical in every language. */
const shape = (f: Fn) => ({ ...f, description: undefined, parameters: f.parameters.map((p) => ({ ...p, name: undefined, description: undefined })) });

describe('functions.json (zh-CN) and functions.en-US.json', () => {
  test('one file per locale: Chinese is the default, English the en-US override', () => {
    expect(LOCALES).toEqual(['zh-CN', 'en-US']);
    expect(METADATA_FILES).toEqual({ 'zh-CN': 'functions.json', 'en-US': 'functions.en-US.json' });
  });

  test('list the same functions, parameters, types and options as the JSDoc, in the same order', () => {
    const ids = generated.functions.map((f) => f.id);
    expect(ids.length).toBeGreaterThanOrEqual(22);
    for (const locale of LOCALES) {
      const m = localized[locale];
      expect({ locale, ids: m.functions.map((f) => f.id) }).toEqual({ locale, ids });
      expect(m.functions.map(shape)).toEqual(generated.functions.map(shape));
      expect(Object.keys(m).sort()).toEqual(Object.keys(generated).sort()); // allowCustomDataForDataTypeAny and the like, kept
      for (const f of m.functions) expect({ id: f.id, name: f.name }).toEqual({ id: f.id, name: f.id }); // =HS.<id> in every Excel
    }
  });

  test('zh-CN: Chinese parameter names and help; en-US: the JSDoc names with English help', () => {
    const zh = localized['zh-CN'];
    const en = localized['en-US'];
    zh.functions.forEach((f, i) => {
      const source = generated.functions[i];
      expect({ id: f.id, description: f.description }).toEqual({ id: f.id, description: source.description });
      expect(new Set(f.parameters.map((p) => p.name)).size).toBe(f.parameters.length);
      f.parameters.forEach((p, k) => {
        expect({ parameter: `${f.id}.${source.parameters[k].name}`, name: p.name, help: p.description }).toEqual({
          parameter: `${f.id}.${source.parameters[k].name}`, name: expect.stringMatching(/^[\p{Script=Han}A-Za-z0-9]+$/u), help: source.parameters[k].description,
        });
        expect(p.name).toMatch(HAN);
      });
    });
    en.functions.forEach((f, i) => {
      const source = generated.functions[i];
      expect(f.description).toMatch(/^[A-Z“"]/);
      expect(f.description).not.toBe(source.description);
      f.parameters.forEach((p, k) => {
        expect({ parameter: `${f.id}.${p.name}`, name: p.name, english: /[A-Za-z]{3}/.test(p.description) }).toEqual({
          parameter: `${f.id}.${p.name}`, name: source.parameters[k].name, english: true,
        });
      });
    });
    // What a Chinese analyst sees for =HS.JOBRATE( …
    expect(zh.functions.find((f) => f.id === 'JOBRATE')!.parameters.map((p) => p.name)).toEqual(['劳动力总数', '登记失业人数', '评分细则']);
    expect(en.functions.find((f) => f.id === 'JOBRATE')!.parameters.map((p) => p.name)).toEqual(['laborForce', 'registeredUnemployed', 'rubric']);
  });

  test('a translation that drifts from the JSDoc stops the build, naming every problem', () => {
    const drifted = translations();
    delete drifted.functions.TOWNRATE;
    drifted.functions.JOBRATE.parameters.laborforce = { 'zh-CN': '劳动力', 'en-US': 'Labour force.' };
    drifted.functions.RATE.parameters.numerator = { 'zh-CN': '分 子', 'en-US': 'The numerator.' };
    drifted.functions.GONE = { 'en-US': 'A function that was removed.', parameters: {} };
    delete drifted.common.rubric['en-US'];
    let message = '';
    try {
      localizeMetadata(generated, drifted);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('TOWNRATE: no entry in functions/translations.json');
    expect(message).toContain('JOBRATE: translations.json has a parameter laborforce that the JSDoc does not');
    expect(message).toContain('RATE.numerator: no Chinese name');
    expect(message).toContain('translations.json names GONE, which functions/functions.ts does not define');
    expect(message).toContain('ITEMS.rubric: no English description');
  });

  test('a JSDoc parameter added without a translation stops the build too', () => {
    const grown: Metadata = JSON.parse(JSON.stringify(generated));
    grown.functions[0].parameters.push({ name: 'extra', description: '新参数。', type: 'any', optional: true });
    expect(() => localizeMetadata(grown, translations())).toThrow(/JOBRATE\.extra: no Chinese name[\s\S]*JOBRATE\.extra: no English description/);
  });
});
