/**
 * The add-in manifest as dist/ ships it (used by webpack.config.js, tested in
 * test/scripts/addin-manifest.test.ts). manifest.xml in the repository points at the dev server
 * (https://localhost:3000/); a production build points it at ADDIN_PUBLIC_URL.
 *
 * - Without ADDIN_PUBLIC_URL a production build still builds (CI, the browser test) but its
 *   manifest is loudly a development one: display name « Pilotage AVS (DÉVELOPPEMENT, localhost) »,
 *   a comment at the top of the file and a webpack warning. It must not be deployed.
 * - `<AppDomain>` holds a domain (an origin: scheme, host, port), never a path, as the manifest
 *   reference's AppDomain element says (issue 13); the domain of the SourceLocation itself need
 *   not be listed, so the repository manifest lists none, and any listed one is reduced to its
 *   origin.
 */
const DEV_URL = 'https://localhost:3000/';

function normalise(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`ADDIN_PUBLIC_URL n'est pas une adresse : ${url}`);
  }
  if (u.protocol !== 'https:') throw new Error(`ADDIN_PUBLIC_URL doit être en https (Office n'accepte que des compléments servis en HTTPS) : ${url}`);
  return u.href.replace(/\/?$/, '/');
}

/** @returns {{ xml: string, development: boolean, url: string, warning?: string }} */
function manifestFor(source, { production, publicUrl }) {
  const development = !publicUrl;
  const url = development ? DEV_URL : normalise(publicUrl);
  // the repository's note to developers (which names the dev server) stays out of dist/
  let xml = (production ? source.replace(/<!-- Pilotage AVS: classic[\s\S]*?-->\n/, '') : source).split(DEV_URL).join(url).split(DEV_URL.slice(0, -1)).join(url.slice(0, -1));
  xml = xml.replace(/<AppDomain>([^<]*)<\/AppDomain>/g, (_m, d) => `<AppDomain>${new URL(d.trim()).origin}</AppDomain>`);
  if (!production || !development) return { xml, development, url };
  xml = xml
    .replace('<DisplayName DefaultValue="Pilotage AVS"/>', '<DisplayName DefaultValue="Pilotage AVS (DÉVELOPPEMENT, localhost)"/>')
    .replace(/(<\?xml[^>]*\?>\n)/, '$1<!-- MANIFESTE DE DÉVELOPPEMENT : construit sans ADDIN_PUBLIC_URL, il pointe vers https://localhost:3000. Ne pas le déployer : ADDIN_PUBLIC_URL=https://<serveur>/pilotage-avs/ npm run build -->\n');
  const warning =
    'Manifeste de DÉVELOPPEMENT : ADDIN_PUBLIC_URL absent, dist/manifest.xml pointe vers https://localhost:3000. ' +
    'Pour le déployer : ADDIN_PUBLIC_URL=https://<serveur>/pilotage-avs/ npm run build';
  return { xml, development, url, warning };
}

module.exports = { DEV_URL, manifestFor };
