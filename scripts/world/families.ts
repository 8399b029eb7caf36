/**
 * Layout families added by issue 24: presentations no earlier layout had, each a class of mechanism a
 * partner could send. `npm run eval -- --family NAME` forces one in every file where it applies;
 * `--family mix` lets each partner file (and structures list) draw one with a modest probability.
 * Every family writes the same facts as the others (lines, amounts in euros, years, structures), so
 * the truth is unchanged but for where each line is written.
 *
 * The funding families are options of one writer (`writeSpecFunding`): a long table by default, one
 * sheet per structure, or year blocks side by side, with units, extra columns, groups written once,
 * page footers, sub-totals and formulas without cached results switched on one by one. The metamorphic
 * tests (test/eval/metamorphic*.test.ts) write the same world with two specs and compare the results.
 */
import { HEADERS } from './pools';
import { caseHeader, header, siretText, type Style } from './render';
import type { Random } from './random';
import { colLetter, SheetBuilder, type Cell, type SheetOut } from './sheet-builder';
import type { WLine, World, WStructure } from './types';

/** Name → description (French, as in docs/evaluation.md). */
export const FAMILIES = {
  unusualWords:
    'exercices en paires de colonnes aux mots inhabituels (« Engagé 2018 | Mandaté 2018 », « Proposition 2019 | Réalisé 2019 »)',
  perStructure:
    'une feuille par structure : fiche « Équipement : … », « Commune : … », « SIRET : … » au-dessus du tableau de ses financements, sans colonne structure',
  yearBlocks:
    'deux blocs d’exercices côte à côte séparés par une colonne vide, l’année écrite seulement dans l’étiquette « Exercice 2018 » au-dessus de chaque bloc',
  groupOnce:
    'valeurs écrites une fois par groupe : nom de la structure (ou exercice) sur la première ligne du groupe puis vide, ou une cellule fusionnée sur les lignes du groupe',
  pageFooters: 'pieds de page « Édité le 12/03/2021 — Page 2/5 » puis l’en-tête répété, dans un long export',
  thousands:
    'montants en milliers : en-tête « Montant voté (K€) » ou ligne de titre « Montants en milliers d’euros », 31,3 pour 31 300 €',
  formulasNoCache:
    'formules sans résultat enregistré (écrites par un script) : sous-totaux et total SUM, ou colonne « voté » = part fixe + part variable',
  agrementRows:
    'liste des structures à une ligne par agrément : la même structure sur 2 à 3 lignes, même SIRET, type et dates d’agrément différents',
  yearSubtotals:
    'sous-totaux par exercice et totaux par structure (« Total Centre social X », dans la colonne des noms) dans un long export',
  notesDont: 'colonne d’observations aux montants en texte (« dont 5 000 € pour l’accueil de loisirs »)',
  textKilo:
    'montants en texte en milliers (« 31,3 k€ ») mêlés à des montants en euros (« 54 321,67 € ») dans la même colonne',
  hiddenOld:
    'colonnes masquées gardant d’anciens chiffres (« Voté 2016 », « Montant initial ») à côté des montants',
  commentsBelow:
    'un second tableau, de commentaires (« Structure | Commentaire », montants cités dans le texte), sous les données',
} as const;

export type Family = keyof typeof FAMILIES;
export const FAMILY_NAMES = Object.keys(FAMILIES) as Family[];
export const FUNDING_FAMILIES: string[] = FAMILY_NAMES.filter((f) => f !== 'agrementRows');
export const isFamily = (s: string): s is Family => (FAMILY_NAMES as string[]).includes(s);

export function drawFamily(rnd: Random): Family {
  return rnd.pick(FUNDING_FAMILIES) as Family;
}

export interface Spec {
  layout: 'long' | 'perStructure' | 'yearBlocks';
  unit: 'eur' | 'keurHeader' | 'keurTitle';
  /** An unused amount column « Reste à verser ». */
  reste: boolean;
  /** An unused column of comments (no amounts). */
  comments: boolean;
  /** Notes with amounts in text: « dont 5 000 € pour … ». */
  dont: boolean;
  hiddenOld: boolean;
  /** The structure (name, SIRET, commune) on every row, on the first row of its group only, or merged over the group. */
  group: 'fill' | 'blank' | 'merged';
  /** Rows sorted by year, the year written on the first row of its group only. */
  yearOnce: boolean;
  footers: boolean;
  shuffle: boolean;
  /** Totals per structure (« Total X ») and sub-totals per year, then a grand total. */
  subtotals: boolean;
  /** Formulas without cached result: group and grand totals, or the voted column as the sum of two parts. */
  noCache: 'none' | 'totals' | 'computed';
  textKilo: boolean;
  commentsBelow: boolean;
}

