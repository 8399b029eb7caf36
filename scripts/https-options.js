/**
 * HTTPS for `npm run dev-server` (webpack.config.js): office-addin-dev-certs makes a localhost
 * certificate and installs its authority in the system's trust store. When installing needs what
 * the machine lacks (sudo on Linux, administrator rights), the server still starts with the
 * generated certificate and says, in French, how to trust it by hand; when no certificate can be
 * made at all, the error says in French what `npm run dev-server` needs and what to do instead.
 * Plain Node.
 */
const fs = require('node:fs');

const firstLine = (err) =>
  String((err && err.message) || err)
    .split('\n')
    .find((l) => l.trim()) || 'erreur inconnue';

/** The certificate files office-addin-dev-certs uses (in ~/.office-addin-dev-certs). */
function defaultPaths() {
  const d = require('office-addin-dev-certs/lib/defaults');
  return {
    dir: d.certificateDirectory,
    ca: d.caCertificatePath,
    cert: d.localhostCertificatePath,
    key: d.localhostKeyPath,
  };
}

async function httpsOptions({
  devCerts = require('office-addin-dev-certs'),
  paths = defaultPaths(),
  warn = console.warn,
} = {}) {
  let failure;
  try {
    return await devCerts.getHttpsServerOptions();
  } catch (err) {
    failure = firstLine(err);
  }
  let options;
  try {
    options = {
      ca: fs.readFileSync(paths.ca),
      cert: fs.readFileSync(paths.cert),
      key: fs.readFileSync(paths.key),
    };
  } catch {
    throw new Error(
      [
        `npm run dev-server : impossible de créer les certificats HTTPS de développement (office-addin-dev-certs) : ${failure}`,
        `Il faut pouvoir écrire dans ${paths.dir} et, pour qu’Excel accepte https://localhost:3000, installer l’autorité`,
        'de certification (droits d’administrateur ; sous Linux : sudo et update-ca-certificates).',
        'Autres possibilités : npx office-addin-dev-certs install puis relancer ; ou npm run build et publier dist/',
        'sur un serveur HTTPS (voir le README) ; la ligne de commande et les tests n’en ont pas besoin.',
      ].join('\n'),
    );
  }
  warn(
    [
      `(avis) certificat de développement présent dans ${paths.dir} mais autorité non installée : ${failure}`,
      'Le serveur démarre quand même ; le navigateur avertira et Excel refusera le volet tant que cette autorité',
      `n’est pas approuvée : sudo npx office-addin-dev-certs install (Linux), npx office-addin-dev-certs install`,
      `(Windows, Mac), ou importez ${paths.ca} comme autorité de certification dans le navigateur.`,
    ].join('\n'),
  );
  return options;
}

module.exports = { httpsOptions };
