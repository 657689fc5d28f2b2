/**
 * The dev server cannot fail silently (scripts/dev-server-check.js): with the manifest saying https it
 * serves https with the Office dev certificate or refuses to start, printing the fix in Chinese and
 * English; it serves http only when the manifest says http or the developer asks (--env http); its
 * port is package.json's config.dev_server_port and must be the manifest's.
 */
import { readFileSync } from 'fs';
import path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const manifestXml = readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');

const check = require('../../scripts/dev-server-check.js') as {
  DevServerRefused: new (message: string) => Error;
  configuredPort(env?: Record<string, string | undefined>, packageJson?: unknown): number;
  manifestSourceUrl(xml: string): URL;
  devServerTransport(options: {
    manifestXml: string;
    port: number;
    allowHttp?: boolean;
    loadCertificates?: () => Promise<{ ca: string; cert: string; key: string }>;
    warn?: (message: string) => void;
  }): Promise<'http' | { type: 'https'; options: { ca: string; cert: string; key: string } }>;
};

const noCertificate = async (): Promise<never> => {
  throw new Error('Unable to install the CA certificate.\nsudo: a password is required');
};
const certificate = async () => ({ ca: 'CA', cert: 'CERT', key: 'KEY' });

describe('npm run dev-server', () => {
  test('serves https with the Office dev certificate when the manifest says https', async () => {
    expect(check.manifestSourceUrl(manifestXml).href).toBe('https://localhost:3000/taskpane.html');
    await expect(check.devServerTransport({ manifestXml, port: 3000, loadCertificates: certificate })).resolves.toEqual({ type: 'https', options: { ca: 'CA', cert: 'CERT', key: 'KEY' } });
  });

  test('refuses http while the manifest says https, with the fix in Chinese and English', async () => {
    const refusal = check.devServerTransport({ manifestXml, port: 3000, loadCertificates: noCertificate });
    await expect(refusal).rejects.toBeInstanceOf(check.DevServerRefused);
    const message = await refusal.then(() => '', (error: Error) => error.message);
    expect(message).toContain('拒绝以 http 提供加载项');
    expect(message).toContain('Refusing to serve the add-in over http');
    expect(message).toContain('Unable to install the CA certificate.'); // the reason, its first line
    expect(message).not.toContain('sudo');
    expect(message.match(/npx office-addin-dev-certs install/g)).toHaveLength(2);
    expect(message.match(/npm run dev-server -- --env http/g)).toHaveLength(2);
  });

  test('serves http only when asked (--env http), and says Excel will not load it', async () => {
    const warnings: string[] = [];
    await expect(check.devServerTransport({ manifestXml, port: 3000, allowHttp: true, loadCertificates: noCertificate, warn: (m) => warnings.push(m) })).resolves.toBe('http');
    expect(warnings.join('\n')).toMatch(/Excel 不会从 http 加载加载项[\s\S]*Excel will not load the add-in over http/);
  });

  test('a manifest that says http is served over http', async () => {
    const httpManifest = manifestXml.split('https://localhost:3000/').join('http://localhost:3000/');
    await expect(check.devServerTransport({ manifestXml: httpManifest, port: 3000, loadCertificates: noCertificate })).resolves.toBe('http');
  });

  test("the port is package.json's config.dev_server_port, and must be the manifest's", async () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(check.configuredPort({}, pkg)).toBe(3000);
    expect(check.configuredPort({ npm_package_config_dev_server_port: '3000' }, {})).toBe(3000);
    expect(() => check.configuredPort({}, {})).toThrow(/config\.dev_server_port/);
    await expect(check.devServerTransport({ manifestXml, port: 3001, loadCertificates: certificate })).rejects.toThrow(/3001[\s\S]*端口 3000[\s\S]*make them the same/);
  });

  test('package.json: npm start checks first (prestart), in the terminal the developer sees', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.prestart).toBe('node scripts/dev-server-check.js');
    expect(pkg.scripts['dev-server']).toBe('webpack serve --mode development');
    expect(pkg.scripts.package).toBe('node scripts/package.js');
  });
});