export const PLAIN: Spec = {
  layout: 'long',
  unit: 'eur',
  reste: false,
  comments: false,
  dont: false,
  hiddenOld: false,
  group: 'fill',
  yearOnce: false,
  footers: false,
  shuffle: false,
  subtotals: false,
  noCache: 'none',
  textKilo: false,
  commentsBelow: false,
};

/** The spec of a funding family (its variants drawn from `rnd`). */
export function specOf(f: Family, rnd: Random): Partial<Spec> {
  switch (f) {
    case 'perStructure':
      return { layout: 'perStructure' };
    case 'yearBlocks':
      return { layout: 'yearBlocks' };
    case 'groupOnce':
      return rnd.chance(0.3) ? { yearOnce: true } : { group: rnd.pick(['blank', 'merged'] as const) };
    case 'pageFooters':
      return { footers: true };
    case 'thousands':
      return { unit: rnd.pick(['keurHeader', 'keurTitle'] as const) };
    case 'formulasNoCache':
      return { noCache: rnd.pick(['totals', 'computed'] as const) };
    case 'yearSubtotals':
      return { subtotals: true };
    case 'notesDont':
      return { dont: true };
    case 'textKilo':
      return { textKilo: true };
    case 'hiddenOld':
      return { hiddenOld: true };
    case 'commentsBelow':
      return { commentsBelow: true };
    default:
      return {};
  }
}

export interface SpecCtx {
  world: World;
  byCode: Map<string, WStructure>;
  rnd: Random;
  style: Style;
  partner: string;
  /** Conventions written on the lines, and how (or 'none'). */
  convLines: 'none' | 'refDate' | 'both' | 'ref';
  /** The cells of a line as the other layouts write them (names, dispositifs, conventions…). */
  lineCells: (l: WLine, seq: number, rnd: Random) => Record<string, Cell>;
}

export interface SpecPlace {
  sheet: string;
  row: number;
  plan: boolean;
  paid: boolean;
}

interface Col {
  field: string;
  header: string;
  amount?: boolean;
  hidden?: boolean;
}

interface Item {
  l: WLine;
  cells: Record<string, Cell>;
  /** Structure group. */
  key: string;
}

type Entry =
  | { kind: 'data'; it: Item }
  | { kind: 'total'; label: string; members: Item[]; parts?: Entry[] }
  | { kind: 'raw'; cells: Cell[] };

function uniqueSheet(s: string, used: Set<string>): string {
  let base = s
    .replace(/[[\]:*?/\\]/g, ' ')
    .slice(0, 31)
    .trim();
  let n = 2;
  while ([...used].some((u) => u.toLowerCase() === base.toLowerCase()))
    base = `${s.slice(0, 26).trim()} (${n++})`;
  used.add(base);
  return base;
}

function frMoney(v: number): string {
  const [i, d] = Math.abs(v).toFixed(2).split('.');
  return `${v < 0 ? '-' : ''}${i.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0')}${d === '00' ? '' : ',' + d}`;
}

