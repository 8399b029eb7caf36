/** Figures over many worlds, the baseline they are held to, and the Markdown report. */
import type { WorldScore } from './compare';

export interface Summary {
  worlds: number;
  fundingLines: number;
  totalsExactPct: number;
  totalsWrong: number;
  structuresMissed: number;
  structuresPhantom: number;
  structuresExactPct: number;
  conventionsMissed: number;
  conventionsExtra: number;
  conventionsWrongStructure: number;
  linesLinkedPct: number;
  linesWrongLink: number;
  linesNotRead: number;
  linesExtra: number;
  linesWrongAmount: number;
  missingConventionExactPct: number;
  missingConventionMissed: number;
  missingConventionExtra: number;
  axesExactPct: number;
  epciExactPct: number;
  anomalies: number;
  anomaliesMissed: number;
  falseAlarms: number;
  falseAlarmsPer500Lines: number;
  falseAlarmsByCode: Record<string, number>;
  filesRejectedExpected: number;
  filesMissedRejections: number;
  filesWrongRejections: number;
}

const pct = (n: number, d: number) => (d ? Math.round((1000 * n) / d) / 10 : 100);

export function summarise(scores: WorldScore[]): Summary {
  const sum = (f: (s: WorldScore) => number) => scores.reduce((a, s) => a + f(s), 0);
  const share = (f: (s: WorldScore) => boolean) => pct(scores.filter(f).length, scores.length);
  const byCode: Record<string, number> = {};
  for (const s of scores) for (const [k, v] of Object.entries(s.falseAlarms.byCode)) byCode[k] = (byCode[k] ?? 0) + v;
  const lines = sum((s) => s.lines.truth);
  const fa = sum((s) => s.falseAlarms.count);
  return {
    worlds: scores.length,
    fundingLines: lines,
    totalsExactPct: share((s) => s.totals.exact),
    totalsWrong: sum((s) => s.totals.wrong),
    structuresMissed: sum((s) => s.structures.missed),
    structuresPhantom: sum((s) => s.structures.phantom),
    structuresExactPct: share((s) => s.structures.missed === 0 && s.structures.phantom === 0),
    conventionsMissed: sum((s) => s.conventions.missed),
    conventionsExtra: sum((s) => s.conventions.extra),
    conventionsWrongStructure: sum((s) => s.conventions.wrongStructure),
    linesLinkedPct: pct(sum((s) => s.lines.linkedRight), lines),
    linesWrongLink: sum((s) => s.lines.wrongLink),
    linesNotRead: sum((s) => s.lines.notRead),
    linesExtra: sum((s) => s.lines.extra),
    linesWrongAmount: sum((s) => s.lines.wrongAmount),
    missingConventionExactPct: share((s) => s.missingConvention.exact),
    missingConventionMissed: sum((s) => s.missingConvention.missed),
    missingConventionExtra: sum((s) => s.missingConvention.extra),
    axesExactPct: share((s) => s.axes.exact),
    epciExactPct: share((s) => s.epci.exact),
    anomalies: sum((s) => s.anomalies.truth),
    anomaliesMissed: sum((s) => s.anomalies.missed),
    falseAlarms: fa,
    falseAlarmsPer500Lines: lines ? Math.round((500 * fa * 100) / lines) / 100 : 0,
    falseAlarmsByCode: Object.fromEntries(Object.entries(byCode).sort((a, b) => b[1] - a[1])),
    filesRejectedExpected: sum((s) => s.files.rejectedExpected),
    filesMissedRejections: sum((s) => s.files.missedRejections),
    filesWrongRejections: sum((s) => s.files.wrongRejections),
  };
}

/** Metrics where more is better; every other number is a count of errors (less is better). */
const HIGHER_IS_BETTER: (keyof Summary)[] = ['totalsExactPct', 'structuresExactPct', 'linesLinkedPct', 'missingConventionExactPct', 'axesExactPct', 'epciExactPct'];
const NOT_COMPARED: (keyof Summary)[] = ['worlds', 'fundingLines', 'anomalies', 'filesRejectedExpected', 'falseAlarmsByCode'];

