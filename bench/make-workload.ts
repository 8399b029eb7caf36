/**
 * National-scale workload for `npm run bench`: `departements` × 4 partner workbooks (CAF, CD,
 * MSA, FACS), 40 structures and ~2 500 funding lines per département (100 départements: about
 * 4 000 structures and 250 000 lines), in the partners' own layouts, with ~1 % of lines repeated
 * in a "décision modificative" sheet. Written with exceljs's streaming writer, into a temp folder.
 */
import { luhnDigit } from '../scripts/world/siret';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';

/** A SIRET whose SIREN and SIRET keys are right (Luhn), unique per département and structure: real lists carry valid ones. */
function siretOf(d: number, i: number): string {
  const body = `${String(100 + d).padStart(3, '0')}${String(i).padStart(5, '0')}`;
  const siren = body + luhnDigit(body);
  return siren + '0001' + luhnDigit(siren + '0001');
}

const NAMES = ['Les Oliviers', 'La Cascade', 'Le Lavoir', 'Les Terrasses', 'Le Chambon', 'Mont Toulon', 'Les Tilleuls', 'La Passerelle', 'Le Moulin', 'Les Cèdres', 'La Source', 'Le Vivarais', 'Les Coquelicots', 'La Fontaine', 'Le Pont', 'Les Glycines', 'La Forge', 'Le Quartier', 'Les Amandiers', 'La Clairière'];
const KINDS = [
  ['Centre social', 'CS'],
  ['Espace de vie sociale', 'EVS'],
] as const;

/** A deterministic pseudo-random sequence, so that two runs measure the same files. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

export interface Workload {
  dir: string;
  files: string[];
  structures: number;
  lines: number;
  cells: number;
}

interface S {
  name: string;
  kind: 'CS' | 'EVS';
  siret: string;
  commune: string;
  code: string;
}

async function writeBook(file: string, sheets: { name: string; header: string[]; rows: unknown[][]; title?: string }[]) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    if (s.title) {
      ws.addRow([s.title]).commit();
      ws.addRow([]).commit();
    }
    ws.addRow(s.header).commit();
    for (const r of s.rows) ws.addRow(r).commit();
    ws.commit();
  }
  await wb.commit();
}

export async function makeWorkload(dir: string, departements = 100, linesPerDept = 2500): Promise<Workload> {
  await fs.mkdir(dir, { recursive: true });
  const files: string[] = [];
  let lines = 0;
  let cells = 0;
  let structures = 0;
  for (let d = 1; d <= departements; d++) {
    const rand = rng(d * 7919);
    const dd = String(d).padStart(3, '0');
    const list: S[] = [];
    for (let i = 0; i < 40; i++) {
      const [label, kind] = KINDS[i % 5 === 4 ? 1 : 0];
      const commune = `Commune ${dd}-${String(i).padStart(2, '0')}`;
      list.push({ name: `${label} ${NAMES[i % NAMES.length]} ${commune}`, kind, siret: siretOf(d, i), commune, code: `${kind}${dd}-${String(i).padStart(2, '0')}` });
    }
    structures += list.length;
    const facs = path.join(dir, `FACS_d${dd}_reseau.xlsx`);
    const reseau = list.map((s) => [s.name, s.kind, s.siret, s.commune, `CC du territoire ${dd}`, 'Associative', s.kind === 'CS' ? 'AGC+ACF' : 'AL', new Date(Date.UTC(2017, 0, 1)), new Date(Date.UTC(2022, 11, 31)), 'X', s.code]);
    const conv = list.flatMap((s, i) => [
      ['CAF', s.name, 'COF', `COF-${dd}-${i}`, new Date(Date.UTC(2017, 0, 1)), new Date(Date.UTC(2022, 11, 31)), null],
      ['Département', s.name, 'Convention pluriannuelle d’objectifs', `CPO-${dd}-${i}`, new Date(Date.UTC(2017, 0, 1)), new Date(Date.UTC(2020, 11, 31)), 25000],
    ]);
    await writeBook(facs, [
      { name: 'Réseau', header: ['Nom de la structure', 'Type de structure', 'N° SIRET', 'Ville', 'EPCI', 'Mode de gestion', 'Agrément', 'Date début agrément', 'Date fin agrément', 'Référent familles', 'Code'], rows: reseau },
      { name: 'Conventions partenaires', header: ['Partenaire', 'Structure', 'Type de convention', 'Référence', 'Du', 'Au', 'Montant annuel'], rows: conv },
    ]);
    cells += reseau.length * 11 + conv.length * 7;
    files.push(facs);

    // the three funders share the département's lines
    const per = Math.floor(linesPerDept / 3);
    const partners = [
      { file: `CAF${dd}_prestations.xlsx`, sheet: 'PS', header: ['Equipement', 'SIRET', 'Exercice', 'Prestation', 'Montant accordé', 'Montant versé', 'Action du schéma'], dispositifs: ['PS animation globale', 'PS animation collective familles', 'PS animation locale', 'Subvention fonds propres'] },
      { file: `CD${dd}_subventions.xlsx`, sheet: 'Subventions', header: ['Nom du bénéficiaire', 'SIRET', 'Année', 'Dispositif', 'Montant voté', 'Montant versé', 'Axe'], dispositifs: ['Vie associative', 'AJIR', 'Insertion', 'Culture e(s)t lien social', 'Vacances'] },
      { file: `MSA${dd}_aides.xlsx`, sheet: 'Aides', header: ['Structure', 'SIRET', 'Année', "Nature de l'aide", 'Mt accordé', 'Mt payé', 'Action'], dispositifs: ['Financement global', 'Appel à projets jeunes'] },
    ];
    for (const p of partners) {
      const rows: unknown[][] = [];
      for (let i = 0; i < per; i++) {
        const s = list[i % list.length];
        const year = 2017 + (Math.floor(i / list.length) % 4);
        const disp = p.dispositifs[Math.floor(i / (list.length * 4)) % p.dispositifs.length];
        const voted = Math.round(1000 + rand() * 60000) + i / 100;
        const action = `${1 + (i % 4)}.${1 + (i % 2)}.${1 + (i % 3)}`;
        // MSA writes the commune in brackets and no SIRET: linked by name
        const name = p.file.startsWith('MSA') ? `${s.name.replace(` ${s.commune}`, '')} (${s.commune})` : s.name;
        rows.push([name, p.file.startsWith('MSA') ? null : s.siret, year, disp, voted, Math.round(voted * 0.8), action]);
      }
      const dm = rows.filter((_, i) => i % 100 === 7);
      const file = path.join(dir, p.file);
      await writeBook(file, [
        { name: p.sheet, header: p.header, rows, title: `${p.file.replace(/_.*/, '')} — financements 2017-2020` },
        { name: 'DM', header: p.header, rows: dm },
      ]);
      lines += rows.length + dm.length;
      cells += (rows.length + dm.length) * p.header.length;
      files.push(file);
    }
  }
  return { dir, files, structures, lines, cells };
}

if (require.main === module) {
  const dir = process.argv[2] ?? path.join(require('node:os').tmpdir(), 'pilotage-bench');
  const n = Number(process.argv[3] ?? 100);
  const t0 = Date.now();
  makeWorkload(dir, n).then((w) => process.stdout.write(`${w.files.length} fichiers, ${w.structures} structures, ${w.lines} lignes, ${w.cells} cellules dans ${dir} (${Date.now() - t0} ms)\n`));
}
