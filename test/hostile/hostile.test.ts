/**
 * The hostile corpus (scripts/make-hostile.ts) goes through the CLI in one build, beside the
 * example partner files: every bad file is named in a French message, the others are still read,
 * nothing crashes, no temporary file is left. (Its memory is measured by `npm run bench`.)
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { CASES, FORMULA_LIKE, LONG_TEXT, RTL_EMOJI, makeHostile } from '../../scripts/make-hostile';
import { EXTRA_CASES } from '../../scripts/hostile-extra';
import type { Report } from '../../src/core/report/build-report';
import { runCli } from '../helpers/run-cli';

const EXAMPLES = path.resolve(__dirname, '../../examples/partenaires');
let tmp: string;
let result: { code: number; stdout: string; stderr: string };
let report: Report;
const sheets = new Map<string, ExcelJS.Worksheet>();

const input = (file: string) => report.inputs.find((i) => i.file === file);
const findingsOf = (file: string) => report.findings.filter((f) => f.file === file);
const rejection = (file: string) => result.stderr.split('\n').find((l) => l.startsWith(`✗ ${file}`)) ?? '';
function cellsOf(ws: ExcelJS.Worksheet) {
  const out: ExcelJS.Cell[] = [];
  ws.eachRow((r) => r.eachCell((c) => out.push(c)));
  return out;
}

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'pilotage-hostile-'));
  const dir = path.join(tmp, 'entrees');
  await makeHostile(dir);
  for (const f of await fs.readdir(EXAMPLES)) await fs.copyFile(path.join(EXAMPLES, f), path.join(dir, f));
  result = await runCli(['build', dir, '-o', path.join(tmp, 'sortie', 'pilotage.xlsx'), '--report', path.join(tmp, 'sortie', 'rapport.json'), '-q', '--verbose']);
  // when the build stops early, say what it printed rather than « rapport.json » not found
  const text = await fs.readFile(path.join(tmp, 'sortie', 'rapport.json'), 'utf8').catch(() => {
    throw new Error(`la construction n'a pas écrit son rapport (code ${result.code})\n${result.stderr}\n${result.stdout}`.slice(0, 20_000));
  });
  report = JSON.parse(text);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(tmp, 'sortie', 'pilotage.xlsx'));
  wb.eachSheet((ws) => sheets.set(ws.name, ws));
}, 180_000);

afterAll(async () => {
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

describe('corpus hostile : une seule construction, rien ne casse', () => {
  it('écrit le classeur (code 0) et ne laisse aucun fichier temporaire', async () => {
    expect(result.code).toBe(0);
    expect((await fs.readdir(path.join(tmp, 'sortie'))).sort()).toEqual(['pilotage.xlsx', 'rapport.json']);
    expect(report.inputs).toHaveLength(CASES.length + (await fs.readdir(EXAMPLES)).length);
  });

  it('lit toujours les fichiers valides des partenaires', () => {
    for (const f of ['CAF07_PS_2019-2020.xlsx', 'CD07_subventions_2019-2020.csv', 'FACS_reseau_2020.xlsx', 'MSA_ADL_2019-2020.xlsx']) expect(input(f)?.status).toBe('ok');
    expect(report.counts.structures).toBe(7);
    expect(report.counts.fundingLines).toBeGreaterThan(30);
    for (const t of report.totals) {
      expect(Number.isFinite(t.voted)).toBe(true);
      expect(Number.isFinite(t.paid)).toBe(true);
    }
  });
});

describe.each([
  ['CAF07_zip_corrompu.xlsx', /illisible ou endommagé \(archive ZIP incomplète ou corrompue\)/],
  ['CAF07_zip_tronque.xlsx', /illisible ou endommagé \(archive ZIP incomplète ou corrompue\)/],
  ['CAF07_mot_de_passe.xlsx', /protégé par mot de passe/],
  ['CAF07_un_million_de_lignes.xlsx', /› Extraction : feuille trop grande \(4\s000\s000 cellules déclarées, limite 1\s000\s000 par feuille\) : fichier refusé sans être ouvert/],
  ['CAF07_bombe.xlsx', /contenu décompressé trop volumineux \(1\s024 Mo .*bombe de décompression/],
  ['CAF07_feuilles_casse.xlsx', /deux feuilles portent le même nom à la casse près \(« ps 2019 »\)/],
])('%s est refusé par son nom', (file, reason) => {
  it('message en français sur la sortie d’erreur et dans le rapport', () => {
    expect(rejection(file)).toMatch(reason);
    expect(input(file)?.status).toBe('rejected');
    expect(findingsOf(file).map((f) => f.code)).toEqual(['FICHIER_REJETE']);
    expect(findingsOf(file)[0].message).toMatch(reason);
  });
});

describe.each([
  ['MSA_ancien_format.xls', 'ADL 2019'],
  ['FACS_tableur_libre.ods', 'Réseau 2019'],
])('%s (Excel 97-2003, OpenDocument) : lu comme un .xlsx', (file, sheet) => {
  it('statut ok, sa feuille et ses deux lignes de financement lues, aucun refus', () => {
    expect(input(file)?.status).toBe('ok');
    expect(input(file)?.sheets[0]).toMatchObject({ name: sheet, kind: 'fundings', rows: 2 });
    expect(findingsOf(file).filter((f) => f.code === 'FICHIER_REJETE')).toEqual([]);
  });
});

describe.each([
  ['CAF07_classeur_vide.xlsx', 'Feuil1'],
  ['CAF07_image_seule.xlsx', 'Logo'],
  ['CAF07_200_colonnes_vides.xlsx', 'Export'],
])('%s : aucun tableau, refusé par son nom', (file, sheet) => {
  it('FICHIER_REJETE nomme le fichier et sa feuille vide', () => {
    expect(input(file)?.status).toBe('rejected');
    const f = findingsOf(file);
    expect(f.map((x) => x.code)).toEqual(['FICHIER_REJETE']);
    expect(f[0].message).toContain(`« ${file} » : aucun tableau reconnu`);
    expect(f[0].message).toContain(`« ${sheet} »`);
  });
});

describe('contenus hostiles lus', () => {
  it('en-têtes fusionnés sur trois lignes : les lignes sont lues, la cellule vide est nommée', () => {
    const s = input('CAF07_entetes_fusionnees.xlsx')?.sheets[0];
    expect(s).toMatchObject({ kind: 'fundings', headerRow: 3, rows: 2 });
    const f = findingsOf('CAF07_entetes_fusionnees.xlsx').find((x) => x.code === 'CHAMP_OBLIGATOIRE');
    expect(f).toMatchObject({ sheet: 'PS 2019', cell: 'E6' });
  });

  it('formules en erreur (#REF!, #DIV/0!) : montant illisible, cellule nommée', () => {
    const f = findingsOf('CAF07_formules_en_erreur.xlsx').filter((x) => x.code === 'MONTANT_ILLISIBLE');
    expect(f.map((x) => [x.cell, x.value])).toEqual([
      ['E3', '#REF!'],
      ['E4', '#DIV/0!'],
    ]);
    expect(f[0].message).toContain('Montant voté illisible « #REF! »');
  });

  it('dates avant 1900 et en 2100', () => {
    const f = findingsOf('CAF07_dates_extremes.xlsx').filter((x) => x.code === 'MONTANT_ILLISIBLE');
    expect(f.map((x) => [x.cell, x.value])).toEqual(expect.arrayContaining([['G3', '14/07/1789'], ['C6', '1899']]));
    const rows = cellsOf(sheets.get('Financements')!).filter((c) => String(c.value).includes('CAF07_dates_extremes.xlsx › PS 2019 › ligne 4'));
    expect(rows).toHaveLength(1);
    const decided = sheets.get('Financements')!.getRow(Number(rows[0].row)).values as ExcelJS.CellValue[];
    expect(decided.some((v) => v instanceof Date && v.toISOString().startsWith('2100-01-01'))).toBe(true);
  });

  it('montants 1e308, NaN, Infinity : illisibles, jamais additionnés ; -0 vaut 0', () => {
    const f = findingsOf('CAF07_montants_extremes.xlsx').filter((x) => x.code === 'MONTANT_ILLISIBLE');
    expect(f.map((x) => x.cell).sort()).toEqual(['E3', 'E4', 'E6', 'F4', 'F6']);
    expect(findingsOf('CAF07_montants_extremes.xlsx').some((x) => x.code === 'MONTANT_NEGATIF')).toBe(false);
  });

  it('en-têtes __proto__, constructor, toString : aucune pollution de prototype', () => {
    expect(input('CAF07_entetes_proto.xlsx')?.sheets[0]).toMatchObject({ kind: 'fundings', rows: 1 });
    expect(({} as Record<string, unknown>).constructor).toBe(Object);
    expect(Object.prototype.toString.call([])).toBe('[object Array]');
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it('textes commençant par =, +, -, @, tabulation ou retour chariot : écrits comme du texte', () => {
    const all = [...sheets.values()].flatMap(cellsOf);
    const formulas = all.filter((c) => c.type === ExcelJS.ValueType.Formula);
    for (const c of formulas) for (const t of FORMULA_LIKE) expect(c.formula).not.toContain(t.trim());
    const names = all.filter((c) => typeof c.value === 'string').map((c) => c.value as string);
    for (const t of FORMULA_LIKE.slice(0, 5)) expect(names).toContain(t);
  });

  it('cellule de 32 767 caractères : le classeur reste ouvrable, aucun texte ne dépasse la limite d’Excel', () => {
    const texts = [...sheets.values()].flatMap(cellsOf).map((c) => c.text);
    expect(texts.some((t) => t === LONG_TEXT)).toBe(true);
    expect(Math.max(...texts.map((t) => t.length))).toBeLessThanOrEqual(32767);
    const f = findingsOf('CAF07_cellule_32767.xlsx').find((x) => x.code === 'STRUCTURE_INCONNUE');
    expect(f?.cell).toBe('A3');
  });

  it('champ CSV de 5 Mo : lu coupé à 32 767 caractères, dit une fois à sa cellule, les autres lignes du fichier lues', () => {
    const f = findingsOf('CD07_ligne_5_Mo.csv');
    expect(f.filter((x) => x.code === 'TEXTE_TROP_LONG')).toEqual([expect.objectContaining({ severity: 'alerte', cell: 'B3', count: 1 })]);
    expect(f.find((x) => x.code === 'TEXTE_TROP_LONG')?.message).toContain('5\u202f242\u202f880 caractères');
    expect(input('CD07_ligne_5_Mo.csv')?.sheets[0]).toMatchObject({ kind: 'fundings', rows: 2 });
  });

  it('noms de droite à gauche et émojis conservés à l’identique', () => {
    expect(input('CAF07_rtl_emoji.xlsx')?.sheets[0]).toMatchObject({ name: 'PS 2019 🌍', kind: 'fundings', rows: 4 });
    const names = cellsOf(sheets.get('Financements')!).map((c) => c.value);
    for (const n of RTL_EMOJI) expect(names).toContain(n);
  });

  it('CSV avec BOM et séparateurs mélangés : les lignes au « ; » sont lues, l’autre est signalée avec sa cellule', () => {
    const file = 'CD07_separateurs_melanges_bom.csv';
    expect(input(file)?.sheets[0]).toMatchObject({ kind: 'fundings' });
    expect(input(file)?.sheets[0].mapping['Année']).toBe('year'); // the BOM is not part of the first header
    // the comma line is one cell under "Année": reported on row 3 (unreadable or missing field), never counted
    const f = findingsOf(file).filter((x) => /^[A-Z]3$/.test(x.cell ?? ''));
    expect(f.map((x) => x.code)).toEqual([expect.stringMatching(/^(MONTANT_ILLISIBLE|CHAMP_OBLIGATOIRE)$/)]);
    expect(f[0].message).toMatch(/ne?\s.*pas comptée/);
    const rows = cellsOf(sheets.get('Financements')!).filter((c) => String(c.value).startsWith(`${file} ›`));
    expect(rows).toHaveLength(2);
  });

  it('CSV en UTF-16 : accents décodés, lignes lues', () => {
    const file = 'CD07_utf16.csv';
    expect(input(file)?.sheets[0]).toMatchObject({ kind: 'fundings', rows: 2 });
    const rows = cellsOf(sheets.get('Financements')!).filter((c) => String(c.value).startsWith(`${file} ›`));
    expect(rows).toHaveLength(2);
    expect(cellsOf(sheets.get('Financements')!).some((c) => c.value === 'FACS07')).toBe(true);
  });
});

describe.each(EXTRA_CASES.map((c) => [c.file, c.expect] as const))('%s', (file, expected) => {
  if ('refuse' in expected)
    it('refusé par son nom, message en français', () => {
      expect(input(file)?.status).toBe('rejected');
      const f = findingsOf(file).filter((x) => x.code === 'FICHIER_REJETE');
      expect(f).toHaveLength(1);
      expect(f[0].message).toMatch(expected.refuse);
    });
  else
    it(`lu : au moins ${expected.lines} ligne(s) de financement`, () => {
      expect(input(file)?.status).toBe('ok');
      expect(findingsOf(file).filter((x) => x.code === 'FICHIER_REJETE')).toEqual([]);
      const lines = (input(file)?.sheets ?? []).filter((s) => s.kind === 'fundings').reduce((n, s) => n + s.rows, 0);
      expect(lines).toBeGreaterThanOrEqual(expected.lines);
      // numbers stored as text, with thin or non-breaking spaces, are amounts
      expect(findingsOf(file).filter((x) => x.code === 'MONTANT_ILLISIBLE')).toEqual([]);
    });
});

describe('taille du corpus', () => {
  it('au moins 60 cas', () => {
    console.log(`corpus hostile : ${CASES.length} cas (${EXTRA_CASES.length} dans scripts/hostile-extra.ts)`);
    expect(CASES.length).toBeGreaterThanOrEqual(60);
  });
});

it('une entrée qui est aussi la sortie : refusée, le fichier du partenaire intact', async () => {
  const dir = path.join(tmp, 'meme-fichier');
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, 'CAF07_PS_2019-2020.xlsx');
  await fs.copyFile(path.join(EXAMPLES, 'CAF07_PS_2019-2020.xlsx'), file);
  const before = await fs.readFile(file);
  const r = await runCli(['build', file, '-o', file, '-q']);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/est à la fois un fichier à lire et le classeur à écrire : il serait écrasé/);
  expect((await fs.readFile(file)).equals(before)).toBe(true);
  expect(await fs.readdir(dir)).toEqual(['CAF07_PS_2019-2020.xlsx']);
});
