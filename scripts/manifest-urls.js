/**
 * Where the add-in is served from, for webpack.config.js and its tests.
 *
 * manifest.xml is written for the dev server (DEV_URL). A production build copies it to dist/ and,
 * when ADDIN_PUBLIC_URL is set, points every URL at the deployed copy of dist/ instead, as
 * Microsoft's templates do with their urlProd.
 */
'use strict';

const DEV_URL = 'https://localhost:3000/';

/**
 * ADDIN_PUBLIC_URL as the base every manifest URL is rewritten to, or undefined when it is unset.
 * Office loads add-ins only over https, so anything else stops the build rather than producing a
 * manifest that Office would refuse.
 */
function publicUrlFromEnv(value) {
  if (value === undefined || value.trim() === '') return undefined;
  let url;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error(`ADDIN_PUBLIC_URL is not a URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'https:') {
    throw new Error(`ADDIN_PUBLIC_URL must be https (Office loads add-ins only over https): ${url.href}`);
  }
  if (url.search || url.hash) {
    throw new Error(`ADDIN_PUBLIC_URL must be a base URL without ?query or #fragment: ${url.href}`);
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

/** The manifest with every DEV_URL replaced by publicUrl (a base URL ending in "/"). */
function rewriteManifestUrls(xml, publicUrl) {
  const rewritten = xml.split(DEV_URL).join(publicUrl.replace(/&/g, '&amp;'));
  const left = rewritten.match(/https?:\/\/localhost[^"<\s]*/);
  if (left) {
    throw new Error(`manifest.xml still points at the dev server after rewriting: ${left[0]}`);
  }
  return rewritten;
}

module.exports = { DEV_URL, publicUrlFromEnv, rewriteManifestUrls };
