import { promises as fs } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { mappingFromReadings, validateMappingFile, type MappingFile } from '../core/import/mapping-file';
import type { Reference } from '../core/model/domain';
import { runPipeline } from '../core/pipeline';
import { defaultReference } from '../core/reference/default-reference';
import { readReferenceSheet, referenceSheet, REFERENTIEL_SHEET } from '../core/reference/referentiel-sheet';
import { readInput } from '../adapters/exceljs/read-workbook';
import { writeFileAtomic, writeWorkbook } from '../adapters/exceljs/write-workbook';
import { collectFiles } from '../adapters/node/collect-files';
import { loadInputs } from '../adapters/node/load-inputs';
import { parseArgs, UsageError, type OptionSpec } from './parse-args';
import { summaryText } from './summary';

export const HELP = `Pilotage AVS — outil en ligne de commande

Usage :
  pilotage-avs build <fichiers ou dossiers…> -o <sortie.xlsx> [options]
  pilotage-avs export-referentiel -o <referentiel.xlsx>
  pilotage-avs --help | --version

build : lit les classeurs des partenaires (.xlsx, .xlsm, .csv), reconnaît leurs tableaux,
relie les lignes aux structures, contrôle les données et écrit le classeur de pilotage
(tableaux Partenaires, Dispositifs, Plan, Structures, Conventions, Financements, Contrôles).
Si la sortie existe déjà, elle est complétée : les autres feuilles sont conservées.

Options de build :
  -o, --output <fichier>      classeur de pilotage à écrire (obligatoire)
  --report <fichier.json>     rapport lisible par machine (schemaVersion 1)
  --mapping <fichier.json>    correspondances des colonnes : lues si le fichier existe,
                              puis réécrites avec celles détectées (modifiables à la main)
  --reference <fichier.xlsx>  référentiel (plan, partenaires, dispositifs) à la place de
                              celui de l'accord-cadre 2017-2020
  --date <AAAA-MM-JJ>         date de référence des contrôles (par défaut : aujourd'hui)
  --strict                    code de sortie 3 si une erreur est trouvée
  -q, --quiet                 n'affiche pas la progression

Codes de sortie : 0 classeur écrit (même avec des anomalies), 1 entrée inutilisable,
2 arguments incorrects, 3 erreurs trouvées avec --strict.`;

const OPTIONS: OptionSpec[] = [
  { name: 'output', alias: 'o', takesValue: true },
  { name: 'report', takesValue: true },
  { name: 'mapping', takesValue: true },
  { name: 'reference', takesValue: true },
  { name: 'date', takesValue: true },
  { name: 'strict', takesValue: false },
  { name: 'quiet', alias: 'q', takesValue: false },
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

async function loadReference(file: string | undefined): Promise<Reference> {
  if (!file) return defaultReference();
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await fs.readFile(file));
  } catch (e) {
    throw new InputError(`Référentiel ${file} : lecture impossible (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const r = await readInput(path.basename(file), bytes);
  if ('error' in r) throw new InputError(`Référentiel ${r.error}`);
  const grid = r.grids.find((g) => g.sheet === REFERENTIEL_SHEET) ?? r.grids[0];
  const { reference, errors } = readReferenceSheet(grid);
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
    throw new InputError(`Correspondances ${file} : lecture impossible (${(e as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputError(`Correspondances ${file} : JSON invalide (${(e as Error).message})`);
  }
  const errors = validateMappingFile(json);
  if (errors.length) throw new InputError(`Correspondances ${file} :\n  ${errors.join('\n  ')}`);
  return json as MappingFile;
}

/** Merges the detected mapping into the saved one: user entries for sheets not read stay. */
function mergeMappings(saved: MappingFile | undefined, detected: MappingFile): MappingFile {
  const key = (s: { file: string; sheet: string }) => `${s.file}|${s.sheet}`;
  const seen = new Set(detected.sheets.map(key));
  return { version: 1, sheets: [...detected.sheets, ...(saved?.sheets ?? []).filter((s) => !seen.has(key(s)))] };
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

  const reference = await loadReference(args.options.reference as string | undefined);
  const mapping = await loadMapping(args.options.mapping as string | undefined);
  const { files, missing } = await collectFiles(args.positionals, [output]);
  for (const m of missing) io.err(`✗ ${m} : fichier ou dossier introuvable`);
  if (files.length === 0) throw new InputError('aucun fichier de partenaire à lire (.xlsx, .xlsm, .csv)');
  const inputs = await loadInputs(files, (i, n, f) => progress(`[${i + 1}/${n}] lecture de ${f}`));
  for (const r of inputs.rejected) io.err(`✗ ${r.error}`);
  if (inputs.sources.length === 0) throw new InputError('aucun fichier lisible : rien à construire');

  progress('Analyse, rapprochement des structures et contrôles…');
  const result = runPipeline({ ...inputs, reference, mappings: mapping, asOf: date });

  let existing: ExcelJS.Workbook | undefined;
  try {
    await fs.access(output);
    existing = new ExcelJS.Workbook();
    await existing.xlsx.readFile(output);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new InputError(`le classeur existant ${output} est illisible : ${(e as Error).message}`);
    existing = undefined;
  }
  progress(`Écriture de ${output}…`);
  await writeWorkbook(output, result.sheets, existing);
  if (args.options.report)
    await writeFileAtomic(args.options.report as string, Buffer.from(JSON.stringify(result.report, null, 2) + '\n', 'utf8'));
  if (args.options.mapping)
    await writeFileAtomic(args.options.mapping as string, Buffer.from(JSON.stringify(mergeMappings(mapping, mappingFromReadings(result.readings)), null, 2) + '\n', 'utf8'));
  io.out(summaryText(result.report, output));
  if (args.options.strict && result.report.counts_by_severity.erreur > 0) return 3;
  return 0;
}

async function exportReference(args: ReturnType<typeof parseArgs>): Promise<number> {
  const output = args.options.output as string | undefined;
  if (!output) throw new UsageError('indiquez le fichier à écrire avec -o <referentiel.xlsx>');
  await writeWorkbook(output, [referenceSheet(defaultReference())]);
  return 0;
}

export async function main(argv: string[], io: CliIO = defaultIO): Promise<number> {
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
    throw new UsageError(`commande inconnue « ${args.command} » (build, export-referentiel)`);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`Erreur : ${e.message}\nVoir : pilotage-avs --help`);
      return 2;
    }
    if (e instanceof InputError) {
      io.err(`Erreur : ${e.message}`);
      return 1;
    }
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EACCES' || err.code === 'ENOENT' || err.code === 'EISDIR' || err.code === 'ENOSPC') {
      io.err(`Erreur : écriture impossible (${err.code}) : ${err.message}`);
      return 1;
    }
    io.err(`Erreur interne : ${err.stack ?? err.message}`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
