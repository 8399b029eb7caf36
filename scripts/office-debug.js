#!/usr/bin/env node
/**
 * `npm start` / `npm stop`: loads (sideloads) the add-in into Excel, or unloads it, with
 * office-addin-debugging run on demand through npx. It is not a dependency of the project: it
 * pulls keytar, a native module that needs libsecret and a compiler on Linux, and nobody who only
 * uses the CLI, the tests or the standalone pane should need a native build.
 *
 *   node scripts/office-debug.js start|stop [desktop|web] [office-addin-debugging options…]
 *
 * Without a platform, Excel desktop on this machine (Windows or Mac). When the tool cannot run
 * (no Excel desktop here, npx missing, registry out of reach, keytar not built), a French message
 * says what `npm start` needs and what to do instead. Plain Node, no dependency.
 */
const { spawn } = require('node:child_process');

const TOOL = 'office-addin-debugging@7.0.0';
const MANIFEST = 'manifest.xml';
const PLATFORMS = ['desktop', 'web', 'win32', 'macos'];

const NEEDS = [
  `« npm start » / « npm stop » chargent le complément dans Excel avec ${TOOL}, téléchargé à la demande`,
  'par npx (ce n’est pas une dépendance du projet : il tire keytar, un module natif). Il faut :',
  '  - Windows ou Mac avec Excel de bureau ; ailleurs, Excel sur le web seulement :',
  '    npm start -- web --document "<adresse d’un classeur OneDrive/SharePoint>" ;',
  '  - un accès au registre npm (premier lancement : téléchargement de l’outil) ;',
  '  - sous Linux, libsecret-1-dev et un compilateur (apt-get install libsecret-1-dev build-essential)',
  '    pour construire keytar.',
  'Sans cela :',
  '  - chargez manifest.xml à la main (README, « Charger le complément (sideloading) ») après',
  '    npm run dev-server ;',
  '  - ou utilisez le volet en mode autonome, sans Excel : npm run dev-server puis',
  '    https://localhost:3000/taskpane.html dans un navigateur ;',
  '  - la ligne de commande (npm run demo, npx pilotage-avs) et les tests n’en ont pas besoin.',
].join('\n');

/** The platform given to office-addin-debugging: the one named in args, else Excel desktop here. */
function platformToDebug(args, platform = process.platform) {
  const named = args.find((a) => PLATFORMS.includes(a.toLowerCase()));
  const target = named ? named.toLowerCase() : 'desktop';
  const desktopHere = platform === 'win32' || platform === 'darwin';
  if (
    (target === 'desktop' && !desktopHere) ||
    (target === 'win32' && platform !== 'win32') ||
    (target === 'macos' && platform !== 'darwin')
  )
    return { ok: false, reason: `Excel de bureau n’existe pas sur cette machine (${platform}).` };
  return { ok: true, args: named ? args : ['desktop', ...args] };
}

/** What went wrong, from the exit status and what npx / the tool wrote on stderr. */
function diagnose(status, stderr, spawnError) {
  if (spawnError && spawnError.code === 'ENOENT') return 'npx est introuvable (il vient avec npm).';
  if (spawnError) return `npx n’a pas pu être lancé (${spawnError.message}).`;
  if (/Unable to (start|stop) debugging|The current platform is not supported/i.test(stderr))
    return 'office-addin-debugging a signalé une erreur (ci-dessus).';
  if (status === 0) return null;
  if (/keytar|gyp|libsecret/i.test(stderr))
    return 'la construction du module natif keytar a échoué (libsecret-1-dev ou compilateur absent).';
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|npm error network|E404|E40[13]/i.test(stderr))
    return 'le registre npm est injoignable (pas de réseau, proxy, ou paquet introuvable).';
  // npm 11 leaves a failed install script (keytar) out of stderr: say what it may be
  return `npx ${TOOL} s’est arrêté avec le code ${status} (téléchargement de l’outil, construction de keytar ou erreur de l’outil : voir ci-dessus et le journal de npm).`;
}

function explain(command, problem) {
  process.stderr.write(
    `\nnpm ${command} : impossible de ${command === 'start' ? 'charger' : 'retirer'} le complément — ${problem}\n\n${NEEDS}\n`,
  );
}

/** Windows runs npx through cmd.exe: quote what the shell would split. */
const quote = (a) =>
  process.platform === 'win32' && /[\s"&|<>^]/.test(a) ? `"${a.replace(/"/g, '""')}"` : a;

function main(argv) {
  const [command, ...rest] = argv;
  if (command !== 'start' && command !== 'stop') {
    process.stderr.write(
      'usage : node scripts/office-debug.js start|stop [desktop|web] [options de office-addin-debugging…]\n',
    );
    return Promise.resolve(2);
  }
  const target = platformToDebug(rest);
  if (!target.ok) {
    explain(command, target.reason);
    return Promise.resolve(1);
  }
  const args = ['--yes', TOOL, command, MANIFEST, ...target.args];
  return new Promise((resolve) => {
    let stderr = '';
    let spawnError = null;
    const child = spawn('npx', args.map(quote), {
      stdio: ['inherit', 'inherit', 'pipe'],
      shell: process.platform === 'win32',
    });
    child.stderr.on('data', (b) => {
      stderr += b.toString();
      process.stderr.write(b);
    });
    let done = false;
    const finish = (status) => {
      if (done) return;
      done = true;
      const problem = diagnose(status ?? 1, stderr, spawnError);
      if (!problem) return resolve(0);
      explain(command, problem);
      resolve(1);
    };
    child.on('error', (e) => {
      spawnError = e;
      finish(1);
    });
    child.on('close', finish);
  });
}

module.exports = { platformToDebug, diagnose, NEEDS, TOOL };

if (require.main === module) main(process.argv.slice(2)).then((code) => process.exit(code));
