/**
 * Writes a world as the partners' own workbooks and CSV exports, every layout drawn at random per
 * file, and records where each fact was written (file › sheet › row) for the truth.
 */
import { CONVENTION_WORDS, HEADERS } from './pools';
import { amountCell, boundCell, caseHeader, dateCell, dispositifCells, drawStyle, header, needsLegend, planCell, siretText, structureName, type Style } from './render';
import { SheetBuilder, type Cell, type SheetOut } from './sheet-builder';
import type { WLine, World, WStructure } from './types';
import { drawFamily, FUNDING_FAMILIES, specOf, writeSpecFunding, type Family as LayoutFamily, type Spec } from './families';
import { Random } from './random';
import { drawTableOptions, withSpacers, writeHeader, writeRows, writeTitle, type Column, type Row } from './write-tables';

export interface Place {
  file: string;
  sheet: string;
  row: number;
}

export interface FileOut {
  name: string;
  sheets?: SheetOut[];
  csv?: { sep: ';' | ','; encoding: 'utf8' | 'utf8-bom' | 'cp1252'; style: Style };
  /** Raw bytes (an unreadable file) or `'truncate'`: the first half of the xlsx it describes. */
  raw?: 'garbage' | 'truncate';
}

export interface Written {
  files: FileOut[];
  /** World line id → where it was written. */
  lineAt: Map<number, Place>;
  /** Lines written with a plan column / a paid column. */
  planWritten: Set<number>;
  paidWritten: Set<number>;
  /** Conventions written in a list. */
  convAt: Map<number, Place & { amount: boolean }>;
  /** Conventions written only on funding lines (partner → with signature date?). */
  convOnLines: Map<string, { signed: boolean }>;
  /** Structures list entries: structure code → agrément period written, if any. */
  listed: Map<string, { agrement?: { start: number; end: number; types: string[] }; more?: { start: number; end: number; types: string[] }[] }>;
  rejected: string[];
}

const PARTNER_FILE: Record<string, string[]> = {
  CAF: ['CAF07_PS_AVS', 'CAF_Ardeche_prestations_AVS', 'caf07-animation-vie-sociale', 'Export_CAF07_PS'],
  CD07: ['CD07_subventions_AVS', 'Departement_Ardeche_AVS', 'CD07_deliberations', 'CG07_subventions_centres_sociaux'],
  MSA: ['MSA_ADL_AVS', 'MSA_Ardeche_Drome_Loire_AVS', 'MSA_ADL_suivi'],
  FACS: ['FACS_financements', 'FACS_accompagnement_structures'],
};
const CONVENTION_FILE: Record<string, string[]> = { CAF: ['CAF07', 'CAF_Ardeche'], CD07: ['CD07', 'Departement07'], MSA: ['MSA_ADL', 'MSA'] };
const PARTNER_TITLE: Record<string, string[]> = {
  CAF: ["CAF de l'Ardèche — Prestations de service AVS", "Caisse d'allocations familiales de l'Ardèche – animation de la vie sociale", 'CAF 07 – suivi des financements AVS'],
  CD07: ["Département de l'Ardèche — subventions AVS", 'Conseil départemental de l’Ardèche – délibérations', 'CD07 – soutien aux centres sociaux et EVS'],
  MSA: ['MSA Ardèche Drôme Loire — action sociale', 'MSA ADL – financements AVS', 'Mutualité sociale agricole Ardèche Drôme Loire'],
  FACS: ['FACS — accompagnement des structures', 'Fédération ardéchoise des centres sociaux – financements'],
};

export function sheetName(s: string, used: Set<string>): string {
  let base = s.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31).trim();
  let n = 2;
  while ([...used].some((u) => u.toLowerCase() === base.toLowerCase())) base = `${s.slice(0, 27).trim()} (${n++})`;
  used.add(base);
  return base;
}

export interface Ctx {
  world: World;
  rnd: Random;
  byCode: Map<string, WStructure>;
  out: Written;
}

// --------------------------------------------------------------------------------------------
// funding lines

type Family = 'perYear' | 'perDispositif' | 'long' | 'wide';

export interface FundingPlan {
  partner: string;
  base: string;
  csv: false | { sep: ';' | ','; encoding: 'utf8' | 'utf8-bom' | 'cp1252' };
  family: Family;
  style: Style;
  conv: 'none' | 'list-same' | 'list-file' | 'lines';
  convLines: 'refDate' | 'both' | 'ref';
  /** The columns of this file's funding sheets (one extraction, one layout). */
  cols?: Column[];
}

