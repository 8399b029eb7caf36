import { promises as fs } from 'node:fs';
import path from 'node:path';
import { mappingFromReadings, mergeMappings, validateMappingFile, type MappingFile } from '../core/import/mapping-file';
import type { Reference } from '../core/model/domain';
import { REWRITTEN_EVERY_BUILD, runPipeline } from '../core/pipeline';
import { FUNDINGS_SHEET } from '../core/sheets/funding-formulas';
import { defaultReference } from '../core/reference/default-reference';
import { readReferenceSheet, referenceSheet, REFERENTIEL_SHEET } from '../core/reference/referentiel-sheet';
import { readInput } from '../adapters/exceljs/read-workbook';
import { existingFromXml, loadExistingWorkbook, unkeptParts, type ExistingWorkbook } from '../adapters/exceljs/load-existing';
import { applyPatches } from '../adapters/exceljs/apply-patches';
import { writeCopilPdf } from '../adapters/exceljs/write-copil-pdf';
import { exportScdl, type ScdlFile } from '../core/export/scdl';
import { SCDL_SCHEMA, summariseViolations } from '../core/export/scdl-schema';
import { formatLocation } from '../core/checks/format-fr';
import { writeFileAtomic, writeWorkbook } from '../adapters/exceljs/write-workbook';
import { collectFiles } from '../adapters/node/collect-files';
import { loadInputs } from '../adapters/node/load-inputs';
import { acquireOutputLock, LockBusyError } from '../adapters/node/output-lock';
import { parseArgs, UsageError, type OptionSpec } from './parse-args';
import { summaryText } from './summary';
import { collectGarbage, collectIfGrown } from '../adapters/node/collect-garbage';
import { internalError, ioCodes, ioReason, writeFailed } from './cli-messages';

export const HELP = `Pilotage AVS — outil en ligne de commande

Usage :
  pilotage-avs build <fichiers ou dossiers…> -o <sortie.xlsx> [options]
  pilotage-avs export-referentiel -o <referentiel.xlsx>
  pilotage-avs export-scdl <fichiers ou dossiers…> -o <dossier> [--year AAAA] [--reference …] [--brouillon]
  pilotage-avs --help | --version

build : lit les classeurs des partenaires (.xlsx, .xlsm, .xls, .ods, .csv), reconnaît leurs tableaux,
relie les lignes aux structures, contrôle les données et écrit le classeur de pilotage
(tableaux Partenaires, Dispositifs, Plan, Structures, Conventions, Financements, Contrôles).
Il écrit aussi, pour chaque exercice, les feuilles « Programmation AAAA » et
« Synthèse COPIL AAAA » (totaux en formules SOMME.SI.ENS sur le tableau Financements) et la
feuille « Changements ». Si la sortie existe déjà, elle est complétée : les feuilles générées
sont mises à jour, les autres feuilles sont conservées, et dans les feuilles de programmation
les colonnes saisies (Décision comité technique, Commentaire, Priorité, colonnes ajoutées)
sont gardées ligne par ligne ; une feuille de programmation faite à la main est remplie sur place.

Options de build :
  -o, --output <fichier>      classeur de pilotage à écrire (obligatoire)
  --report <fichier.json>     rapport lisible par machine (schemaVersion 1)
  --mapping <fichier.json>    correspondances des colonnes : lues si le fichier existe,
                              puis réécrites avec celles détectées (modifiables à la main)
  --reference <fichier.xlsx>  référentiel (plan, partenaires, dispositifs) à la place de
                              celui de l'accord-cadre 2017-2020
  --date <AAAA-MM-JJ>         date de référence des contrôles (par défaut : aujourd'hui)
  --strict                    code de sortie 3 si une erreur est trouvée
  --year <AAAA[,AAAA…]>       exercice(s) des feuilles Programmation et Synthèse COPIL
                              (par défaut : tous les exercices financés)
  --pdf <fichier.pdf>         écrit aussi la synthèse COPIL en PDF (quelques pages par exercice),
                              avec LibreOffice s'il est installé
  -q, --quiet                 n'affiche pas la progression
  --verbose                   en cas d'erreur interne, affiche son détail technique

export-scdl : écrit les financements au format de données ouvertes SCDL « subventions » 2.1
(CSV UTF-8, séparateur virgule), un fichier par partenaire dans le dossier -o ; les lignes
sans SIRET ou sans date sont signalées et non publiées. Chaque fichier est vérifié contre le
schéma avant d'être écrit : un fichier qui ne serait pas valide (par exemple un partenaire sans
SIRET dans la colonne SIRET de la section Partenaires du référentiel : export-referentiel, puis
--reference) n'est pas écrit, le champ manquant est indiqué et le code de sortie est 1.
  --brouillon                 écrit tout de même les fichiers non valides, nommés
                              scdl-subventions-<partenaire>-brouillon.csv (à ne pas publier),
                              et indique leurs lignes non valides

Codes de sortie : 0 classeur ou fichiers écrits (même avec des anomalies), 1 entrée inutilisable
(pour export-scdl : aussi un fichier SCDL non valide, non écrit), 2 arguments incorrects,
3 erreurs trouvées avec --strict, 4 PDF non produit (LibreOffice absent ou en échec ; le
classeur est écrit).`;

