/** ADDIN_PUBLIC_URL: how a production build points the copied manifest at the deployed add-in. */
import { readFileSync } from 'fs';
import path from 'path';

// Plain CommonJS shared with webpack.config.js.
const { DEV_URL, publicUrlFromEnv, rewriteManifestUrls } = require('../../scripts/manifest-urls.js') as {
  DEV_URL: string;
  publicUrlFromEnv(value: string | undefined): string | undefined;
  rewriteManifestUrls(xml: string, publicUrl: string): string;
};

const manifest = readFileSync(path.resolve(__dirname, '..', '..', 'manifest.xml'), 'utf8');

describe('ADDIN_PUBLIC_URL', () => {
  test('unset or empty: the manifest keeps the dev server', () => {
    expect(publicUrlFromEnv(undefined)).toBeUndefined();
    expect(publicUrlFromEnv('  ')).toBeUndefined();
  });

  test('is read as a base URL ending in "/"', () => {
    expect(publicUrlFromEnv('https://addins.example.com/hs')).toBe('https://addins.example.com/hs/');
    expect(publicUrlFromEnv(' https://addins.example.com/ ')).toBe('https://addins.example.com/');
  });

  test('anything Office would refuse stops the build', () => {
    expect(() => publicUrlFromEnv('http://addins.example.com/')).toThrow(/must be https/);
    expect(() => publicUrlFromEnv('addins.example.com')).toThrow(/not a URL/);
    expect(() => publicUrlFromEnv('https://addins.example.com/?v=1')).toThrow(/without \?query/);
  });

  test('every dev-server URL in manifest.xml is rewritten, and only those', () => {
    const rewritten = rewriteManifestUrls(manifest, 'https://addins.example.com/hs/');
    const count = (text: string, needle: string) => text.split(needle).length - 1;
    expect(count(manifest, DEV_URL)).toBeGreaterThan(5);
    expect(count(rewritten, 'https://addins.example.com/hs/')).toBe(count(manifest, DEV_URL));
    expect(rewritten).not.toContain('localhost');
    expect(rewritten.split('https://addins.example.com/hs/').join(DEV_URL)).toBe(manifest);
  });

  test('the URL is escaped for XML, and a dev URL the rewrite would miss is an error', () => {
    expect(rewriteManifestUrls(`<a b="${DEV_URL}x"/>`, 'https://h/a&b/')).toBe('<a b="https://h/a&amp;b/x"/>');
    expect(() => rewriteManifestUrls('<a b="https://localhost:3000"/>', 'https://h/')).toThrow(/dev server/);
  });
});