function fundingColumns(c: Ctx, p: FundingPlan, withYear: boolean, withDispositif: boolean): Column[] {
  const { rnd } = c;
  const st = p.style;
  const h = (f: string) => header(st, rnd, f);
  const cols: Column[] = [];
  if (rnd.chance(0.3)) cols.push({ field: 'dossier', header: h('dossier') });
  const nameCol: Column = { field: 'structureName', header: h('structureName') };
  cols.push(nameCol);
  if (rnd.chance(0.5)) cols.push({ field: 'commune', header: h('commune') });
  if (p.partner === 'MSA' && rnd.chance(0.5)) cols.push({ field: 'cp', header: h('cp') });
  if (p.partner === 'MSA' && rnd.chance(0.7)) cols.unshift({ field: 'departement', header: h('departement') });
  if (st.siret !== 'none') cols.push({ field: 'siret', header: caseHeader(st, st.siret === 'siren' ? rnd.pick(['SIREN', 'N° SIREN']) : rnd.pick(HEADERS.siret)) });
  if (withYear) (rnd.chance(0.5) ? cols.unshift.bind(cols) : cols.push.bind(cols))({ field: 'year', header: h('year') });
  if (withDispositif) {
    if (st.dispositif === 'shortLabel') cols.push({ field: 'dispositif', header: h('dispositifCode') }, { field: 'dispositifLabel', header: h('dispositifLabel') });
    else cols.push({ field: 'dispositif', header: st.dispositif === 'numericLegend' || st.dispositif === 'shortLegend' ? (rnd.chance(0.5) ? h('dispositifCode') : h('dispositif')) : h('dispositif') });
  }
  if (rnd.chance(0.3)) cols.push({ field: 'object', header: h('object') });
  if (rnd.chance(0.65)) cols.push({ field: 'plan', header: h('plan') });
  const grp = rnd.pick(['Montants (€)', 'Montants', 'Financement', 'En euros']);
  if (rnd.chance(0.2)) cols.push({ field: 'requested', header: h('requested'), amount: true, group: grp });
  cols.push({ field: 'voted', header: h('voted'), amount: true, group: grp });
  if (rnd.chance(0.9)) cols.push({ field: 'paid', header: h('paid'), amount: true, group: grp });
  if (rnd.chance(0.4)) cols.push({ field: 'decisionDate', header: h('decisionDate'), date: true });
  if (p.conv === 'lines') {
    if (p.convLines === 'both') cols.push({ field: 'convBoth', header: h('conventionBoth') });
    else {
      cols.push({ field: 'convRef', header: h('conventionRef') });
      if (p.convLines === 'refDate') cols.push({ field: 'convDate', header: h('conventionDate'), date: true });
    }
  }
  if (rnd.chance(0.3)) cols.push({ field: 'note', header: h('note') });
  return withSpacers(rnd, cols);
}

export function lineCells(c: Ctx, p: FundingPlan, l: WLine, seq: number): Record<string, Cell> {
  const { rnd, byCode, world } = c;
  const st = p.style;
  const s = l.structure ? byCode.get(l.structure)! : undefined;
  const conv = l.conventionId !== undefined ? world.conventions[l.conventionId] : undefined;
  const disp = dispositifCells(st, l);
  const name = s ? structureName(st, rnd, s) : l.unknown ? l.unknown.name : `${l.other!.name}${rnd.chance(0.4) ? ` (${l.other!.commune})` : ''}`;
  const dept = l.other ? l.other.dept : '07';
  const cells: Record<string, Cell> = {
    dossier: `${l.year}-${String(seq).padStart(3, '0')}`,
    structureName: name,
    commune: s ? s.commune : l.unknown ? l.unknown.commune : l.other!.commune,
    cp: s ? s.cp : l.other ? l.other.cp : '07000',
    departement: rnd.chance(0.7) ? dept : Number(dept),
    siret: s ? siretText(st, s.siret) : null,
    year: rnd.chance(0.8) ? l.year : String(l.year),
    dispositif: disp[0],
    dispositifLabel: disp[1] ?? null,
    object: l.object,
    plan: planCell(st, l.plan),
    requested: l.voted !== null && l.voted > 0 ? amountCell(st, rnd, Math.round(l.voted * 1.1)) : null,
    voted: l.illegible ? (l.illegible.startsWith('#') ? { error: l.illegible } : l.illegible) : amountCell(st, rnd, l.voted),
    paid: l.illegible ? null : amountCell(st, rnd, l.paid),
    decisionDate: dateCell(st, l.decisionDate),
    note: l.note ?? null,
  };
  if (conv) {
    const d = dateCell(st.date === 'date' ? { ...st, date: 'text' } : st, conv.signedOn) as string;
    cells.convRef = conv.ref;
    cells.convDate = dateCell(st, conv.signedOn);
    cells.convBoth = rnd.pick([`${conv.ref} du ${d}`, `n° ${conv.ref} signée le ${d}`, `${conv.ref} – ${d}`]);
  }
  return cells;
}

export function writeFundingSheet(c: Ctx, p: FundingPlan, sb: SheetBuilder, file: string, lines: WLine[], withYear: boolean, withDispositif: boolean, title: string) {
  const { rnd } = c;
  const cols = (p.cols ??= fundingColumns(c, p, withYear, withDispositif));
  // other-département rows only where a département or a postcode column says so
  if (!cols.some((x) => x.field === 'departement' || x.field === 'cp')) lines = lines.filter((l) => !l.other);
  const o = drawTableOptions(rnd, p.style, title, rnd.chance(0.6) ? 'structureName' : cols[0].field === 'spacer' ? 'structureName' : cols[0].field);
  const groupBy = rnd.pick(['structure', 'dispositif'] as const);
  const keyed = lines.map((l, i) => ({ l, cells: lineCells(c, p, l, i + 1) }));
  const groupOf = (x: (typeof keyed)[number]) => (groupBy === 'structure' ? String(x.cells.structureName) : p.style.labelOf[x.l.dispositif]);
  keyed.sort((a, b) => (o.subtotals ? groupOf(a).localeCompare(groupOf(b)) : 0) || (rnd.chance(0.5) ? 0 : 0) || a.l.year - b.l.year);
  if (o.subtotals && groupBy === 'structure') {
    // one spelling per group, as a partner's sort would give
    const first = new Map<string, Cell>();
    for (const x of keyed) {
      const k = x.l.structure ?? x.l.unknown?.name ?? x.l.other?.name ?? '';
      if (!first.has(k)) first.set(k, x.cells.structureName);
      x.cells.structureName = first.get(k)!;
    }
    keyed.sort((a, b) => groupOf(a).localeCompare(groupOf(b)) || a.l.year - b.l.year);
  }
  const firstCol = rnd.chance(0.15) ? 2 : 1;
  writeTitle(sb, o.title, cols.length, o.mergeTitle, firstCol);
  if (o.title.length && rnd.chance(0.5)) sb.add([]);
  writeHeader(sb, cols, o.twoRow, firstCol);
  cols.forEach((col, i) => {
    if (col.amount) sb.sheet.formats[firstCol + i] = '#,##0.00 €';
    if (col.date) sb.sheet.formats[firstCol + i] = 'dd/mm/yyyy';
  });
  const rows: Row<number>[] = keyed.map((x) => ({ key: x.l.id, cells: x.cells, group: groupOf(x) }));
  const at = writeRows(sb, rnd, cols, rows, o, firstCol);
  const has = (f: string) => cols.some((x) => x.field === f);
  for (const [id, row] of at) {
    c.out.lineAt.set(id, { file, sheet: sb.sheet.name, row });
    if (has('plan')) c.out.planWritten.add(id);
    if (has('paid')) c.out.paidWritten.add(id);
  }
}