const OPTIONS: OptionSpec[] = [
  { name: 'output', alias: 'o', takesValue: true },
  { name: 'report', takesValue: true },
  { name: 'mapping', takesValue: true },
  { name: 'reference', takesValue: true },
  { name: 'date', takesValue: true },
  { name: 'strict', takesValue: false },
  { name: 'year', takesValue: true, repeatable: true },
  { name: 'pdf', takesValue: true },
  { name: 'quiet', alias: 'q', takesValue: false },
  { name: 'verbose', takesValue: false },
  { name: 'brouillon', takesValue: false },
  { name: 'help', alias: 'h', takesValue: false },
  { name: 'version', alias: 'v', takesValue: false },
];

export interface CliIO {
  out: (s: string) => void;
  err: (s: string) => void;
  today: () => string;
}

const defaultIO: CliIO = {
  out: (s) => process.stdout.write(s + '\n'),
  err: (s) => process.stderr.write(s + '\n'),
  today: () => new Date().toISOString().slice(0, 10),
};

class InputError extends Error {}

/** The file being read or written, named by an internal error. */
let current: string | undefined;

async function loadReference(file: string | undefined, warn: (s: string) => void): Promise<Reference> {
  if (!file) return defaultReference();
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await fs.readFile(file));
  } catch (e) {
    throw new InputError(`Référentiel ${file} : lecture impossible, ${ioReason((e as NodeJS.ErrnoException).code)}`);
  }
  const r = await readInput(path.basename(file), bytes);
  if ('error' in r) throw new InputError(`Référentiel ${r.error}`);
  const grid = r.grids.find((g) => g.sheet === REFERENTIEL_SHEET) ?? r.grids[0];
  const { reference, errors, warnings } = readReferenceSheet(grid);
  for (const w of warnings) warn(`Attention : ${w}`);
  if (!reference) throw new InputError(`Référentiel ${file} illisible :\n  ${errors.join('\n  ')}`);
  return reference;
}

async function loadMapping(file: string | undefined): Promise<MappingFile | undefined> {
  if (!file) return undefined;
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined; // created after the build
    throw new InputError(`Correspondances ${file} : lecture impossible, ${ioReason((e as NodeJS.ErrnoException).code)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InputError(`Correspondances ${file} : ce n'est pas du JSON valide (une virgule, un guillemet ou une accolade manque ou est en trop) : corrigez-le ou supprimez-le pour qu'il soit recréé`);
  }
  const errors = validateMappingFile(json);
  if (errors.length) throw new InputError(`Correspondances ${file} :\n  ${errors.join('\n  ')}`);
  return json as MappingFile;
}

/** The output workbook when it exists already (a re-fill), read whatever program saved it. */
async function readExisting(output: string): Promise<(ExistingWorkbook & { bytes: Uint8Array }) | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await fs.readFile(output));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new InputError(`le classeur existant ${output} ne peut pas être lu (${code ?? 'erreur de lecture'}) : vérifiez qu'il n'est pas ouvert ailleurs et que vous avez le droit de le lire`);
  }
  try {
    return { ...(await loadExistingWorkbook(path.basename(output), bytes, { rewritten: REWRITTEN_EVERY_BUILD, cellsOf: [FUNDINGS_SHEET] })), bytes };
  } catch (e) {
    throw new InputError(`le classeur existant ${output} est illisible : ${(e as Error).message}. Renommez-le pour repartir d'un classeur neuf, ou restaurez une version précédente`);
  }
}

