/**
 * `npm run bench`: the national-scale benchmark. Generates 100 départements × 4 partner
 * workbooks (≈ 4 000 structures, 250 000 funding lines) in a temp folder, then measures, each
 * run a child process timed from spawn to exit (start-up included) with its peak RSS:
 * (a) the full `build` through the CLI and (b) the floor of this stack on the same data (exceljs
 * streaming reader over the inputs + exceljs streaming writer writing as many rows), interleaved
 * a, b, a, b, a, b so that a load change on a shared machine hits both: min and spread of each,
 * ratio of the minima; peak memory with Node's default settings at 25, 50 and 100 départements
 * (the slope); the département scale end to end (interleaved with start-up alone); the hostile
 * corpus's memory; the growth of linking and duplicate detection. Writes docs/performance.md.
 *
 *   npm run bench [-- --departements 100] [-- --repetitions 3] [-- --garder]
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { makeWorkload } from './make-workload';
import { scaling } from './scaling';
import { makeHostile } from '../scripts/make-hostile';

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
const s2 = (ms: number) => `${(ms / 1000).toFixed(2).replace('.', ',')} s`;
const n = (x: number) => x.toLocaleString('fr-FR');
const dec = (x: number, d = 2) => x.toFixed(d).replace('.', ',');
const pct = (x: number) => `${Math.round(x * 100)} %`;

/** Minimum, maximum and spread ((max − min) / min) of a series. */
function stats(xs: number[]) {
  const min = Math.min(...xs);
  const max = Math.max(...xs);
  return { min, max, spread: min > 0 ? (max - min) / min : 0, all: xs };
}
type Stats = ReturnType<typeof stats>;
const timeCell = (x: Stats, f = s) => `${f(x.min)} (min de ${x.all.length} ; max ${f(x.max)}, écart ${pct(x.spread)} ; ${x.all.map(f).join(' / ')})`;

/** Copies the files of the first `k` départements (names carry the number on 3 digits). */
async function subset(files: string[], k: number, dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  for (const f of files) {
    const d = Number(/(\d{3})_/.exec(path.basename(f))?.[1]);
    if (d >= 1 && d <= k) await fs.copyFile(f, path.join(dir, path.basename(f)));
  }
}

