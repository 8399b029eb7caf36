/**
 * Builds the example partner workbooks shipped in `examples/partenaires/` (fictional structures,
 * realistic layouts): `npm run examples`. The demo and the golden tests read them.
 * Each file exercises a different layout: merged titles, two-row headers, one sheet per year,
 * a hidden sheet, totals, a Windows-1252 CSV with French numbers, other départements.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';

const OUT = path.resolve(__dirname, '../examples/partenaires');

interface S {
  code: string;
  name: string;
  kind: 'CS' | 'EVS' | 'Fédération';
  commune: string;
  cp: string;
  epci: string;
  siret: string;
  gestion: string;
  agrement: string;
  start: string;
  end: string;
  ref: boolean;
}

export const STRUCTURES: S[] = [
  { code: 'FACS07', name: 'Fédération Ardéchoise des Centres Sociaux', kind: 'Fédération', commune: 'Le Pouzin', cp: '07250', epci: 'CA Privas Centre Ardèche', siret: '64890679000015', gestion: 'Associative', agrement: 'Non', start: '', end: '', ref: false },
  { code: 'CS07-AUBE-02', name: 'Centre social Les Oliviers', kind: 'CS', commune: 'Aubenas', cp: '07200', epci: "CC du Bassin d'Aubenas", siret: '41234567800012', gestion: 'Associative', agrement: 'AGC+ACF', start: '2019-01-01', end: '2022-12-31', ref: true },
  { code: 'CS07-ANNO-02', name: 'Centre socioculturel La Cascade', kind: 'CS', commune: 'Annonay', cp: '07100', epci: 'CA Annonay Rhône Agglo', siret: '41234567800020', gestion: 'CCAS', agrement: 'AGC', start: '2018-01-01', end: '2021-12-31', ref: false },
  { code: 'CS07-PRIV-03', name: 'Maison pour tous du Mont Toulon', kind: 'CS', commune: 'Privas', cp: '07000', epci: 'CA Privas Centre Ardèche', siret: '41234567800038', gestion: 'Associative', agrement: 'AGC+ACF', start: '2020-01-01', end: '2020-12-31', ref: true },
  { code: 'EVS07-LARG-02', name: 'Espace de vie sociale Le Lavoir', kind: 'EVS', commune: 'Largentière', cp: '07110', epci: 'CC Val de Ligne', siret: '41234567800046', gestion: 'Associative', agrement: 'AL', start: '2019-01-01', end: '2021-12-31', ref: false },
  { code: 'EVS07-TOUR-02', name: 'Espace de vie sociale Les Terrasses', kind: 'EVS', commune: 'Tournon-sur-Rhône', cp: '07300', epci: 'CA Arche Agglo', siret: '41234567800053', gestion: 'CCAS', agrement: 'AL', start: '2018-01-01', end: '2020-12-31', ref: false },
  { code: 'CS07-TEIL-02', name: 'Centre social Le Chambon', kind: 'CS', commune: 'Le Teil', cp: '07400', epci: 'CC Ardèche Rhône Coiron', siret: '41234567800061', gestion: 'Associative', agrement: 'AGC+ACF', start: '2019-01-01', end: '2022-12-31', ref: true },
];

const d = (iso: string) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

async function facsList() {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Réseau 2020');
  ws.getCell('A1').value = 'FACS — structures adhérentes et agréments CAF';
  ws.mergeCells('A1:J1');
  ws.addRow([]);
  ws.addRow(['Nom de la structure', 'Type de structure', 'N° SIRET', 'Ville', 'EPCI', 'Mode de gestion', 'Agrément', 'Date début agrément', 'Date fin agrément', 'Référent familles', 'Code']);
  for (const s of STRUCTURES)
    ws.addRow([s.name, s.kind, s.siret.replace(/(\d{3})(\d{3})(\d{3})(\d{5})/, '$1 $2 $3 $4'), s.commune, s.epci, s.gestion, s.agrement, d(s.start), d(s.end), s.ref ? 'X' : '', s.code]);
  const conv = wb.addWorksheet('Conventions partenaires');
  conv.addRow(['Partenaire', 'Structure', 'Type de convention', 'Référence', 'Du', 'Au', 'Montant annuel']);
  conv.addRow(['CAF', 'Centre social Les Oliviers', "Convention d'objectifs et de financement", 'COF-19-01', d('2019-01-01'), d('2022-12-31'), null]);
  conv.addRow(['CAF', 'CSC La Cascade', 'COF', 'COF-18-02', d('2018-01-01'), d('2021-12-31'), null]);
  conv.addRow(['CAF', 'MPT du Mont Toulon', 'COF', 'COF-17-03', d('2017-01-01'), d('2019-12-31'), null]);
  conv.addRow(['CAF', 'EVS Le Lavoir', 'COF', 'COF-19-04', d('2019-01-01'), d('2021-12-31'), null]);
  conv.addRow(['CAF', 'EVS Les Terrasses', 'COF', 'COF-18-05', d('2018-01-01'), d('2020-12-31'), null]);
  conv.addRow(['CAF', 'Centre social Le Chambon', 'COF', 'COF-19-06', d('2019-01-01'), d('2022-12-31'), null]);
  conv.addRow(['Département', 'Centre social Les Oliviers', 'Convention pluriannuelle d’objectifs', 'CPO-2019-11', d('2019-01-01'), d('2021-12-31'), '25 000,00 €']);
  conv.addRow(['Département', 'Fédération Ardéchoise des Centres Sociaux', 'Convention pluriannuelle d’objectifs', 'CPO-2018-12', d('2018-01-01'), d('2020-12-31'), 15000]);
  await wb.xlsx.writeFile(path.join(OUT, 'FACS_reseau_2020.xlsx'));
}

async function caf() {
  const wb = new ExcelJS.Workbook();
  const years: Record<number, [string, string, number, number | string, string | null][]> = {
    2019: [
      ['Centre social Les Oliviers', 'PS animation globale et coordination (AGC)', 68450.5, 68450.5, null],
      ['CSC La Cascade', 'PS animation globale et coordination (AGC)', 61200, 61200, null],
      ['Maison pour tous du Mont Toulon', 'PS animation globale et coordination (AGC)', 58300.25, 58300.25, null],
      ['C.S. Les Oliviers', 'PS animation collective familles (ACF)', 21400, 21400, null],
      ['EVS Le Lavoir', 'PS animation locale', 17900, 17900, null],
      ['EVS Les Terrasses', 'PS animation locale', 16350.8, 15000, null],
      ['Centre social Le Chambon', 'PS animation globale et coordination (AGC)', 64100, 64100, null],
      ['FACS', 'Subvention fonds propres', 6500, 6500, '1.1.2'],
    ],
    2020: [
      ['Centre social Les Oliviers', 'PS animation globale et coordination (AGC)', 69800, 34900, null],
      ['CSC La Cascade', 'PS animation globale et coordination (AGC)', 62400, 62400, null],
      ['Maison pour tous du Mont Toulon', 'PS animation globale et coordination (AGC)', 59450, 59450, null],
      ['EVS Le Lavoir', 'PS animation globale et coordination (AGC)', 12000, 12000, null],
      ['EVS Les Terrasses', 'PS animation locale', 16700, 'en attente', null],
      ['Centre social Le Chambon', 'PS animation globale et coordination (AGC)', 65300, 65300, null],
      ['FACS', 'Subvention fonds propres', 5200, 5200, 'Axe 3'],
    ],
  };
  for (const [year, rows] of Object.entries(years)) {
    const ws = wb.addWorksheet(`PS ${year}`);
    ws.getCell('A1').value = `Caisse d'allocations familiales de l'Ardèche — prestations de service ${year}`;
    ws.mergeCells('A1:F1');
    ws.getCell('A2').value = 'Document de travail — ne pas diffuser';
    // two-row header: "Montant" spans "accordé" and "versé"
    ws.getRow(4).values = ['Equipement', 'Prestation', 'Montant', null, 'Action du schéma'];
    ws.mergeCells('C4:D4');
    ws.getRow(5).values = [null, null, 'accordé', 'versé', null];
    let r = 6;
    for (const row of rows) ws.getRow(r++).values = [row[0], row[1], row[2], row[3], row[4]];
    const voted = rows.reduce((a, x) => a + x[2], 0);
    const paid = rows.reduce((a, x) => a + (typeof x[3] === 'number' ? x[3] : 0), 0);
    ws.getRow(r).values = ['Total', null, { formula: `SUM(C6:C${r - 1})`, result: voted }, { formula: `SUM(D6:D${r - 1})`, result: paid }];
  }
  const hidden = wb.addWorksheet('Brouillon');
  hidden.state = 'hidden';
  hidden.addRow(['Structure', 'Montant accordé']);
  hidden.addRow(['Centre social Les Oliviers', 99999]);
  await wb.xlsx.writeFile(path.join(OUT, 'CAF07_PS_2019-2020.xlsx'));
}

function departementCsv() {
  const rows = [
    ['Année', 'Nom du bénéficiaire', 'SIRET', 'Politique', 'Dispositif', 'Objet', 'Axe', 'Montant voté', 'Montant versé', 'Date de décision'],
    ['2019', 'Centre social Les Oliviers', '412 345 678 00012', 'Vie associative', 'Convention pluriannuelle', 'Fonctionnement 2019', '2', '25 000,00 €', '25 000,00 €', '15/03/2019'],
    ['2019', 'Centre socioculturel La Cascade', '41234567800020', 'Jeunesse', 'AJIR', 'Projet jeunes 2019', '', '6 500', '6 500', '15/03/2019'],
    ['2019', 'Espace de vie sociale Le Lavoir', '41234567800046', 'Culture', 'Culture e(s)t lien social', 'Ateliers 2019', '4.7.1', '3.800', '3.800', '20/06/2019'],
    ['2019', 'Fédération Ardéchoise des Centres Sociaux', '64890679000015', 'Vie associative', 'Convention pluriannuelle', 'Journées départementales', '1.4.1', '7 200,00', '7 200,00', '20/06/2019'],
    ['2020', 'Centre social Les Oliviers', '41234567800012', 'Vie associative', 'Convention pluriannuelle', 'Fonctionnement 2020', '2', '25 000,00 €', '12 500,00 €', '2020-03-12'],
    ['2020', 'Centre social Le Chambon', '41234567800061', 'Insertion', 'PDI', 'Actions collectives', '', '24 300', '24 300', '2020-03-12'],
    ['2020', 'Maison pour tous du Mont Toulon', '41234567800038', 'Vacances', 'Projets vacances familles', 'Départs en vacances', '', '-800', '-800', '2020-06-30'],
    ['2020', 'Espace de vie sociale Les Terrasses', '41234567800053', 'Autonomie', 'Conférence des financeurs', 'Ateliers seniors', '4.2.2', '4 100', '4 100', '2020-06-30'],
    ['2020', 'Association Les Jardins partagés', '', 'Culture', 'Culture e(s)t lien social', 'Jardin', '4.7', '1 500', '1 500', '2020-06-30'],
    ['Total', '', '', '', '', '', '', '', '', ''],
  ];
  const text = rows.map((r) => r.map((c) => (/[;"\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(';')).join('\r\n') + '\r\n';
  // Windows-1252, as Excel on Windows writes "CSV (séparateur : point-virgule)"
  const bytes = Buffer.from(
    [...text].map((ch) => {
      const c = ch.charCodeAt(0);
      if (c < 256) return c;
      const map: Record<string, number> = { '€': 0x80, '’': 0x92, '–': 0x96 };
      return map[ch] ?? 0x3f;
    }),
  );
  writeFileSync(path.join(OUT, 'CD07_subventions_2019-2020.csv'), bytes);
}

async function msa() {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Aides ADL');
  ws.addRow(['MSA Ardèche Drôme Loire — aides au développement local']);
  ws.addRow([]);
  ws.addRow(['Département', 'Structure', 'Année', "Nature de l'aide", 'Mt accordé', 'Mt payé', 'N° convention', 'Signée le']);
  ws.addRow(['07', 'CS Les Oliviers (Aubenas)', 2019, 'Financement global', 5200, 5200, 'MSA-19-001', d('2019-01-15')]);
  ws.addRow(['26', 'Centre social de la Drôme', 2019, 'Financement global', 4100, 4100, null, null]);
  ws.addRow(['07', 'Centre social Le Chambon (Le Teil)', 2019, 'Financement global', 3900, 3900, null, null]);
  ws.addRow(['07', 'EVS Les Terrasses (Tournon)', 2020, 'Appel à projets jeunes', 2500, 2750, null, null]);
  ws.addRow(['42', 'EVS de la Loire', 2020, 'Appel à projets jeunes', 3000, 3000, null, null]);
  ws.addRow(['07', 'CS Les Oliviers (Aubenas)', 2020, 'Financement global', 5400, 2700, 'MSA-19-001', d('2019-01-15')]);
  await wb.xlsx.writeFile(path.join(OUT, 'MSA_ADL_2019-2020.xlsx'));
}

async function run() {
  mkdirSync(OUT, { recursive: true });
  await facsList();
  await caf();
  departementCsv();
  await msa();
  process.stdout.write(`Exemples écrits dans ${OUT}\n`);
}

if (require.main === module) run();