/** Years as column groups: one row per structure × dispositif (× plan), voted and paid per year. */
function writeWideSheet(c: Ctx, p: FundingPlan, sb: SheetBuilder, file: string, lines: WLine[], title: string, words?: { voted: string; paid: string }) {
  const { rnd, out } = c;
  const st = p.style;
  const h = (f: string) => header(st, rnd, f);
  const years = c.world.years;
  const rowsByKey = new Map<string, WLine[][]>();
  const cols: Column[] = [{ field: 'structureName', header: h('structureName') }];
  if (rnd.chance(0.5)) cols.push({ field: 'commune', header: h('commune') });
  if (p.partner === 'MSA' && rnd.chance(0.8)) cols.unshift({ field: 'departement', header: h('departement') });
  else lines = lines.filter((l) => !l.other);
  for (const l of lines) {
    const k = `${l.structure ?? l.unknown?.name ?? l.other?.name}|${l.dispositif}|${l.plan}|${l.other?.commune ?? ''}`;
    const slots = rowsByKey.get(k) ?? [];
    let slot = slots.find((s) => !s.some((x) => x.year === l.year));
    if (!slot) slots.push((slot = []));
    slot.push(l);
    rowsByKey.set(k, slots);
  }
  if (st.siret !== 'none') cols.push({ field: 'siret', header: caseHeader(st, st.siret === 'siren' ? 'SIREN' : rnd.pick(HEADERS.siret)) });
  if (st.dispositif === 'shortLabel') cols.push({ field: 'dispositif', header: h('dispositifCode') }, { field: 'dispositifLabel', header: h('dispositifLabel') });
  else cols.push({ field: 'dispositif', header: h('dispositif') });
  const plan = rnd.chance(0.6);
  if (plan) cols.push({ field: 'plan', header: h('plan') });
  const paid = rnd.chance(0.8) || !!words;
  const twoRow = rnd.chance(0.6);
  const votedWord = words?.voted ?? rnd.pick(['Voté', 'Accordé', 'Montant voté', 'Attribué']);
  const paidWord = words?.paid ?? rnd.pick(['Versé', 'Payé', 'Mandaté', 'Réglé']);
  for (const y of years) {
    const g = rnd.pick([String(y), `Exercice ${y}`, `Année ${y}`]);
    cols.push({ field: `v${y}`, header: twoRow ? caseHeader(st, votedWord) : caseHeader(st, rnd.pick([`${votedWord} ${y}`, `${y} - ${votedWord}`, `${votedWord} (${y})`])), amount: true, group: g });
    if (paid) cols.push({ field: `p${y}`, header: twoRow ? caseHeader(st, paidWord) : caseHeader(st, rnd.pick([`${paidWord} ${y}`, `${y} - ${paidWord}`])), amount: true, group: g });
  }
  const o = { ...drawTableOptions(rnd, st, title, 'structureName'), twoRow, subtotals: rnd.chance(0.25) };
  const rows: Row<number>[] = [];
  let key = 0;
  const slotLines = new Map<number, WLine[]>();
  const sorted = [...rowsByKey.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  for (const [, slots] of sorted)
    for (const slot of slots) {
      const l0 = slot[0];
      const cells = lineCells(c, p, l0, key + 1);
      for (const y of years) {
        const l = slot.find((x) => x.year === y);
        cells[`v${y}`] = l ? (l.illegible ? (l.illegible.startsWith('#') ? { error: l.illegible } : l.illegible) : amountCell(st, rnd, l.voted)) : null;
        cells[`p${y}`] = l && !l.illegible ? amountCell(st, rnd, l.paid) : null;
      }
      rows.push({ key, cells, group: l0.structure ?? String(cells.structureName) });
      slotLines.set(key++, slot);
    }
  writeTitle(sb, o.title, cols.length, o.mergeTitle);
  writeHeader(sb, cols, twoRow);
  cols.forEach((col, i) => col.amount && (sb.sheet.formats[i + 1] = '#,##0.00'));
  const at = writeRows(sb, rnd, cols, rows, o);
  for (const [k, row] of at)
    for (const l of slotLines.get(k)!) {
      out.lineAt.set(l.id, { file, sheet: sb.sheet.name, row });
      if (plan) out.planWritten.add(l.id);
      if (paid) out.paidWritten.add(l.id);
    }
}

function writeLegend(c: Ctx, p: FundingPlan, used: Set<string>): SheetOut {
  const sb = new SheetBuilder(sheetName(c.rnd.pick(['Légende', 'Codes', 'Nomenclature', 'Table des codes']), used));
  const st = p.style;
  if (c.rnd.chance(0.5)) sb.add([c.rnd.pick(['Codes des dispositifs', 'Nomenclature des aides', 'Légende'])]);
  sb.add([caseHeader(st, 'Code'), caseHeader(st, c.rnd.pick(['Libellé', 'Intitulé', 'Désignation']))]);
  const codes = [...new Set(c.world.lines.filter((l) => l.partner === p.partner).map((l) => l.dispositif))].sort();
  for (const d of codes) sb.add([st.dispositif === 'numericLegend' ? (st.planAsNumber ? Number(st.numericOf[d]) : st.numericOf[d]) : st.shortOf[d], st.labelOf[d]]);
  return sb.sheet;
}

function drawFundingPlan(c: Ctx, partner: string): FundingPlan {
  const { rnd } = c;
  const csvFile = rnd.chance(0.25);
  const csv = csvFile ? { sep: rnd.pick([';', ';', ','] as const), encoding: rnd.pick(['utf8', 'utf8-bom', 'cp1252'] as const) } : (false as const);
  const family: Family = csv ? rnd.weighted([['long', 2], ['perYear', 1]] as const) : rnd.weighted([['perYear', 3], ['perDispositif', 2], ['long', 3], ['wide', 2]] as const);
  const style = drawStyle(rnd, csv ? (csv.sep === ',' ? '.' : ',') : false);
  if (csv && needsLegend(style)) style.dispositif = rnd.pick(['label', 'shortLabel'] as const);
  const convModes = partner === 'FACS' ? (['none'] as const) : partner === 'MSA' ? (['lines', 'lines', 'lines', 'list-same', 'list-file'] as const) : (['list-same', 'list-same', 'list-file', 'lines'] as const);
  let conv: FundingPlan['conv'] = rnd.pick(convModes);
  if (family === 'wide' && conv === 'lines') conv = 'list-same';
  if (csv && conv === 'list-same') conv = 'list-file';
  return { partner, base: rnd.pick(PARTNER_FILE[partner]), csv, family, style, conv, convLines: rnd.weighted([['refDate', 3], ['both', 2], ['ref', 1]] as const) };
}

function yearSheetName(rnd: Random, partner: string, y: number): string {
  return rnd.pick([`${y}`, `Exercice ${y}`, `Année ${y}`, partner === 'CAF' ? `PS ${y}` : `CP ${y}`, `Subventions ${y}`]);
}

function writeFundingFiles(c: Ctx, partner: string): FundingPlan {
  const { rnd, world, out } = c;
  const p = drawFundingPlan(c, partner);
  const all = world.lines.filter((l) => l.partner === partner);
  const main = all.filter((l) => !l.complement);
  const complement = all.filter((l) => l.complement);
  const span = `${world.years[0]}-${world.years[world.years.length - 1]}`;
  const title = `${rnd.pick(PARTNER_TITLE[partner])}${rnd.chance(0.5) ? ` — ${span}` : ''}`;
  const files: FileOut[] = [];
  const used = new Set<string>();
  const sheets: SheetOut[] = [];
  const ext = p.csv ? 'csv' : 'xlsx';
  const mainFile = `${p.base}_${span}.${ext}`;
  if (p.csv) {
    const csvOpt = { ...p.csv, style: p.style };
    const mk = (name: string, ls: WLine[], withYear: boolean, t: string) => {
      const sb = new SheetBuilder(name.replace(/\.csv$/, ''));
      writeFundingSheet(c, p, sb, name, ls, withYear, true, t);
      files.push({ name, sheets: [sb.sheet], csv: csvOpt });
    };
    const withYear = rnd.chance(0.3);
    if (p.family === 'perYear') for (const y of world.years) mk(`${p.base}_${y}.csv`, main.filter((l) => l.year === y), withYear, `${title} ${y}`);
    else mk(mainFile, main, true, title);
    if (complement.length) {
      p.cols = undefined;
      mk(`${p.base}_${span}_complement.csv`, complement, true, `${title} – complément`);
    }
  } else {
    const withYear = rnd.chance(0.3);
    const withDispositif = rnd.chance(0.3);
    if (p.family === 'perYear')
      for (const y of world.years) {
        const sb = new SheetBuilder(sheetName(yearSheetName(rnd, partner, y), used));
        writeFundingSheet(c, p, sb, mainFile, main.filter((l) => l.year === y), withYear, true, `${title} — exercice ${y}`);
        sheets.push(sb.sheet);
      }
    else if (p.family === 'perDispositif') {
      const ds = [...new Set(main.map((l) => l.dispositif))];
      for (const d of rnd.shuffle(ds)) {
        // a label longer than a sheet name allows is cut to what still names it: its short code
        const label = p.style.labelOf[d];
        const sb = new SheetBuilder(sheetName(label.length <= 31 ? label : p.style.shortOf[d], used));
        writeFundingSheet(c, p, sb, mainFile, main.filter((l) => l.dispositif === d), true, withDispositif, `${title} — ${p.style.labelOf[d]}`);
        sheets.push(sb.sheet);
      }
    } else if (p.family === 'long') {
      const sb = new SheetBuilder(sheetName(rnd.pick(['Délibérations', 'Financements', 'Suivi', 'Données', 'Extraction', 'Liste des aides']), used));
      writeFundingSheet(c, p, sb, mainFile, main, true, true, title);
      sheets.push(sb.sheet);
    } else {
      const sb = new SheetBuilder(sheetName(rnd.pick(['Tableau pluriannuel', 'Suivi pluriannuel', 'Financements', `Synthèse ${span}`]), used));
      writeWideSheet(c, p, sb, mainFile, main, title);
      sheets.push(sb.sheet);
    }
    if (complement.length) {
      const y = complement[0].year;
      const sb = new SheetBuilder(sheetName(rnd.pick([`CP complémentaire ${y}`, `DM ${y}`, `Décision modificative ${y}`, `Complément ${y}`]), used));
      writeFundingSheet(c, { ...p, cols: undefined, conv: p.conv === 'lines' ? 'lines' : 'none' }, sb, mainFile, complement, true, true, `${title} — décision modificative ${y}`);
      sheets.push(sb.sheet);
    }
    if (needsLegend(p.style)) sheets.push(writeLegend(c, p, used));
    if (rnd.chance(0.25)) {
      const sb = new SheetBuilder(sheetName(rnd.pick(['Listes', 'Paramètres', 'Param']), used), true);
      sb.add(['Dispositifs', 'Communes']);
      const ds = Object.values(p.style.labelOf).slice(0, 6);
      const cs = [...new Set(c.world.structures.map((s) => s.commune))];
      for (let i = 0; i < Math.max(ds.length, cs.length); i++) sb.add([ds[i] ?? null, cs[i] ?? null]);
      sheets.push(sb.sheet);
    }
    if (rnd.chance(0.2) && sheets.length) {
      // a stale, hidden draft of the first sheet: old amounts, never to be counted
      const src = sheets[0];
      const sb = new SheetBuilder(sheetName(rnd.pick([`Copie de ${src.name}`, `${src.name} (ancien)`, `Brouillon ${src.name}`]), used), true);
      const amountCol = (i: number) => (src.formats[i + 1] ?? '').includes('#,##0');
      for (const r of src.rows) sb.add(r.map((x, i) => (!amountCol(i) ? x : typeof x === 'number' ? Math.round(x * 0.97) : x && typeof x === 'object' && 'result' in x && x.result !== undefined ? Math.round(x.result * 0.97) : x)));
      sb.sheet.formats = { ...src.formats };
      sheets.push(sb.sheet);
    }
    if (rnd.chance(0.2)) sheets.push(new SheetBuilder(sheetName(rnd.pick(['Feuil1', 'Feuil2', 'Feuil3']), used)).sheet);
    files.push({ name: mainFile, sheets });
  }
  out.files.push(...files);
  return p;
}

// --------------------------------------------------------------------------------------------
// conventions

function writeConventionList(c: Ctx, p: FundingPlan, sheetsOf: SheetOut[] | null) {
  const { rnd, world, out, byCode } = c;
  const convs = world.conventions.filter((x) => x.partner === p.partner);
  if (!convs.length) return;
  const style = drawStyle(rnd, false);
  style.siret = rnd.chance(0.5) ? 'full' : 'none';
  const h = (f: string) => header(style, rnd, f);
  const typeCol = p.partner === 'CD07' || rnd.chance(0.5);
  const amountCol = p.partner === 'CD07' ? rnd.chance(0.8) : false;
  const signed = rnd.chance(0.8);
  const cols: Column[] = [{ field: 'structureName', header: h('structureName') }];
  if (style.siret !== 'none') cols.push({ field: 'siret', header: h('siret') });
  if (typeCol) cols.push({ field: 'type', header: h('convType') });
  cols.push({ field: 'ref', header: h('convRef') });
  if (signed) cols.push({ field: 'signed', header: h('convSigned'), date: true });
  const grp = rnd.pick(['Période', 'Validité', 'Durée']);
  cols.push({ field: 'start', header: h('convStart'), date: true, group: grp }, { field: 'end', header: h('convEnd'), date: true, group: grp });
  if (amountCol) cols.push({ field: 'amount', header: h('convAmount'), amount: true });
  const finalCols = withSpacers(rnd, cols);
  const csvFile = sheetsOf === null && rnd.chance(0.3);
  const name = sheetsOf ? '' : `${rnd.pick(CONVENTION_FILE[p.partner])}_conventions_${rnd.pick(['2014-2020', 'en_cours', 'liste'])}.${csvFile ? 'csv' : 'xlsx'}`;
  const file = sheetsOf ? `${p.base}_${world.years[0]}-${world.years[world.years.length - 1]}.xlsx` : name;
  const used = new Set((sheetsOf ?? []).map((s) => s.name));
  const sb = new SheetBuilder(csvFile ? name.replace(/\.csv$/, '') : sheetName(rnd.pick(p.partner === 'CAF' ? ['Conventions COF', 'COF', 'Conventions'] : ['Conventions', 'Liste des conventions', 'CPO', 'Conventions signées']), used));
  const o = { ...drawTableOptions(rnd, style, rnd.pick(['Liste des conventions', `Conventions ${p.partner}`, 'Suivi des conventions']), 'structureName'), subtotals: false, grandTotal: 'none' as const };
  writeTitle(sb, o.title, finalCols.length, o.mergeTitle);
  writeHeader(sb, finalCols, o.twoRow);
  const sorted = [...convs].sort((a, b) => byCode.get(a.structure)!.core.localeCompare(byCode.get(b.structure)!.core) || a.start - b.start);
  const rows: Row<number>[] = sorted.map((cv) => ({
    key: cv.id,
    cells: {
      structureName: structureName(style, rnd, byCode.get(cv.structure)!),
      siret: siretText(style, byCode.get(cv.structure)!.siret),
      type: rnd.pick(CONVENTION_WORDS[cv.type]),
      ref: cv.ref,
      signed: dateCell(style, cv.signedOn),
      start: boundCell(style, cv.start, 'start'),
      end: boundCell(style, cv.end, 'end'),
      amount: cv.annualAmount,
    },
  }));
  const at = writeRows(sb, rnd, finalCols, rows, o);
  for (const [id, row] of at) out.convAt.set(id, { file, sheet: sb.sheet.name, row, amount: amountCol });
  if (sheetsOf) sheetsOf.splice(rnd.int(0, sheetsOf.length), 0, sb.sheet);
  else out.files.push({ name, sheets: [sb.sheet], ...(csvFile ? { csv: { sep: ';', encoding: rnd.pick(['utf8', 'cp1252'] as const), style } } : {}) });
}

// --------------------------------------------------------------------------------------------
// structures lists

function agrementNow(s: WStructure) {
  const a = s.agrements[s.agrements.length - 1];
  return a ? { ...a, types: s.agrementTypes } : undefined;
}

/** `perAgrement` (family agrementRows): one row per agrément, the same structure on 2–3 rows with the same SIRET. */
function writeStructureList(c: Ctx, who: 'FACS' | 'CAF', members: WStructure[], perAgrement = false) {
  const { rnd, out } = c;
  const style = drawStyle(rnd, false);
  if (who === 'FACS') style.nameForms = [['official', 1]];
  else style.nameForms = [[rnd.pick(['short', 'official', 'caps'] as const), 1]];
  const csvFile = rnd.chance(0.2);
  const csv = csvFile ? { sep: rnd.pick([';', ','] as const), encoding: rnd.pick(['utf8', 'utf8-bom', 'cp1252'] as const), style } : undefined;
  if (csv) style.csvDecimal = csv.sep === ',' ? '.' : ',';
  const h = (f: string) => header(style, rnd, f);
  const agrements = perAgrement || who === 'CAF' || rnd.chance(0.7);
  const cols: Column[] = [];
  if (rnd.chance(0.5)) cols.push({ field: 'code', header: h('code') });
  cols.push({ field: 'structureName', header: h('structureName') });
  cols.push({ field: 'kind', header: h('kind') });
  cols.push({ field: 'commune', header: h('commune') });
  // the FACS's list always says the EPCI (territories without structure are read from it)
  if (who === 'FACS' || rnd.chance(0.6)) cols.push({ field: 'epci', header: h('epci') });
  const siret = who === 'FACS' || rnd.chance(0.7);
  if (siret) cols.push({ field: 'siret', header: h('siret') });
  if (who === 'FACS' || rnd.chance(0.5)) cols.push({ field: 'gestion', header: h('gestion') });
  if (agrements) {
    const g = 'Agrément CAF';
    cols.push({ field: 'agrementTypes', header: h('agrementTypes'), group: g }, { field: 'agrementStart', header: h('agrementStart'), date: true, group: g }, { field: 'agrementEnd', header: h('agrementEnd'), date: true, group: g });
  }
  if (rnd.chance(0.5)) cols.push({ field: 'referent', header: h('referent') });
  if (who === 'FACS') cols.push({ field: 'adherent', header: h('adherent') });
  const finalCols = withSpacers(rnd, cols);
  const stamp = rnd.pick(['2020', '2021', 'a_jour', '']);
  const name = who === 'FACS' ? `${rnd.pick(['FACS_structures', 'FACS_adherents', 'Annuaire_FACS'])}${stamp ? `_${stamp}` : ''}.${csv ? 'csv' : 'xlsx'}` : `${rnd.pick(['CAF07_equipements_agrees', 'CAF_liste_structures_agreees', 'CAF07_structures_AVS'])}.${csv ? 'csv' : 'xlsx'}`;
  const sb = new SheetBuilder(csv ? name.replace(/\.csv$/, '') : rnd.pick(who === 'FACS' ? ['Adhérents', 'Structures', 'Annuaire', 'Liste'] : ['Equipements agréés', 'Structures', 'Agréments']));
  const o = { ...drawTableOptions(rnd, style, who === 'FACS' ? rnd.pick(['Annuaire des structures', 'Structures adhérentes et partenaires', 'FACS – liste des structures']) : rnd.pick(['Équipements agréés AVS', 'CAF de l’Ardèche – structures agréées']), 'structureName'), subtotals: false, grandTotal: 'none' as const };
  writeTitle(sb, o.title, finalCols.length, o.mergeTitle);
  writeHeader(sb, finalCols, o.twoRow);
  const kindWord = (s: WStructure) =>
    s.kind === 'FEDERATION' ? rnd.pick(['Fédération', 'FEDERATION', 'Tête de réseau']) : s.kind === 'CS' ? rnd.pick(['CS', 'Centre social', 'CS']) : rnd.pick(['EVS', 'Espace de vie sociale', 'EVS']);
  // per agrément: the last two periods, one row per type (AGC and ACF apart), at most 3 rows
  const agrementRows = (s: WStructure) => {
    if (!perAgrement) return [agrementNow(s)];
    const all = s.agrements.slice(-2).flatMap((p) => s.agrementTypes.map((t) => ({ ...p, types: [t] })));
    return all.length ? all.slice(-3) : [undefined];
  };
  const written = new Map<string, { start: number; end: number; types: string[] }[]>();
  const rows: Row<string>[] = [...members]
    .sort((a, b) => (a.kind === 'FEDERATION' ? -1 : b.kind === 'FEDERATION' ? 1 : a.core.localeCompare(b.core)))
    .flatMap((s) => agrementRows(s).map((a, k) => ({ s, a, k })))
    .map(({ s, a, k }) => {
      if (a && perAgrement) written.set(s.code, [...(written.get(s.code) ?? []), a]);
      return {
        key: `${s.code}#${k}`,
        cells: {
          code: s.code,
          structureName: structureName(style, rnd, s),
          kind: kindWord(s),
          commune: s.commune,
          epci: s.epci,
          siret: siret ? siretText({ ...style, siret: rnd.chance(0.15) ? 'spaces' : 'full' }, s.siret) : null,
          gestion: s.gestion === 'associative' ? rnd.pick(['Associative', 'Association']) : s.gestion === 'CCAS' ? rnd.pick(['CCAS', 'CCAS / CIAS']) : rnd.pick(['Commune', 'Municipale']),
          agrementTypes: a ? a.types.join(rnd.pick(['+', ' + ', ', '])) : null,
          agrementStart: a ? boundCell(style, a.start, 'start') : null,
          agrementEnd: a ? boundCell(style, a.end, 'end') : null,
          referent: rnd.chance(0.5) ? (s.referentFamille ? 'Oui' : 'Non') : s.referentFamille ? 'oui' : 'non',
          adherent: s.adherentFacs || s.kind === 'FEDERATION' ? 'Oui' : 'Non',
        },
      };
    });
  writeRows(sb, rnd, finalCols, rows, o);
  for (const s of members) {
    const prev = out.listed.get(s.code);
    const a = agrements && !perAgrement ? agrementNow(s) : undefined;
    const more = [...(prev?.more ?? []), ...(written.get(s.code) ?? [])];
    out.listed.set(s.code, { agrement: prev?.agrement ?? a, ...(more.length ? { more } : {}) });
  }
  out.files.push({ name, sheets: [sb.sheet], ...(csv ? { csv } : {}) });
}

// --------------------------------------------------------------------------------------------
// files that are not tables

function writeMeetingNotes(c: Ctx) {
  const { rnd, world } = c;
  const y = rnd.pick(world.years);
  const name = `${rnd.pick(['CR_comite_technique', 'Compte_rendu_COPIL', 'Notes_reunion_AVS'])}_${y}.xlsx`;
  const sb = new SheetBuilder(rnd.pick(['Compte rendu', 'CR', 'Notes', 'Feuil1']));
  const s = rnd.sample(world.structures.filter((x) => x.kind !== 'FEDERATION'), 3);
  const text = [
    `Comité technique AVS du ${rnd.int(2, 27)} ${rnd.pick(['mars', 'juin', 'octobre'])} ${y}`,
    '',
    'Présents : CAF (conseillère AVS), Département (SJVA), MSA, FACS (délégué).',
    'Excusés : élus du territoire.',
    '',
    `1. Point sur les agréments : renouvellement du projet social de ${s[0].name} prévu en ${y + 1}.`,
    `2. ${s[1].name} : demande de soutien complémentaire, à étudier en commission.`,
    `3. Territoires non pourvus : réflexion sur une émergence, accompagnement FACS.`,
    `4. ${s[2]?.name ?? s[0].name} : difficultés de trésorerie signalées, suivi à prévoir.`,
    '',
    'Prochaine réunion : à fixer.',
  ];
  for (const t of text) sb.add([t || null]);
  if (rnd.chance(0.5)) sb.merge(1, 1, 1, 6);
  c.out.files.push({ name, sheets: [sb.sheet] });
  c.out.rejected.push(name);
}

function writeUnreadable(c: Ctx) {
  const { rnd } = c;
  const name = `${rnd.pick(['CD07_export_ancien', 'MSA_tableau_2016', 'CAF_sauvegarde', 'Tableau_recap_copie'])}.xlsx`;
  c.out.files.push({ name, raw: rnd.pick(['garbage', 'truncate'] as const), sheets: [new SheetBuilder('Feuil1').sheet] });
  c.out.rejected.push(name);
}

// --------------------------------------------------------------------------------------------

/**
 * Layout families of issue 24 (scripts/world/families.ts). `family`: one family forced in every file
 * where it applies, or 'mix' (each partner file and structures list draws one with a modest
 * probability). `spec`: every funding file written by the family writer with this spec (metamorphic
 * tests). Without options the draws, files and truth are those of before: the families draw from
 * their own streams (`families`), never from the layout stream.
 */
export interface LayoutOptions {
  family?: LayoutFamily | 'mix';
  spec?: Partial<Spec>;
}

/** Rewrites a partner's funding files in a family's layout (its draws from `frnd` only). */
function rewriteFunding(c: Ctx, p: FundingPlan, family: LayoutFamily | 'spec', frnd: Random, spec: Partial<Spec> | undefined, filesBefore: number): FundingPlan {
  const { world, out } = c;
  const fc: Ctx = { ...c, rnd: frnd };
  out.files.splice(filesBefore);
  const all = world.lines.filter((l) => l.partner === p.partner);
  for (const l of all) {
    out.lineAt.delete(l.id);
    out.planWritten.delete(l.id);
    out.paidWritten.delete(l.id);
  }
  const main = all.filter((l) => !l.complement && !l.other);
  const complement = all.filter((l) => l.complement);
  const span = `${world.years[0]}-${world.years[world.years.length - 1]}`;
  const file = `${p.base}_${span}.xlsx`;
  const title = `${frnd.pick(PARTNER_TITLE[p.partner])} — ${span}`;
  const used = new Set<string>();
  const sheets: SheetOut[] = [];
  const style = drawStyle(frnd.fork('style'), false);
  if (needsLegend(style)) style.dispositif = 'label';
  style.amount = 'number';
  let conv = p.conv;
  if (family === 'unusualWords') {
    // years as column pairs whose words are not the usual ones (« Engagé 2018 | Mandaté 2018 »)
    const [voted, paid] = frnd.pick([
      ['Engagé', 'Mandaté'],
      ['Proposition', 'Réalisé'],
      ['Décidé', 'Liquidé'],
      ['Programmé', 'Payé'],
      ['Notifié', 'Soldé'],
      ['Retenu', 'Consommé'],
    ] as const);
    const sb = new SheetBuilder(sheetName(frnd.pick(['Tableau pluriannuel', 'Suivi pluriannuel', `Synthèse ${span}`]), used));
    writeWideSheet(fc, { ...p, style, conv: 'none' }, sb, file, main, title, { voted, paid });
    sheets.push(sb.sheet);
    if (conv === 'lines') conv = 'list-file';
  } else {
    const sp = family === 'spec' ? (spec ?? {}) : specOf(family, frnd.fork('spec'));
    const convLines = conv === 'lines' ? p.convLines : 'none';
    const w = writeSpecFunding({ world, byCode: c.byCode, rnd: frnd.fork('writer'), style, partner: p.partner, convLines, lineCells: (l: WLine, seq: number, r: Random) => lineCells({ ...fc, rnd: r }, { ...p, style }, l, seq) }, main, sp, title, used);
    for (const x of w.sheets) sheets.push(x.sheet);
    for (const [id, at] of w.places) {
      out.lineAt.set(id, { file, sheet: at.sheet, row: at.row });
      if (at.plan) out.planWritten.add(id);
      if (at.paid) out.paidWritten.add(id);
    }
  }
  if (complement.length) {
    const y = complement[0].year;
    const sb = new SheetBuilder(sheetName(frnd.pick([`DM ${y}`, `Décision modificative ${y}`, `Complément ${y}`]), used));
    writeFundingSheet(fc, { ...p, style, cols: undefined, conv: conv === 'lines' ? 'lines' : 'none' }, sb, file, complement, true, true, `${title} — décision modificative ${y}`);
    sheets.push(sb.sheet);
  }
  out.files.push({ name: file, sheets });
  return { ...p, csv: false, conv, style };
}

export function writeLayouts(world: World, rnd: Random, opts: LayoutOptions = {}): Written {
  const out: Written = { files: [], lineAt: new Map(), planWritten: new Set(), paidWritten: new Set(), convAt: new Map(), convOnLines: new Map(), listed: new Map(), rejected: [] };
  const c: Ctx = { world, rnd, byCode: new Map(world.structures.map((s) => [s.code, s])), out };
  const famRnd = new Random(world.seed).fork('families');
  const fundingFamily = (): LayoutFamily | 'spec' | undefined => {
    if (opts.spec) return 'spec';
    if (opts.family === 'mix') return famRnd.chance(0.15) ? drawFamily(famRnd) : undefined;
    return opts.family && FUNDING_FAMILIES.includes(opts.family) ? (opts.family as LayoutFamily) : undefined;
  };
  const listFamily = () => opts.family === 'agrementRows' || (opts.family === 'mix' && famRnd.chance(0.15));
  for (const partner of world.partners) {
    const before = out.files.length;
    let p = writeFundingFiles(c, partner);
    const fam = fundingFamily();
    let cc = c;
    if (fam) {
      const frnd = famRnd.fork(`funding ${partner}`);
      const conv = p.conv;
      p = rewriteFunding(c, p, fam, frnd, opts.spec, before);
      // a list the first writing did not draw (conventions that were on the lines of a layout that
      // cannot carry them) draws from the family's stream, so that the other files keep theirs
      if (p.conv !== conv) cc = { ...c, rnd: frnd.fork('conventions') };
    }
    if (p.conv === 'lines') out.convOnLines.set(partner, { signed: p.convLines !== 'ref' });
    else if (p.conv === 'list-same') {
      const f = out.files.find((x) => x.name === `${p.base}_${world.years[0]}-${world.years[world.years.length - 1]}.xlsx`)!;
      writeConventionList(cc, p, f.sheets!);
    } else if (p.conv === 'list-file') writeConventionList(cc, p, null);
  }
  const fed = world.structures.filter((s) => s.kind === 'FEDERATION');
  const avs = world.structures.filter((s) => s.kind !== 'FEDERATION');
  const list = (who: 'FACS' | 'CAF', members: WStructure[]) => {
    const listedBefore = new Map(out.listed);
    writeStructureList(c, who, members);
    if (!listFamily()) return;
    // family agrementRows: the same list rewritten with one row per agrément, from its own stream
    out.files.pop();
    out.listed = listedBefore;
    writeStructureList({ ...c, out, rnd: famRnd.fork(`list ${who}`) }, who, members, true);
  };
  if (world.lists === 'facs-all') list('FACS', world.structures);
  else if (world.lists === 'facs+caf') {
    list('FACS', [...fed, ...avs.filter((s) => s.adherentFacs)]);
    list('CAF', avs);
  } else {
    list('FACS', world.structures);
    list('CAF', avs);
  }
  if (rnd.chance(0.35)) writeMeetingNotes(c);
  if (rnd.chance(0.3)) writeUnreadable(c);
  // two files of the same name cannot exist side by side
  const seen = new Set<string>();
  for (const f of out.files) {
    if (seen.has(f.name)) throw new Error(`fichier en double ${f.name}`);
    seen.add(f.name);
  }
  return out;
}