async function build(args: ReturnType<typeof parseArgs>, io: CliIO): Promise<number> {
  const output = args.options.output as string | undefined;
  if (!output) throw new UsageError('indiquez le classeur à écrire avec -o <sortie.xlsx>');
  if (!/\.xlsx$/i.test(output)) throw new UsageError('le classeur de sortie doit avoir l’extension .xlsx');
  if (args.positionals.length === 0) throw new UsageError('indiquez au moins un fichier ou dossier de partenaire');
  const date = (args.options.date as string | undefined) ?? io.today();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UsageError(`date invalide « ${date} » : format AAAA-MM-JJ attendu`);
  const quiet = !!args.options.quiet;
  const progress = (s: string) => !quiet && io.err(s);

  const reference = await loadReference(args.options.reference as string | undefined, io.err);
  const mapping = await loadMapping(args.options.mapping as string | undefined);
  const same = args.positionals.find((p) => path.resolve(p) === path.resolve(output));
  if (same) throw new UsageError(`« ${same} » est à la fois un fichier à lire et le classeur à écrire : il serait écrasé. Choisissez un autre nom pour -o`);
  const { files, missing } = await collectFiles(args.positionals, [output]);
  for (const m of missing) io.err(`✗ ${m} : fichier ou dossier introuvable`);
  if (files.length === 0) throw new InputError('aucun fichier de partenaire à lire (.xlsx, .xlsm, .xls, .ods, .csv)');
  const inputs = await loadInputs(files, (i, n, f) => {
    current = f;
    progress(`[${i + 1}/${n}] lecture de ${f}`);
  });
  current = undefined;
  for (const r of inputs.rejected) io.err(`✗ ${r.error}`);
  if (inputs.sources.length === 0) throw new InputError('aucun fichier lisible : rien à construire');

  const years = parseYears(args.options.year as string[] | undefined);
  const pdf = args.options.pdf as string | undefined;
  if (pdf !== undefined && !/\.pdf$/i.test(pdf)) throw new UsageError('le fichier --pdf doit avoir l’extension .pdf');

  // one build at a time on an output: the second waits, then re-reads what the first wrote
  const release = await acquireOutputLock(output, { onWait: (h) => io.err(`${path.basename(output)} est en cours d'écriture par une autre construction${h ? ` (processus ${h.pid})` : ''} : attente de la fin…`) });
  try {
    return await buildLocked(args, io, { output, date, pdf, years, inputs, reference, mapping, progress });
  } finally {
    await release();
  }
}