/** What got worse than the baseline (empty: no regression). */
export function regressions(current: Summary, baseline: Summary): string[] {
  const out: string[] = [];
  for (const k of Object.keys(baseline) as (keyof Summary)[]) {
    if (NOT_COMPARED.includes(k)) continue;
    const c = current[k] as number;
    const b = baseline[k] as number;
    if (HIGHER_IS_BETTER.includes(k) ? c < b : c > b) out.push(`${k} : ${c} (référence ${b})`);
  }
  return out;
}

/** A world's weight of trouble, to list the worst ones. */
export function badness(s: WorldScore): number {
  return (
    s.falseAlarms.count +
    3 * s.anomalies.missed +
    3 * (s.structures.phantom + s.structures.missed) +
    s.lines.wrongLink +
    s.lines.notRead +
    s.lines.extra +
    5 * s.totals.wrong +
    2 * (s.missingConvention.missed + s.missingConvention.extra) +
    2 * (s.axes.missed + s.axes.extra) +
    5 * (s.files.missedRejections + s.files.wrongRejections) +
    (s.epci.exact ? 0 : 1)
  );
}

/** The first false alarm of this code met in the worlds, as an example. */
function example(scores: WorldScore[], code: string): string {
  for (const s of scores) {
    const n = s.notes.find((x) => x.what === 'fausse alerte' && x.detail.startsWith(code + ' '));
    if (n) return `${s.seed} : ${n.detail.slice(code.length + 1, 190).replace(/\|/g, '/').replace(/\s+/g, ' ')}…`;
  }
  return '';
}

export function markdown(sum: Summary, scores: WorldScore[], seeds: string, ms: number): string {
  const worst = [...scores].sort((a, b) => badness(b) - badness(a) || a.seed - b.seed).slice(0, 10);
  const top = Object.entries(sum.falseAlarmsByCode).slice(0, 12);
  const n = sum.worlds;
  return `# Évaluation de l'import sur des mondes générés

Commande : \`npm run eval -- --seeds ${seeds}\` (${n} mondes, ${Math.round(ms / 1000)} s). Chaque monde est tiré
d'une graine (\`scripts/world/\`) : 15 à 40 structures, leurs agréments, conventions et financements sur
3 ou 4 exercices, écrits par chaque partenaire dans une présentation tirée au hasard (feuille par année,
par dispositif, longue ou années en colonnes ; titres, en-têtes sur deux lignes, colonnes vides, codes,
sous-totaux, CSV…), avec sa vérité (\`truth.json\`, même schéma que \`../shared/samples\`). Le vrai
pipeline (\`loadInputs\` + \`runPipeline\`, comme la ligne de commande) lit les fichiers ; le résultat est
comparé à la vérité (\`scripts/eval/compare.ts\`).

Lignes de financement attendues : ${sum.fundingLines} ; anomalies injectées : ${sum.anomalies} ;
fichiers à refuser : ${sum.filesRejectedExpected}.

| Aspect | Mondes exacts | Erreurs |
|---|---|---|
| Totaux partenaire × exercice au centime (voté et versé) | ${sum.totalsExactPct} % | ${sum.totalsWrong} totaux faux |
| Structures | ${sum.structuresExactPct} % | ${sum.structuresMissed} manquées, **${sum.structuresPhantom} fantômes** |
| Conventions | – | ${sum.conventionsMissed} manquées, ${sum.conventionsExtra} en trop, ${sum.conventionsWrongStructure} mal rattachées |
| Lignes de financement rattachées à la bonne structure | ${sum.linesLinkedPct} % des lignes | ${sum.linesWrongLink} mal rattachées, ${sum.linesNotRead} non lues, ${sum.linesExtra} en trop, ${sum.linesWrongAmount} montants faux |
| Structures sans convention (signalements) | ${sum.missingConventionExactPct} % | ${sum.missingConventionMissed} manqués, ${sum.missingConventionExtra} en trop |
| Axes sans action financée | ${sum.axesExactPct} % | – |
| EPCI sans structure | ${sum.epciExactPct} % | – |
| Anomalies injectées | – | ${sum.anomaliesMissed} manquées sur ${sum.anomalies} |
| **Fausses alertes** (erreur/alerte non expliquée par la vérité) | ${pct(scores.filter((s) => s.falseAlarms.count === 0).length, n)} % sans aucune | **${sum.falseAlarms}**, soit **${sum.falseAlarmsPer500Lines} pour 500 lignes** |
| Fichiers refusés (texte libre, illisible) | – | ${sum.filesMissedRejections} acceptés à tort sur ${sum.filesRejectedExpected}, ${sum.filesWrongRejections} refusés à tort |

## Fausses alertes par code

| Code | Nombre | Exemple (graine : emplacement, message) |
|---|---|---|
${top.map(([k, v]) => `| ${k} | ${v} | ${example(scores, k)} |`).join('\n') || '| – | 0 | |'}

## Les 10 mondes les plus mal lus

| Graine | Fausses alertes | Anomalies manquées | Structures fantômes / manquées | Lignes mal rattachées / non lues / en trop | Totaux faux | EPCI sans structure | Rejouer |
|---|---|---|---|---|---|---|---|
${worst.map((s) => `| ${s.seed} | ${s.falseAlarms.count} | ${s.anomalies.missed} | ${s.structures.phantom} / ${s.structures.missed} | ${s.lines.wrongLink} / ${s.lines.notRead} / ${s.lines.extra} | ${s.totals.wrong} | ${s.epci.exact ? 'exact' : 'différent'} | \`npm run eval -- --seed ${s.seed} --verbose --keep /tmp/avs-eval\` |`).join('\n')}

