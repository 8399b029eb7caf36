/**
 * `npm run bench`: the national-scale benchmark. Generates 100 départements × 4 partner
 * workbooks (≈ 4 000 structures, 250 000 funding lines) in a temp folder, then measures in one
 * run (a) the full `build` through the CLI, (b) the floor of this stack on the same data
 * (exceljs streaming reader over the inputs + exceljs streaming writer writing as many rows),
 * (c) peak memory, plus the département scale end to end and the growth of linking and
 * duplicate detection. Writes docs/performance.md with the figures and the machine.
 *
 *   npm run bench [-- --departements 100] [-- --garder]
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { makeWorkload } from './make-workload';
import { scaling } from './scaling';

const ROOT = path.resolve(__dirname, '..');
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

interface Run {
  ms: number;
  peakMB: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a node script as a child, timing it from spawn to exit (start-up included) and reading its peak RSS. */
function run(args: string[], peakFile: string, nodeFlags: string[] = []): Promise<Run> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...nodeFlags, '--require', path.join(__dirname, 'report-peak.cjs'), ...args], {
      cwd: ROOT,
      env: { ...process.env, PILOTAGE_PEAK_FILE: peakFile },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', async (code) => {
      const ms = performance.now() - t0;
      const kb = Number(await fs.readFile(peakFile, 'utf8').catch(() => '0'));
      resolve({ ms, peakMB: Math.round(kb / 1024), code, stdout, stderr });
    });
  });
}

/** A fixed CPU-bound loop: shows how loaded the machine was while measuring. */
function calibrate(): number {
  const t = performance.now();
  let x = 0;
  for (let i = 0; i < 5e7; i++) x = (x + i * 7) % 1000003;
  if (x < 0) throw new Error('impossible');
  return Math.round(performance.now() - t);
}

const s = (ms: number) => `${(ms / 1000).toFixed(1).replace('.', ',')} s`;
const n = (x: number) => x.toLocaleString('fr-FR');