async function main() {
  const departements = Number(arg('departements') ?? 100);
  const reps = Math.max(1, Number(arg('repetitions') ?? 3));
  const keep = process.argv.includes('--garder');
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'pilotage-bench-'));
  const dir = path.join(tmp, 'entrees');
  const peak = path.join(tmp, 'peak');
  const cli = path.join(ROOT, 'bin/pilotage-avs.js');
  const load0 = os.loadavg();
  const calibBefore = calibrate();
  process.stderr.write(`Génération de ${departements} départements × 4 classeurs dans ${dir}…\n`);
  const t0 = performance.now();
  const w = await makeWorkload(dir, departements);
  const genMs = performance.now() - t0;
  const inputBytes = (await Promise.all(w.files.map((f) => fs.stat(f)))).reduce((a, st) => a + st.size, 0);
  process.stderr.write(`${w.files.length} fichiers, ${n(w.structures)} structures, ${n(w.lines)} lignes (${s(genMs)})\n`);

  const build = async (input: string, out: string, report?: string) => {
    const r = await run([cli, 'build', input, '-o', out, '-q', '--date', '2020-12-31', ...(report ? ['--report', report] : [])], peak);
    if (r.code !== 0) throw new Error(`build en échec (${r.code}) : ${r.stderr.slice(-2000)}`);
    return r;
  };

  // (a) and (b) interleaved
  const out = path.join(tmp, 'pilotage.xlsx');
  const aRuns: Run[] = [];
  const bRuns: Run[] = [];
  let floor = { readMs: 0, writeMs: 0 };
  let fundingRows = 0;
  const cols = 16;
  for (let i = 0; i < reps; i++) {
    process.stderr.write(`(a) construction complète ${i + 1}/${reps}…\n`);
    // a first build each time: a re-fill of the previous output is measured apart, below
    await fs.rm(out, { force: true });
    aRuns.push(await build(dir, out, path.join(tmp, 'rapport.json')));
    if (!fundingRows) {
      const r0 = JSON.parse(await fs.readFile(path.join(tmp, 'rapport.json'), 'utf8'));
      fundingRows = r0.counts.fundingLines + r0.counts.duplicates;
    }
    process.stderr.write(`(b) plancher exceljs ${i + 1}/${reps}…\n`);
    const b = await run([require.resolve('tsx/cli'), path.join(__dirname, 'floor.ts'), dir, String(fundingRows), String(cols), path.join(tmp, 'plancher.xlsx')], peak);
    if (b.code !== 0) throw new Error(`plancher en échec : ${b.stderr.slice(-2000)}`);
    bRuns.push(b);
    const f = JSON.parse(b.stdout.trim().split('\n').pop() ?? '{}');
    if (!floor.readMs || f.readMs + f.writeMs < floor.readMs + floor.writeMs) floor = f;
  }
  // (a') the same build again on the workbook it wrote: the monthly re-fill (typed notes kept, Changements)
  const refillRuns: Run[] = [];
  for (let i = 0; i < Math.min(2, reps); i++) {
    process.stderr.write(`(a') remplissage du classeur existant ${i + 1}…\n`);
    refillRuns.push(await build(dir, out));
  }
  const R = stats(refillRuns.map((r) => r.ms));
  const peakR = stats(refillRuns.map((r) => r.peakMB));
  const report = JSON.parse(await fs.readFile(path.join(tmp, 'rapport.json'), 'utf8'));
  const outBytes = (await fs.stat(out)).size;
  const A = stats(aRuns.map((r) => r.ms));
  const B = stats(bRuns.map((r) => r.ms));
  const peakA = stats(aRuns.map((r) => r.peakMB));
  const ratio = A.min / B.min;

  // memory slope: peak RSS at a quarter, a half and all of the départements, default Node settings
  process.stderr.write('Mémoire à 1/4 et 1/2 des départements…\n');
  const sizes: { dep: number; lines: number; peakMB: number }[] = [];
  for (const k of [Math.max(1, Math.round(departements / 4)), Math.max(1, Math.round(departements / 2))]) {
    const sub = path.join(tmp, `d${k}`);
    await subset(w.files, k, sub);
    const r = await build(sub, path.join(tmp, `d${k}.xlsx`), path.join(tmp, `d${k}.json`));
    const rep = JSON.parse(await fs.readFile(path.join(tmp, `d${k}.json`), 'utf8'));
    sizes.push({ dep: k, lines: rep.counts.fundingLines + rep.counts.duplicates, peakMB: r.peakMB });
  }
  sizes.push({ dep: departements, lines: fundingRows, peakMB: peakA.max });
  const per10k = (x: { lines: number; peakMB: number }) => (x.peakMB / x.lines) * 10000;
  const first = sizes[0];
  const last = sizes[sizes.length - 1];
  const slope = last.lines > first.lines ? ((last.peakMB - first.peakMB) / (last.lines - first.lines)) * 10000 : 0;

  process.stderr.write('Échelle départementale (4 classeurs, ~2 500 lignes) et démarrage seul, alternés…\n');
  const dept = path.join(tmp, 'departement');
  await subset(w.files, 1, dept);
  const deptRuns: Run[] = [];
  const startRuns: Run[] = [];
  for (let i = 0; i < reps; i++) {
    deptRuns.push(await build(dept, path.join(tmp, `dept${i}.xlsx`)));
    startRuns.push(await run([cli, '--version'], peak));
  }
  const D = stats(deptRuns.map((r) => r.ms));
  const St = stats(startRuns.map((r) => r.ms));

  process.stderr.write('Corpus hostile (un million de lignes, bombe, …) : mémoire…\n');
  const hostile = path.join(tmp, 'hostile');
  await makeHostile(hostile);
  for (const f of await fs.readdir(path.join(ROOT, 'examples/partenaires'))) await fs.copyFile(path.join(ROOT, 'examples/partenaires', f), path.join(hostile, f));
  const h = await build(hostile, path.join(tmp, 'hostile.xlsx'));
  const growth = h.peakMB - Math.min(...startRuns.map((r) => r.peakMB));

  process.stderr.write('Croissance du rapprochement et des doublons (n puis 4n)…\n');
  const sc = scaling(1000, 62);

  // check the written tables (real ListObjects) with exceljs's streaming reader
  let tableRows = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(out, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
  for await (const ws of reader) if ((ws as unknown as { name: string }).name === 'Financements') for await (const row of ws) if (row) tableRows++;
  const calibAfter = calibrate();
  const load1 = os.loadavg();

  const cpu = os.cpus();
  const ok = (b: boolean) => (b ? 'atteint' : '**non atteint**');
  const noisy = Math.max(A.spread, B.spread, D.spread);
  const md = `# Performances

Mesures produites par \`npm run bench\` (ne pas modifier à la main : relancer la commande).
Date : ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.

## Machine et bruit de mesure

- Processeur : ${cpu[0]?.model ?? 'inconnu'} — ${cpu.length} cœurs logiques ; mémoire : ${Math.round(os.totalmem() / 2 ** 30)} Go
- Node ${process.version}, ${os.type()} ${os.release()} ; chaque mesure est un processus fils avec les réglages
  par défaut de Node (aucune option de tas), chronométré du lancement à la sortie.
- Charge : boucle d'étalonnage de 5·10⁷ itérations en ${calibBefore} ms avant et ${calibAfter} ms après
  (≈ 150 ms sur une machine au repos) ; moyenne de charge ${load0.map((x) => x.toFixed(1)).join(' / ')} au début,
  ${load1.map((x) => x.toFixed(1)).join(' / ')} à la fin, pour ${cpu.length} cœurs.
- **Bruit** : (a) et (b) sont lancés en alternance (a, b, a, b…, ${reps} fois chacun) ; l'écart entre la plus
  lente et la plus rapide de leurs exécutions est de ${pct(A.spread)} pour (a), ${pct(B.spread)} pour (b),
  ${pct(D.spread)} à l'échelle départementale. ${noisy > 0.25 ? 'La machine était **bruyante** : seuls les minima et leur rapport sont à comparer d’une exécution à l’autre.' : 'Mesure peu bruitée.'}

## Jeu de données national (généré dans un dossier temporaire)

${departements} départements × 4 classeurs (CAF, Département, MSA, FACS) : ${w.files.length} fichiers, ${n(Math.round(inputBytes / 1024))} Ko,
${n(w.structures)} structures, ${n(w.lines)} lignes de financement (dont ~1 % répétées dans une feuille « DM »),
${n(w.cells)} cellules. Génération : ${s(genMs)}.

## Résultats

| Mesure | Valeur | Objectif | |
|---|---|---|---|
| (a) construction complète (\`build\` : lecture, rapprochement, contrôles, programmation, COPIL, écriture), démarrage compris | ${timeCell(A)} | | |
| (b) plancher exceljs : lecture en flux des ${w.files.length} fichiers (${s(floor.readMs)}) + écriture en flux de ${n(fundingRows)} × ${cols} cellules (${s(floor.writeMs)}), démarrage compris | ${timeCell(B)} | | |
| rapport des minima (a)/(b) | ${dec(ratio)} | ≤ 1,5 à 100 départements | ${departements >= 100 ? ok(ratio <= 1.5) : 'échelle réduite : non comparable'} |
| (c) mémoire résidente maximale de (a), réglages par défaut | ${n(peakA.max)} Mo (${peakA.all.map(n).join(' / ')} Mo) | ≤ 1 024 Mo à 100 départements | ${departements >= 100 ? ok(peakA.max <= 1024) : 'échelle réduite : non comparable'} |
| (a') remplissage du classeur déjà écrit (même construction, notes saisies gardées, feuille Changements) | ${timeCell(R)} ; mémoire maximale ${n(peakR.max)} Mo (${peakR.all.map(n).join(' / ')} Mo) | ≤ 1 024 Mo | ${departements >= 100 ? ok(peakR.max <= 1024) : 'échelle réduite : non comparable'} |
| mémoire maximale selon la taille : ${sizes.map((x) => `${x.dep} dép. (${n(x.lines)} lignes) ${n(x.peakMB)} Mo, soit ${dec(per10k(x), 1)} Mo / 10 000 lignes`).join(' ; ')} | pente ${dec(slope, 1)} Mo / 10 000 lignes entre ${first.dep} et ${last.dep} départements | linéaire | |
| mémoire maximale du plancher (b) | ${n(Math.max(...bRuns.map((r) => r.peakMB)))} Mo | | |
| échelle départementale (4 classeurs, ${n(Math.round(w.lines / departements))} lignes), démarrage compris | ${timeCell(D, s2)} | ≤ 1,0 s | ${ok(D.min <= 1000)} |
| dont démarrage seul (\`pilotage-avs --version\`, paquet esbuild de \`npm run build:cli\`) | ${timeCell(St, s2)} | | |
| corpus hostile (un million de lignes, bombe de décompression, 20 autres fichiers hostiles et les exemples) : mémoire maximale, croissance au-delà du démarrage | ${n(h.peakMB)} Mo, +${n(growth)} Mo | < 400 Mo | ${ok(growth < 400)} |
| rapprochement des structures, n = ${n(sc.small.lines)} lignes → 4n = ${n(sc.big.lines)} | ${s(sc.small.link)} → ${s(sc.big.link)} (× ${dec(sc.linkRatio)}) | ≤ × 5 | ${ok(sc.linkRatio <= 5)} |
| détection des doublons, n → 4n | ${s(sc.small.dup)} → ${s(sc.big.dup)} (× ${dec(sc.dupRatio)}) | ≤ × 5 | ${ok(sc.dupRatio <= 5)} |

Classeur écrit : ${n(Math.round(outBytes / 1024))} Ko ; feuille Financements relue en flux : ${n(tableRows)} lignes, en-tête compris
(le rapport compte ${n(report.counts.fundingLines)} lignes de financement et ${n(report.counts.duplicates)} doublons) ; ${n(report.findings.length)} anomalies.

## Comment c'est obtenu

- Lecture : limites vérifiées avant chargement à partir du répertoire ZIP, lu par fflate sans rien
  décompresser (docs/limites.md) ; les cellules sont lues directement dans le XML des feuilles
  (\`read-sheet-xml.ts\` : valeurs, résultats en cache, dates d'après le style de la cellule, comme
  exceljs les donne), exceljs seulement quand cette lecture ne suffit pas ; chaque texte est copié
  hors du XML (\`ownString\`) et partagé entre les cellules qui le répètent.
- Rapprochement : index de jetons, listes de candidats prises de la plus rare à la plus fréquente et
  bornées (\`MAX_CANDIDATES\`), cache par nom distinct ; listes de structures fusionnées par un index
  des noms distinctifs ; doublons : une passe de hachage.
- Mémoire : une collecte complète entre les phases (et dans l'import dès que le tas dépasse 1,6 fois
  ce qui vivait à la précédente), sans option de Node : V8 dimensionne sinon son tas sur un pic
  ancien et n'en fait aucune pendant toute l'écriture (\`src/adapters/node/collect-garbage.ts\`).
- Écriture : toutes les feuilles que notre écrivain sait dessiner (pas de graphique, de texte à la
  ligne ni de saut de page) sont écrites en flux (\`src/adapters/exceljs/stream-sheet.ts\`,
  \`pack-streamed-sheets.ts\`) dans le paquet qu'exceljs produit pour les autres (synthèses COPIL,
  feuilles de l'utilisateur), par le ZIP en flux de fflate (compression par le zlib natif de Node ; le
  volet peut utiliser le même écrivain avec la compression de fflate) : mêmes tableaux, formats, validations
  et liens (test \`test/interop/stream-writer.test.ts\`), sans le modèle en mémoire d'exceljs.
- Remplissage : les feuilles que chaque construction réécrit restent hors du modèle exceljs
  (\`strip-sheets.ts\`) ; seul le tableau Financements précédent est relu, en flux, pour Changements.
- Où va la mémoire : \`node --expose-gc --require tsx/cjs bench/memory-stages.ts <dossier>\` donne le tas
  vivant après chaque étape (lecture, pipeline, écriture).

## Ce que chaque levier a apporté (2026-12-03, 100 départements, une exécution \`/usr/bin/time\` chacun, machine calme)

Dans l'ordre où ils ont été appliqués ; la charge de travail du banc a d'abord reçu des SIRET à clé
juste (1 425 \`SIRET_CLE_INVALIDE\` par département faisaient de Contrôles l'essentiel du classeur).

| Levier | Construction | Mémoire maximale |
|---|---|---|
| départ (commit bcf36a7) | 66,5 s | 1 649 Mo |
| listes de structures fusionnées par un index des noms distinctifs (33,7 s passaient à comparer chaque structure à toutes les précédentes) | 29,8 s | 1 478 Mo |
| textes des cellules copiés hors du XML de la feuille (une « tranche » V8 gardait tout le XML de chaque feuille en vie) | 27,8 s | 1 111 Mo |
| résumé de la ligne de commande borné à 20 structures sans convention (32 000 lignes imprimées) | — | 992 / 1 056 Mo |
| collecte complète entre les phases (import, contrôles, feuilles annuelles, écriture) | — | 784–843 Mo |
| mots d'en-tête cherchés dans un ensemble, pas d'abréviation pour un mot à chiffres, cache borné | — | 665–673 Mo |
| sommes des feuilles de programmation sur les seules lignes de leur exercice et code du plan ; constats de convention manquante cherchés par structure | 27,0 s | — |
| paquet exceljs stocké puis compressé une seule fois par zlib (au lieu de JSZip, puis fflate deux fois) | — (département 1,58 → 1,22 s) | — |
| toutes les feuilles que notre écrivain sait dessiner écrites en flux | — (département 1,30 → 0,98 s) | — |
| classeurs des partenaires lus directement dans le XML des feuilles (400 classeurs : 7,4 → 3,9 s) | 24,0 s | 755–836 Mo |
| remplissage : feuilles réécrites hors du modèle exceljs, Financements précédent lu en flux, collectes dans l'import | remplissage 73 → 31 s | remplissage 3 672 → 957 Mo |

## Historique (exécutions précédentes, pour comparer)

- 2026-12-03 08:35, 100 départements, avant le remplissage allégé : (a) 25,9 s (première construction),
  mais 73,3 s et 74,6 s pour les deux suivantes, qui remplissaient le classeur déjà écrit (3 434 et
  3 672 Mo) ; (b) 19,2 s ; rapport des minima 1,35 ; échelle départementale 0,78 s.

- 2026-11-27, 100 départements (252 600 lignes), une exécution de (a) et de (b), machine moins chargée
  (étalonnage 284 / 192 ms) : (a) 59,2 s, (b) 18,2 s, rapport 3,26 (1,81 à une autre exécution du même
  commit) ; mémoire maximale 1 743 Mo (989 Mo avec \`--max-old-space-size=900\`) ; échelle
  départementale 2,0 s, démarrage 0,3 s.
- 2026-12-01, 8 départements, avant et après la lecture ZIP par fflate et les économies de mémoire de
  la lecture (alternés, charge ≈ 18 sur 2 cœurs, \`/usr/bin/time\`) : avant 81,9 s / 78,4 s, 273 / 481 Mo ;
  après 75,2 s / 133,1 s, 268 / 484 Mo : indiscernables à ce niveau de bruit.
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