\`--verbose\` affiche les manques et fausses alertes du monde ; \`--keep DIR\` garde ses fichiers
(\`DIR/seed-N/\`) et sa vérité (\`DIR/seed-N.truth.json\`).

## Ce que le générateur fait varier

Tiré indépendamment pour chaque fichier de partenaire : feuille par exercice, par dispositif, une
longue feuille, ou exercices en groupes de colonnes ; 0 à 8 lignes de titre ou de notes, titre
fusionné, en-tête sur une ou deux lignes (groupes fusionnés), colonnes vides, première colonne vide ;
libellés d'en-tête tirés d'un large choix de synonymes, abrégés ou en capitales ; noms de structures
« Centre social X », « C.S. X », « CS X », « X », « X – Commune », « X (COMMUNE) », capitales, sigles
(CSC, MPT, EVS, FACS…) ; SIRET complet, avec espaces, SIREN seul ou absent ; dispositifs en codes du
référentiel, codes courts suivis du libellé dans la colonne voisine, libellés, codes numériques ou
courts expliqués par une feuille de légende ; montants en nombres, en texte (« 12 500,00 € » avec
espaces insécables ou fines insécables, « 12.500 »), en formules avec leur valeur ; dates en dates
Excel, en texte « 12/03/2019 », « 2019-03-12 » ou « 12 mars 2019 » ; sous-totaux par groupe, total
général (SOMME, SOUS.TOTAL, somme des sous-totaux ou valeur saisie) ; conventions en liste à part (même
classeur ou fichier séparé), en colonnes des lignes de financement, ou « N° et date » dans une cellule ;
une ou deux listes de structures (FACS, CAF) qui écrivent la même structure autrement ; CSV « ; » ou « , »,
UTF-8 avec ou sans BOM, Windows-1252, avec préambule, un fichier par exercice ; feuilles masquées
(listes de valeurs, ancienne copie), feuilles vides ; un compte rendu de réunion en texte libre et un
fichier illisible, à refuser ; lignes d'autres départements dans le fichier de la MSA (jamais comptées).

Règles de comparaison : structures par SIRET, sinon par nom normalisé (sans mots de type « Centre
social », « C.S. », articles, commune après un tiret ou entre parenthèses) ; une ligne par fichier ›
feuille › ligne (+ exercice et partenaire) ; conventions par partenaire + référence ; une fausse alerte est
un constat de gravité erreur ou alerte qui ne correspond à aucun constat attendu par code + emplacement
(fichier › feuille › ligne, + exercice), ou, pour les signalements sans ligne, par code + partenaire +
structure + exercice (CONVENTION_MANQUANTE, avec son motif), code + exercice + axe (AXE_NON_FINANCE),
code + fichier (FICHIER_REJETE).
`;
}