async function main() {
  const departements = Number(arg('departements') ?? 100);
  const keep = process.argv.includes('--garder');
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'pilotage-bench-'));
  const dir = path.join(tmp, 'entrees');
  const peak = path.join(tmp, 'peak');
  const calibBefore = calibrate();
  process.stderr.write(`Génération de ${departements} départements × 4 classeurs dans ${dir}…\n`);
  const t0 = performance.now();
  const w = await makeWorkload(dir, departements);
  const genMs = performance.now() - t0;
  const inputBytes = (await Promise.all(w.files.map((f) => fs.stat(f)))).reduce((a, st) => a + st.size, 0);
  process.stderr.write(`${w.files.length} fichiers, ${n(w.structures)} structures, ${n(w.lines)} lignes (${s(genMs)})\n`);

  process.stderr.write('(a) construction complète par la ligne de commande…\n');
  const out = path.join(tmp, 'pilotage.xlsx');
  const a = await run([path.join(ROOT, 'bin/pilotage-avs.js'), 'build', dir, '-o', out, '-q', '--date', '2020-12-31', '--report', path.join(tmp, 'rapport.json')], peak);
  if (a.code !== 0) throw new Error(`build en échec (${a.code}) : ${a.stderr.slice(-2000)}`);
  const report = JSON.parse(await fs.readFile(path.join(tmp, 'rapport.json'), 'utf8'));
  const outBytes = (await fs.stat(out)).size;
  // the output holds the rows it should, as real tables
  const fundingRows = report.counts.fundingLines + report.counts.duplicates;
  const cols = 16;

  // the same build with V8's heap capped: it collects sooner instead of growing (same result)
  process.stderr.write("(a') même construction, tas V8 limité à 900 Mo…\n");
  const capped = await run([path.join(ROOT, 'bin/pilotage-avs.js'), 'build', dir, '-o', path.join(tmp, 'pilotage-900.xlsx'), '-q', '--date', '2020-12-31'], peak, ['--max-old-space-size=900']);
  if (capped.code !== 0) throw new Error(`build (tas limité) en échec (${capped.code}) : ${capped.stderr.slice(-2000)}`);

  process.stderr.write('(b) plancher exceljs (lecture en flux + écriture en flux)…\n');
  const b = await run([require.resolve('tsx/cli'), path.join(__dirname, 'floor.ts'), dir, String(fundingRows), String(cols), path.join(tmp, 'plancher.xlsx')], peak);
  if (b.code !== 0) throw new Error(`plancher en échec : ${b.stderr.slice(-2000)}`);
  const floor = JSON.parse(b.stdout.trim().split('\n').pop() ?? '{}');

  process.stderr.write('Échelle départementale (4 classeurs, ~2 500 lignes)…\n');
  const dept = path.join(tmp, 'departement');
  await fs.mkdir(dept);
  for (const f of w.files.filter((x) => /(^|_d|[A-Z])001_/.test(path.basename(x)))) await fs.copyFile(f, path.join(dept, path.basename(f)));
  const deptRuns: Run[] = [];
  for (let i = 0; i < 3; i++) deptRuns.push(await run([path.join(ROOT, 'bin/pilotage-avs.js'), 'build', dept, '-o', path.join(tmp, `dept${i}.xlsx`), '-q', '--date', '2020-12-31'], peak));
  const deptMs = Math.min(...deptRuns.map((r) => r.ms));
  const startRuns: Run[] = [];
  for (let i = 0; i < 3; i++) startRuns.push(await run([path.join(ROOT, 'bin/pilotage-avs.js'), '--version'], peak));
  const startMs = Math.min(...startRuns.map((r) => r.ms));

  process.stderr.write('Croissance du rapprochement et des doublons (n puis 4n)…\n');
  const sc = scaling(1000, 62);

  // check the written tables (real ListObjects) with exceljs's streaming reader
  let tableRows = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(out, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
  for await (const ws of reader) if ((ws as unknown as { name: string }).name === 'Financements') for await (const row of ws) if (row) tableRows++;
  const calibAfter = calibrate();

  const floorMs = b.ms;
  const ratio = a.ms / floorMs;
  const cpu = os.cpus();
  const ok = (b: boolean) => (b ? 'atteint' : '**non atteint**');
  const md = `# Performances

Mesures produites par \`npm run bench\` (ne pas modifier à la main : relancer la commande).
Date : ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.

## Machine

- Processeur : ${cpu[0]?.model ?? 'inconnu'} — ${cpu.length} cœurs logiques ; mémoire : ${Math.round(os.totalmem() / 2 ** 30)} Go
- Node ${process.version}, ${os.type()} ${os.release()}
- Charge : boucle d'étalonnage de 5·10⁷ itérations en ${calibBefore} ms avant et ${calibAfter} ms après
  les mesures (≈ 150 ms sur une machine au repos) ; moyenne de charge ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')}.
  Une machine partagée et chargée allonge tous les temps ci-dessous dans la même proportion.

## Jeu de données national (généré dans un dossier temporaire)

${departements} départements × 4 classeurs (CAF, Département, MSA, FACS) : ${w.files.length} fichiers, ${n(Math.round(inputBytes / 1024))} Ko,
${n(w.structures)} structures, ${n(w.lines)} lignes de financement (dont ~1 % répétées dans une feuille « DM »),
${n(w.cells)} cellules. Génération : ${s(genMs)}.

## Résultats

| Mesure | Valeur | Objectif | |
|---|---|---|---|
| (a) construction complète (\`build\` : lecture, rapprochement, contrôles, programmation, COPIL, écriture), démarrage compris | ${s(a.ms)} | | |
| (b) plancher exceljs : lecture en flux des ${w.files.length} fichiers (${s(floor.readMs)}) + écriture en flux de ${n(fundingRows)} × ${cols} cellules (${s(floor.writeMs)}), démarrage compris | ${s(floorMs)} | | |
| rapport (a)/(b) | ${ratio.toFixed(2).replace('.', ',')} | ≤ 2,0 | ${ok(ratio <= 2)} |
| (c) mémoire résidente maximale de (a) | ${n(a.peakMB)} Mo | ≤ 1 024 Mo | ${ok(a.peakMB <= 1024)} |
| (a') la même construction avec \`node --max-old-space-size=900\` : temps, (a')/(b), mémoire maximale | ${s(capped.ms)}, ${(capped.ms / floorMs).toFixed(2).replace('.', ',')}, ${n(capped.peakMB)} Mo | ≤ 1 024 Mo | ${ok(capped.peakMB <= 1024)} |
| mémoire maximale du plancher (b) | ${n(b.peakMB)} Mo | | |
| échelle départementale (4 classeurs, ${n(Math.round(w.lines / departements))} lignes), démarrage compris (meilleur de 3) | ${s(deptMs)} | < 2 s | ${ok(deptMs < 2000)} |
| dont démarrage seul (\`pilotage-avs --version\`, paquet esbuild de \`npm run build:cli\`) | ${s(startMs)} | | |
| rapprochement des structures, n = ${n(sc.small.lines)} lignes → 4n = ${n(sc.big.lines)} | ${s(sc.small.link)} → ${s(sc.big.link)} (× ${sc.linkRatio.toFixed(2).replace('.', ',')}) | ≤ × 5 | ${ok(sc.linkRatio <= 5)} |
| détection des doublons, n → 4n | ${s(sc.small.dup)} → ${s(sc.big.dup)} (× ${sc.dupRatio.toFixed(2).replace('.', ',')}) | ≤ × 5 | ${ok(sc.dupRatio <= 5)} |

Classeur écrit : ${n(Math.round(outBytes / 1024))} Ko ; feuille Financements relue en flux : ${n(tableRows)} lignes, en-tête compris
(le rapport compte ${n(report.counts.fundingLines)} lignes de financement et ${n(report.counts.duplicates)} doublons) ; ${n(report.findings.length)} anomalies.

## Analyse

${
  ratio <= 2 && a.peakMB <= 1024 && deptMs < 2000
    ? 'Tous les objectifs sont atteints sur cette machine.'
    : [
        ratio > 2
          ? `- **(a)/(b) = ${ratio.toFixed(2).replace('.', ',')}** : au-delà de ce que fait le plancher (lire chaque cellule, écrire des lignes), la construction détecte les en-têtes et les colonnes de chaque feuille, lit et contrôle chaque valeur, rapproche ${n(w.lines)} lignes de ${n(w.structures)} structures, produit ${n(report.findings.length)} anomalies rédigées et les feuilles de programmation et de COPIL. La lecture passe par le modèle en mémoire d'exceljs (un petit fichier à la fois), plus lent que son lecteur en flux.`
          : '',
        a.peakMB > 1024
          ? `- **Mémoire ${n(a.peakMB)} Mo** avec les réglages par défaut de Node : sur une machine de ${Math.round(os.totalmem() / 2 ** 30)} Go, V8 laisse grossir son tas avant de collecter. Les données vivantes tiennent sous 1 Go : avec \`NODE_OPTIONS=--max-old-space-size=900\` la même construction culmine à ${n(capped.peakMB)} Mo en ${s(capped.ms)}. Ce qui reste en mémoire pendant toute la construction : les grilles de tous les fichiers, les lignes de financement, les anomalies (messages en français) et les lignes des feuilles à écrire ; l'écriture, elle, est en flux.`
          : '',
        sc.dupRatio > 5
          ? `- **Doublons × ${sc.dupRatio.toFixed(2).replace('.', ',')}** : l'algorithme est une seule passe de hachage (O(n)) ; au-delà de 200 000 lignes, la table de hachage et les clés ne tiennent plus dans les caches du processeur et le ramasse-miettes parcourt un tas quatre fois plus gros, d'où un peu plus que × 4 (${s(sc.big.dup)} pour ${n(sc.big.lines)} lignes).`
          : '',
        deptMs >= 2000
          ? `- **Échelle départementale ${s(deptMs)}** : le démarrage seul prend ${s(startMs)} (tsx compile le TypeScript à chaque lancement ; un paquet unique fait par esbuild démarre en environ 1 s sur cette même machine chargée) ; le reste est le calcul des feuilles annuelles (programmation, COPIL) et l'écriture exceljs des petites feuilles.`
          : '',
        calibBefore > 300 || calibAfter > 300
          ? `- La machine était chargée pendant la mesure (étalonnage ${calibBefore} / ${calibAfter} ms contre ≈ 150 ms au repos) : les temps absolus sont allongés d'autant, les rapports (a)/(b) et n → 4n le sont beaucoup moins.`
          : '',
      ]
        .filter(Boolean)
        .join('\n')
}

## Comment c'est obtenu

- Lecture : limites vérifiées avant chargement à partir du répertoire ZIP (docs/limites.md).
- Rapprochement : index de jetons, listes de candidats prises de la plus rare à la plus fréquente et
  bornées (${'`'}MAX_CANDIDATES${'`'}), cache par nom distinct ; doublons : une passe de hachage.
- Écriture : les feuilles de plus de 5 000 lignes sont écrites en flux par notre propre écrivain
  (\`src/adapters/exceljs/stream-sheet.ts\`, \`pack-streamed-sheets.ts\`) dans le paquet qu'exceljs produit
  pour les autres feuilles : mêmes tableaux, formats, validations et liens (test
  \`test/interop/stream-writer.test.ts\`), sans le modèle en mémoire d'exceljs.
`;
  await fs.mkdir(path.join(ROOT, 'docs'), { recursive: true });
  await fs.writeFile(path.join(ROOT, 'docs/performance.md'), md);
  process.stdout.write(md);
  if (!keep) await fs.rm(tmp, { recursive: true, force: true });
  else process.stderr.write(`Fichiers conservés dans ${tmp}\n`);
}

main().catch((e) => {
  process.stderr.write(`Erreur : ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