/** « 31,3 k€ » when the amount is a whole number of tens of euros, else « 54 321,67 € ». */
export function kiloText(v: number): string {
  const c = Math.round(v * 100);
  if (c % 1000 !== 0) return `${frMoney(v)} €`;
  const k = (c / 100000).toFixed(2).replace(/0+$/, '').replace(/\.$/, '').replace('.', ',');
  return `${k} k€`;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

const PURPOSES = [
  'l’accueil de loisirs',
  'le poste de référent famille',
  'les actions jeunesse',
  'le projet seniors',
  'la fête de quartier',
  'le séjour familles',
];
const COMMENTS = [
  'Dossier complet',
  'Bilan reçu',
  'Pièces justificatives manquantes',
  'Relancé par courriel',
  'Avenant en cours',
  'Versement en deux fois',
];

/**
 * Writes a partner's funding lines (no complement, no other département) in the layout `partial`
 * says. Draws common to every spec come from one stream and the spec's own from another, so that two
 * specs of one world write the same names, columns and values.
 */
export function writeSpecFunding(
  x: SpecCtx,
  lines: WLine[],
  partial: Partial<Spec>,
  title: string,
  used: Set<string>,
): { sheets: { sheet: SheetOut }[]; places: Map<number, SpecPlace> } {
  const spec: Spec = { ...PLAIN, ...partial };
  const rnd = x.rnd.fork('common');
  const ex = x.rnd.fork('extra');
  const st = x.style;
  const h = (f: string) => header(st, rnd, f);
  const places = new Map<number, SpecPlace>();
  const sheets: { sheet: SheetOut }[] = [];

  // --- the cells of every line, one spelling per structure ---------------------------------------
  const items: Item[] = lines.map((l, i) => ({
    l,
    cells: x.lineCells(l, i + 1, rnd),
    key: l.structure ?? l.unknown?.name ?? '',
  }));
  const spelling = new Map<string, Cell>();
  for (const it of items) {
    if (!spelling.has(it.key)) spelling.set(it.key, it.cells.structureName);
    it.cells.structureName = spelling.get(it.key)!;
  }
  const nameOf = (it: Item) => String(it.cells.structureName);
  const byName = (a: Item, b: Item) => nameOf(a).localeCompare(nameOf(b)) || a.key.localeCompare(b.key);
  const byDisp = (a: Item, b: Item) => a.l.dispositif.localeCompare(b.l.dispositif) || a.l.id - b.l.id;

  // --- columns (drawn the same whatever the spec) -------------------------------------------------
  const withCommune = rnd.chance(0.5);
  const withPlan = rnd.chance(0.5);
  const withDate = rnd.chance(0.3);
  const hd = {
    structureName: h('structureName'),
    siret: caseHeader(st, st.siret === 'siren' ? 'SIREN' : rnd.pick(HEADERS.siret)),
    commune: h('commune'),
    year: h('year'),
    dispositif: h('dispositif'),
    dispositifCode: h('dispositifCode'),
    dispositifLabel: h('dispositifLabel'),
    plan: h('plan'),
    voted: h('voted'),
    paid: h('paid'),
    decisionDate: h('decisionDate'),
    convRef: h('conventionRef'),
    convDate: h('conventionDate'),
    convBoth: h('conventionBoth'),
  };
  const pageSize = rnd.int(22, 38);
  const editDate = `${String(rnd.int(1, 28)).padStart(2, '0')}/${String(rnd.int(1, 12)).padStart(2, '0')}/2021`;
  if (spec.unit === 'keurHeader') {
    hd.voted = ex.pick(['Montant voté (K€)', 'Voté (K€)', 'Montant accordé en K€', 'Mt voté K€']);
    hd.paid = ex.pick(['Versé (K€)', 'Montant versé (K€)', 'Mandaté K€']);
  } else if (spec.unit === 'keurTitle') {
    hd.voted = hd.voted.replace(/\s*\(€\)/, '');
    hd.paid = hd.paid.replace(/\s*\(€\)/, '');
  }
  const structureCols = (): Col[] => [
    { field: 'structureName', header: hd.structureName },
    ...(st.siret !== 'none' ? [{ field: 'siret', header: hd.siret }] : []),
    ...(withCommune ? [{ field: 'commune', header: hd.commune }] : []),
  ];
  const dispositifCols = (): Col[] =>
    st.dispositif === 'shortLabel'
      ? [
          { field: 'dispositif', header: hd.dispositifCode },
          { field: 'dispositifLabel', header: hd.dispositifLabel },
        ]
      : [{ field: 'dispositif', header: hd.dispositif }];
  const amountCols = (): Col[] => {
    const cols: Col[] = [];
    if (spec.noCache === 'computed')
      cols.push(
        { field: 'partA', header: ex.pick(['Part fixe', 'Forfait']), amount: true },
        { field: 'partB', header: ex.pick(['Part variable', 'Bonus', 'Complément']), amount: true },
      );
    cols.push({ field: 'voted', header: hd.voted, amount: true });
    if (spec.hiddenOld) {
      cols.push({
        field: 'old',
        header: ex.pick([`Voté ${x.world.years[0] - 1}`, `Montant ${x.world.years[0] - 1}`, 'Montant N-1']),
        amount: true,
        hidden: true,
      });
      if (ex.chance(0.5))
        cols.push({ field: 'initial', header: 'Montant initial', amount: true, hidden: true });
    }
    cols.push({ field: 'paid', header: hd.paid, amount: true });
    if (spec.reste)
      cols.push({
        field: 'reste',
        header: ex.pick(['Reste à verser', 'Reste à payer', 'Solde à verser']),
        amount: true,
      });
    return cols;
  };
  const tailCols = (): Col[] => {
    const cols: Col[] = [];
    if (withDate) cols.push({ field: 'decisionDate', header: hd.decisionDate });
    if (x.convLines === 'both') cols.push({ field: 'convBoth', header: hd.convBoth });
    else if (x.convLines !== 'none') {
      cols.push({ field: 'convRef', header: hd.convRef });
      if (x.convLines === 'refDate') cols.push({ field: 'convDate', header: hd.convDate });
    }
    if (spec.dont)
      cols.push({ field: 'dont', header: ex.pick(['Observations', 'Commentaire', 'Précisions']) });
    if (spec.comments)
      cols.push({ field: 'comment', header: ex.pick(['Commentaire', 'Remarques', 'Suivi du dossier']) });
    return cols;
  };
  const finish = (cols: Col[]) => (spec.shuffle ? ex.shuffle(cols) : cols);

  // --- cell values ---------------------------------------------------------------------------------
  const money = (v: number | null | undefined): Cell => {
    if (v === null || v === undefined) return null;
    if (spec.textKilo) return kiloText(v);
    return spec.unit === 'eur' ? v : v / 1000;
  };
  const extraValues = new Map<number, Record<string, Cell>>();
  for (const it of items) {
    const l = it.l;
    const v = l.voted;
    const e: Record<string, Cell> = {};
    if (v !== null) {
      const a = round2(v * 0.7);
      e.partA = money(a);
      e.partB = money(round2(v - a));
      e.old = money(Math.round(v * 0.96));
      e.initial = money(round2(v * ex.pick([1, 1, 0.9])));
      e.reste = money(round2(v - (l.paid ?? 0)));
    }
    const part =
      v !== null && v >= 1500 && ex.chance(0.6) ? Math.round((v * ex.pick([0.2, 0.3, 0.4])) / 100) * 100 : 0;
    e.dont = part
      ? `dont ${frMoney(part)} € pour ${ex.pick(PURPOSES)}${l.note ? ` ; ${l.note}` : ''}`
      : (l.note ?? null);
    e.comment = ex.chance(0.4) ? ex.pick(COMMENTS) : null;
    extraValues.set(l.id, e);
  }
  const valueOf = (it: Item, col: Col, row: number, letter: (f: string) => string): Cell => {
    const l = it.l;
    switch (col.field) {
      case 'voted':
        if (l.illegible) return l.illegible.startsWith('#') ? { error: l.illegible } : l.illegible;
        if (spec.noCache === 'computed')
          return { formula: `${letter('partA')}${row}+${letter('partB')}${row}` };
        return money(l.voted);
      case 'paid':
        return l.illegible ? null : money(l.paid);
      case 'year':
        return l.year;
      default:
        if (col.field in (extraValues.get(l.id) ?? {})) return extraValues.get(l.id)![col.field];
        return it.cells[col.field] ?? null;
    }
  };
  const amountOf = (it: Item, field: string): number => {
    const l = it.l;
    if (l.illegible) return 0;
    const v = field === 'voted' ? l.voted : field === 'paid' ? l.paid : null;
    if (v !== null) return v;
    const c = extraValues.get(l.id)?.[field];
    return typeof c === 'number' ? (spec.unit === 'eur' ? c : c * 1000) : 0;
  };
  const shown = (v: number) => (spec.unit === 'eur' || spec.textKilo ? round2(v) : v / 1000);

  /** Writes a table (header + entries) at the sheet's next row; returns nothing, records places. */
  const emit = (sb: SheetBuilder, cols: Col[], entries: Entry[], groupField: string | null) => {
    const letterOf = (f: string) => colLetter(cols.findIndex((c) => c.field === f) + 1);
    const headerRow = cols.map((c) => c.header || null);
    sb.add(headerRow);
    cols.forEach((c, i) => {
      if (c.amount) sb.sheet.formats[i + 1] = spec.unit === 'eur' ? '#,##0.00' : '#,##0.0';
      if (c.hidden) (sb.sheet.hiddenCols ??= []).push(i + 1);
    });
    // page footers and repeated headers every `pageSize` rows
    let seq: Entry[] = entries;
    if (spec.footers) {
      const pages: Entry[][] = [];
      for (let i = 0; i < entries.length; i += pageSize) pages.push(entries.slice(i, i + pageSize));
      seq = pages.flatMap((p, k) => [
        ...p,
        { kind: 'raw' as const, cells: [] },
        { kind: 'raw' as const, cells: [`Édité le ${editDate} — Page ${k + 1}/${pages.length}`] },
        ...(k < pages.length - 1 ? [{ kind: 'raw' as const, cells: headerRow }] : []),
      ]);
    }
    const rowOf = new Map<Entry, number>();
    let r = sb.next;
    for (const e of seq) rowOf.set(e, r++);
    const itemRow = new Map<Item, number>();
    for (const e of seq) if (e.kind === 'data') itemRow.set(e.it, rowOf.get(e)!);
    const labelIdx = Math.max(
      0,
      cols.findIndex((c) => c.field === 'structureName'),
    );
    let prevKey: string | null = null;
    let prevYear: number | null = null;
    let run: { key: string; top: number; bottom: number } | null = null;
    const closeRun = () => {
      if (run && spec.group === 'merged' && groupField) {
        const ci = cols.findIndex((c) => c.field === groupField) + 1;
        if (run.bottom > run.top) sb.merge(run.top, ci, run.bottom, ci);
      }
      run = null;
    };
    for (const e of seq) {
      const row = rowOf.get(e)!;
      if (e.kind === 'raw') {
        sb.add(e.cells);
        prevKey = null;
        prevYear = null;
        closeRun();
        continue;
      }
      if (e.kind === 'total') {
        closeRun();
        prevKey = null;
        const cells: Cell[] = cols.map(() => null);
        cells[labelIdx] = e.label;
        cols.forEach((c, i) => {
          if (!c.amount) return;
          const L = colLetter(i + 1);
          const refs = e.parts
            ? e.parts.map((p) => `${L}${rowOf.get(p)}`).join('+')
            : `SUM(${L}${Math.min(...e.members.map((m) => itemRow.get(m)!))}:${L}${Math.max(...e.members.map((m) => itemRow.get(m)!))})`;
          const result = shown(round2(e.members.reduce((a, m) => a + amountOf(m, c.field), 0)));
          cells[i] =
            spec.noCache === 'totals'
              ? { formula: refs }
              : spec.textKilo
                ? round2(e.members.reduce((a, m) => a + amountOf(m, c.field), 0))
                : { formula: refs, result };
        });
        sb.add(cells);
        continue;
      }
      const it = e.it;
      const cells = cols.map((c) => valueOf(it, c, row, letterOf));
      const sameGroup = prevKey === it.key;
      if (groupField && spec.group !== 'fill' && sameGroup)
        for (const f of ['structureName', 'siret', 'commune']) {
          const i = cols.findIndex((c) => c.field === f);
          if (i >= 0) cells[i] = null;
        }
      if (spec.yearOnce && prevYear === it.l.year) {
        const i = cols.findIndex((c) => c.field === 'year');
        if (i >= 0) cells[i] = null;
      }
      if (groupField && spec.group === 'merged') {
        if (sameGroup && run) run.bottom = row;
        else {
          closeRun();
          run = { key: it.key, top: row, bottom: row };
        }
      }
      prevKey = it.key;
      prevYear = it.l.year;
      sb.add(cells);
      places.set(it.l.id, {
        sheet: sb.sheet.name,
        row,
        plan: cols.some((c) => c.field === 'plan'),
        paid: cols.some((c) => c.field === 'paid'),
      });
    }
    closeRun();
  };

  const titleBlock = (sb: SheetBuilder, main: string) => {
    sb.add([main]);
    if (spec.unit === 'keurTitle')
      sb.add([
        ex.pick([
          'Montants en milliers d’euros',
          "En milliers d'euros (K€)",
          'Unité : le millier d’euros (K€)',
        ]),
      ]);
    sb.add([]);
  };

  const commentsTable = (sb: SheetBuilder) => {
    if (!spec.commentsBelow) return;
    sb.add([]);
    sb.add([]);
    sb.add([ex.pick(['Commentaires', 'Observations du service', 'Points de vigilance'])]);
    sb.add([ex.pick(['Structure', 'Équipement', 'Bénéficiaire']), 'Commentaire']);
    const keys = [...new Set(items.map((i) => i.key))];
    for (const k of ex.sample(keys, ex.int(3, 6))) {
      const it = items.find((i) => i.key === k)!;
      const v = it.l.voted ?? 5000;
      sb.add([
        nameOf(it),
        ex.pick([
          `Acompte de ${frMoney(Math.round(v / 200) * 100)} € versé en mars`,
          'Bilan à fournir avant le solde',
          `Reliquat de ${frMoney(Math.round(v / 1000) * 100)} € reporté sur l’exercice suivant`,
          'Dossier complet',
          'Projet social renouvelé',
        ]),
      ]);
    }
  };

  // --- layouts -------------------------------------------------------------------------------------
  const planCols = (): Col[] => (withPlan ? [{ field: 'plan', header: hd.plan }] : []);
  if (spec.layout === 'long') {
    const sb = new SheetBuilder(
      uniqueSheet(rnd.pick(['Financements', 'Extraction', 'Suivi', 'Données', 'Liste des aides']), used),
    );
    const cols = finish([
      ...structureCols(),
      { field: 'year', header: hd.year },
      ...dispositifCols(),
      ...planCols(),
      ...amountCols(),
      ...tailCols(),
    ]);
    const byYear = spec.subtotals || spec.yearOnce;
    const sorted = [...items].sort(
      (a, b) =>
        (byYear ? a.l.year - b.l.year || byName(a, b) : byName(a, b) || a.l.year - b.l.year) || byDisp(a, b),
    );
    const entries: Entry[] = [];
    if (spec.subtotals) {
      const yearTotals: Entry[] = [];
      const word = ex.pick(['Sous-total', 'Total exercice', 'Sous-total exercice']);
      for (const y of x.world.years) {
        const ofYear = sorted.filter((i) => i.l.year === y);
        if (!ofYear.length) continue;
        const groupTotals: Entry[] = [];
        for (const k of [...new Set(ofYear.map((i) => i.key))]) {
          const g = ofYear.filter((i) => i.key === k);
          entries.push(...g.map((it) => ({ kind: 'data' as const, it })));
          const t: Entry = { kind: 'total', label: `Total ${nameOf(g[0])}`, members: g };
          entries.push(t);
          groupTotals.push(t);
        }
        const t: Entry = { kind: 'total', label: `${word} ${y}`, members: ofYear, parts: groupTotals };
        entries.push(t);
        yearTotals.push(t);
      }
      entries.push({
        kind: 'total',
        label: ex.pick(['Total général', 'TOTAL GENERAL', 'TOTAL']),
        members: sorted,
        parts: yearTotals,
      });
    } else if (spec.noCache === 'totals') {
      const groupTotals: Entry[] = [];
      for (const k of [...new Set(sorted.map((i) => i.key))]) {
        const g = sorted.filter((i) => i.key === k);
        entries.push(...g.map((it) => ({ kind: 'data' as const, it })));
        const t: Entry = { kind: 'total', label: ex.pick(['Sous-total', 'S/Total']), members: g };
        entries.push(t);
        groupTotals.push(t);
      }
      entries.push({ kind: 'total', label: 'TOTAL', members: sorted, parts: groupTotals });
    } else entries.push(...sorted.map((it) => ({ kind: 'data' as const, it })));
    titleBlock(sb, title);
    emit(sb, cols, entries, 'structureName');
    commentsTable(sb);
    sheets.push({ sheet: sb.sheet });
  } else if (spec.layout === 'perStructure') {
    // one sheet per structure: a form above the table of its fundings
    const form = ex.pick(['one', 'two', 'twoColon'] as const);
    const nameLabel = ex.pick(['Équipement', 'Structure', 'Nom de la structure', 'Bénéficiaire']);
    const cols = finish([
      { field: 'year', header: hd.year },
      ...dispositifCols(),
      ...planCols(),
      ...amountCols(),
      ...tailCols(),
    ]);
    const keys = [...new Set([...items].sort(byName).map((i) => i.key))];
    const withTotal = ex.chance(0.5);
    for (const k of keys) {
      const g = items.filter((i) => i.key === k).sort((a, b) => a.l.year - b.l.year || byDisp(a, b));
      const s = g[0].l.structure ? x.byCode.get(g[0].l.structure) : undefined;
      const sb = new SheetBuilder(uniqueSheet(s ? s.core : (g[0].l.unknown?.name ?? k), used));
      const kv = (label: string, value: Cell) => {
        if (value === null) return;
        if (form === 'one') sb.add([`${label} : ${value}`]);
        else sb.add([form === 'two' ? label : `${label} :`, value]);
      };
      sb.add([title]);
      sb.add([]);
      kv(nameLabel, g[0].cells.structureName);
      kv('Commune', s ? s.commune : (g[0].l.unknown?.commune ?? null));
      if (s && st.siret !== 'none') kv(st.siret === 'siren' ? 'SIREN' : 'SIRET', siretText(st, s.siret));
      if (s)
        kv(
          'Gestionnaire',
          s.gestion === 'associative' ? 'Association' : s.gestion === 'CCAS' ? 'CCAS' : 'Commune',
        );
      sb.add([]);
      const entries: Entry[] = g.map((it) => ({ kind: 'data' as const, it }));
      if (withTotal) entries.push({ kind: 'total', label: 'Total', members: g });
      emit(sb, cols, entries, null);
      sheets.push({ sheet: sb.sheet });
    }
  } else {
    // years in blocks side by side, the year only in the label above each block
    const cols = finish([
      ...structureCols(),
      ...dispositifCols(),
      ...planCols(),
      ...amountCols(),
      ...tailCols(),
    ]);
    const w = cols.length;
    const years = x.world.years;
    const label = ex.pick(['Exercice', 'Année', 'Budget', 'Exercice budgétaire']);
    const mergeLabel = ex.chance(0.5);
    for (let b = 0; b < years.length; b += 2) {
      const pair = years.slice(b, b + 2);
      const sb = new SheetBuilder(
        uniqueSheet(
          ex.pick([`Tableau ${b / 2 + 1}`, `Suivi (${b / 2 + 1})`, `Comparatif ${b / 2 + 1}`]),
          used,
        ),
      );
      titleBlock(sb, title);
      const labelRow: Cell[] = [];
      pair.forEach((y, k) => (labelRow[k * (w + 1)] = `${label} ${y}`));
      const lr = sb.add(labelRow);
      if (mergeLabel) pair.forEach((_, k) => sb.merge(lr, k * (w + 1) + 1, lr, k * (w + 1) + w));
      const headerRow: Cell[] = [];
      pair.forEach((_, k) => cols.forEach((c, i) => (headerRow[k * (w + 1) + i] = c.header || null)));
      sb.add(headerRow);
      const blocks = pair.map((y) =>
        items.filter((i) => i.l.year === y).sort((a, c) => byName(a, c) || byDisp(a, c)),
      );
      const height = Math.max(0, ...blocks.map((bl) => bl.length));
      pair.forEach((_, k) =>
        cols.forEach((c, i) => {
          if (c.amount) sb.sheet.formats[k * (w + 1) + i + 1] = spec.unit === 'eur' ? '#,##0.00' : '#,##0.0';
          if (c.hidden) (sb.sheet.hiddenCols ??= []).push(k * (w + 1) + i + 1);
        }),
      );
      for (let i = 0; i < height; i++) {
        const row = sb.next;
        const cells: Cell[] = [];
        blocks.forEach((bl, k) => {
          const it = bl[i];
          if (!it) return;
          const letter = (f: string) => colLetter(k * (w + 1) + cols.findIndex((c) => c.field === f) + 1);
          cols.forEach((c, j) => (cells[k * (w + 1) + j] = valueOf(it, c, row, letter)));
          places.set(it.l.id, { sheet: sb.sheet.name, row, plan: withPlan, paid: true });
        });
        sb.add(Array.from({ length: cells.length }, (_, j) => cells[j] ?? null));
      }
      commentsTable(sb);
      sheets.push({ sheet: sb.sheet });
    }
  }
  return { sheets, places };
}