async function buildLocked(
  args: ReturnType<typeof parseArgs>,
  io: CliIO,
  c: { output: string; date: string; pdf?: string; years?: number[]; inputs: Awaited<ReturnType<typeof loadInputs>>; reference: Reference; mapping?: MappingFile; progress: (s: string) => void },
): Promise<number> {
  const { output, date, pdf, years, inputs, reference, mapping, progress } = c;
  // the workbook being filled in: read first, so that typed cells and hand-made sheets reach the core
  const existing = await readExisting(output);
  collectGarbage();
  progress('Analyse, rapprochement des structures et contrôles…');
  current = output;
  const { mappingOut, ...result } = buildOutputs({ ...inputs, reference, mappings: mapping, asOf: date, years, existing: existing?.grids, onPhase: collectGarbage, onProgress: collectIfGrown }, !!args.options.mapping);
  // files read but holding no table of ours (a text named .xlsx): nothing to build, as when none could be read
  if (result.report.inputs.length && result.report.inputs.every((x) => x.status === 'rejected')) {
    for (const x of result.report.inputs) if (!inputs.rejected.some((r) => r.file === x.file)) io.err(`✗ ${x.error ?? x.file}`);
    throw new InputError('aucun fichier lisible : rien à construire');
  }
  for (const n of existing?.notes ?? []) io.err(`Attention : ${n}.`);
  // the COPIL's own charts are drawn again, the kept sheets' charts carried over: only what this run does not write back is lost
  const unkept = existing ? unkeptParts(existing.bytes, new Map(result.sheets.map((s) => [s.name, s.charts?.length ?? 0])), true) : [];
  if (existing && unkept.length) {
    // exceljs does not write charts or pivot tables back: the previous workbook is kept beside
    const backup = output.replace(/\.xlsx$/i, '.avant-remplissage.xlsx');
    await writeFileAtomic(backup, existing.bytes);
    io.err(`Attention : ${path.basename(output)} contient ${unkept.join(', ')} que l'outil ne sait pas réécrire ; ils ne sont pas repris dans le classeur rempli. Copie du classeur avant ce remplissage : ${backup}.`);
  }
  // the input grids are let go before writing (at national scale, hundreds of Mo)
  inputs.sources = [];
  if (existing) applyPatches(existing.wb, result.patches);
  progress(`Écriture de ${output}…`);
  collectGarbage();
  current = output;
  try {
    await writeWorkbook(output, result.sheets, existing?.wb, { previous: existing?.bytes });
  } catch (e) {
    // exceljs loaded the workbook but cannot write its model back: the cells, read directly, can
    if (!existing || existing.how === 'xml' || (e as NodeJS.ErrnoException).code) throw e;
    const x = existingFromXml(path.basename(output), existing.bytes);
    for (const n of x.notes) io.err(`Attention : ${n}.`);
    applyPatches(x.wb, result.patches);
    await writeWorkbook(output, result.sheets, x.wb, { previous: existing.bytes });
  }
  if (args.options.report)
    await writeFileAtomic(args.options.report as string, Buffer.from(JSON.stringify(result.report, null, 2) + '\n', 'utf8'));
  if (mappingOut) await writeFileAtomic(args.options.mapping as string, Buffer.from(JSON.stringify(mappingOut, null, 2) + '\n', 'utf8'));
  io.out(summaryText(result.report, output));
  if (result.annual.kept.cells || result.annual.kept.removedRows)
    io.out(`Programmation : ${result.annual.kept.cells} cellule(s) saisie(s) conservée(s)${result.annual.kept.removedRows ? `, ${result.annual.kept.removedRows} ligne(s) d'action retirée(s) gardée(s) pour leurs notes` : ''}.`);
  const ch = result.annual.changes;
  if (ch)
    io.out(`Changements depuis le remplissage précédent : ${ch.modified} montant(s) modifié(s), ${ch.added} ligne(s) ajoutée(s), ${ch.removed} supprimée(s) (feuille Changements).`);
  for (const p of result.patches) io.out(`Programmation faite à la main « ${p.sheet} » remplie sur place (${p.cells.length} cellule(s)).`);
  if (pdf) {
    progress(`PDF de la synthèse COPIL : ${pdf}…`);
    const r = await writeCopilPdf(result.sheets, pdf);
    if (!r.ok) {
      io.err(`Attention : ${r.error}`);
      return 4;
    }
    io.out(`Synthèse COPIL en PDF : ${pdf} (${result.annual.years.length} exercice(s), ${r.pages} page(s)).`);
  }
  if (args.options.strict && result.report.counts_by_severity.erreur > 0) return 3;
  return 0;
}

/**
 * The pipeline's outputs that writing needs (sheets, report, patches, mapping): the rows read
 * and the dataset stay in this function's scope, so that they are collected before writing.
 */
function buildOutputs(input: Parameters<typeof runPipeline>[0], withMapping: boolean) {
  const p = runPipeline(input);
  const mappingOut = withMapping ? mergeMappings(input.mappings, mappingFromReadings(p.readings), p.unknownValues, p.unknownGrantors) : undefined;
  return { sheets: p.sheets, report: p.report, patches: p.patches, annual: p.annual, mappingOut };
}

/** `--year 2019 --year 2020` or `--year 2019,2020`. */
function parseYears(values: string[] | undefined): number[] | undefined {
  if (!values?.length) return undefined;
  return values.flatMap((v) =>
    v.split(',').map((x) => {
      const y = Number(x.trim());
      if (!/^\d{4}$/.test(x.trim()) || y < 1990 || y > 2100) throw new UsageError(`exercice invalide « ${x} » : année sur 4 chiffres attendue (ex. --year 2020)`);
      return y;
    }),
  );
}

async function exportScdlCommand(args: ReturnType<typeof parseArgs>, io: CliIO): Promise<number> {
  const output = args.options.output as string | undefined;
  if (!output) throw new UsageError('indiquez le dossier où écrire les fichiers SCDL avec -o <dossier>');
  if (args.positionals.length === 0) throw new UsageError('indiquez au moins un fichier ou dossier de partenaire');
  const years = parseYears(args.options.year as string[] | undefined);
  const reference = await loadReference(args.options.reference as string | undefined, io.err);
  const mapping = await loadMapping(args.options.mapping as string | undefined);
  const { files, missing } = await collectFiles(args.positionals, []);
  for (const m of missing) io.err(`✗ ${m} : fichier ou dossier introuvable`);
  const inputs = await loadInputs(files);
  for (const r of inputs.rejected) io.err(`✗ ${r.error}`);
  if (inputs.sources.length === 0) throw new InputError('aucun fichier lisible : rien à exporter');
  const result = runPipeline({ ...inputs, reference, mappings: mapping, asOf: (args.options.date as string | undefined) ?? io.today(), years });
  const scdl = exportScdl(result.dataset, reference, { years });
  const draft = !!args.options.brouillon;
  await fs.mkdir(output, { recursive: true });
  const refused: ScdlFile[] = [];
  for (const f of scdl.files) {
    const valid = f.violations.length === 0;
    if (!valid && !draft) {
      refused.push(f);
      continue;
    }
    const file = path.join(output, valid ? f.fileName : f.fileName.replace(/\.csv$/, '-brouillon.csv'));
    await writeFileAtomic(file, Buffer.from(f.csv, 'utf8'));
    if (valid) io.out(`${file} : ${f.rows.length} subvention(s) de ${f.partner}, conforme au schéma SCDL « subventions » ${SCDL_SCHEMA.version}`);
    else {
      io.out(`${file} : BROUILLON de ${f.partner}, ${f.rows.length} subvention(s), NON CONFORME au schéma SCDL « subventions » ${SCDL_SCHEMA.version} (à ne pas publier) :`);
      for (const m of scdlProblems(f, reference)) io.out(`  - ${m}`);
    }
  }
  // a partner without SIRET is said once, with its file, below
  for (const f of scdl.findings)
    if (f.code !== 'SCDL_ATTRIBUANT_SANS_SIRET') io.out(`⚠ ${f.message}${f.location ? ` (${formatLocation(f.location)})` : ''}`);
  if (refused.length === 0) return 0;
  io.err(
    `Erreur : ${refused.length} fichier(s) SCDL non écrit(s), car non conforme(s) au schéma SCDL « subventions » ${SCDL_SCHEMA.version} :`,
  );
  for (const f of refused) {
    io.err(`${f.fileName} (partenaire ${f.partner}, ${f.rows.length} subvention(s)) :`);
    for (const m of scdlProblems(f, reference)) io.err(`  - ${m}`);
  }
  io.err('Corrigez ces champs puis relancez ; pour écrire tout de même des brouillons non publiables, ajoutez --brouillon.');
  return 1;
}

/** Why a SCDL file is not valid, in French: the partner's SIRET first (and how to supply it), then the rest. */
function scdlProblems(f: ScdlFile, reference: Reference): string[] {
  const p = reference.partners.find((x) => x.code === f.partner);
  const out: string[] = [];
  if (f.attribuant)
    out.push(
      `idAttribuant (SIRET du partenaire ${f.partner}${p?.name ? `, ${p.name}` : ''}) ${f.attribuant === 'cle' ? `: le SIRET « ${p?.siret ?? ''} » a une clé de contrôle fausse` : 'manquant : le référentiel ne le donne pas'}. ` +
        "Indiquez-le dans la colonne SIRET de la section Partenaires du référentiel : « pilotage-avs export-referentiel -o referentiel.xlsx », complétez la colonne, puis relancez avec « --reference referentiel.xlsx ».",
    );
  const rest = f.attribuant ? f.violations.filter((v) => v.field !== 'idAttribuant') : f.violations;
  return [...out, ...summariseViolations(rest)];
}

async function exportReference(args: ReturnType<typeof parseArgs>): Promise<number> {
  const output = args.options.output as string | undefined;
  if (!output) throw new UsageError('indiquez le fichier à écrire avec -o <referentiel.xlsx>');
  await writeWorkbook(output, [referenceSheet(defaultReference())]);
  return 0;
}

export async function main(argv: string[], io: CliIO = defaultIO): Promise<number> {
  current = undefined;
  const verbose = argv.includes('--verbose');
  try {
    const args = parseArgs(argv, OPTIONS);
    if (args.options.help || (!args.command && !args.options.version)) {
      io.out(HELP);
      return args.options.help ? 0 : 2;
    }
    if (args.options.version) {
      io.out('pilotage-avs 0.1.0');
      return 0;
    }
    if (args.command === 'build') return await build(args, io);
    if (args.command === 'export-referentiel') return await exportReference(args);
    if (args.command === 'export-scdl') return await exportScdlCommand(args, io);
    throw new UsageError(`commande inconnue « ${args.command} » (build, export-referentiel, export-scdl)`);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`Erreur : ${e.message}\nVoir : pilotage-avs --help`);
      return 2;
    }
    if (e instanceof InputError || e instanceof LockBusyError) {
      io.err(`Erreur : ${e.message}`);
      return 1;
    }
    const err = e as NodeJS.ErrnoException;
    if (err && typeof err.code === 'string' && ioCodes.has(err.code)) {
      io.err(`Erreur : ${writeFailed(err.code, err.path ?? current)}`);
      return 1;
    }
    io.err(internalError(current, verbose, String(err?.stack ?? err?.message ?? err)));
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
