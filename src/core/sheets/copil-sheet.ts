import type { Block, ChartSpec, ColumnType, SheetSpec, SpecValue } from '../model/sheet-spec';
import { formatDateFr, formatEuros, formatEurosShort } from '../checks/format-fr';
import { territoriesWithoutStructure } from '../checks/check-territories';
import type { AnnualContext } from './annual-context';
import { fundedYears } from '../checks/check-plan-coverage';
import { ref } from './funding-formulas';
import { CHAR_UNITS, wrappedRowHeight } from './wrap-text';

export const copilSheetName = (year: number) => `Synthèse COPIL ${year}`;

/** Flag lists longer than this end with "… et N autres (voir Contrôles)" so the page stays one page. */
const MAX_LIST = 8;
const TOP_STRUCTURES = 10;
const round = (n: number) => Math.round(n * 100) / 100;

function list(items: string[]): string[] {
  if (items.length === 0) return ['aucun'];
  if (items.length <= MAX_LIST) return items;
  return [...items.slice(0, MAX_LIST), `… et ${items.length - MAX_LIST} autres (voir la feuille Contrôles)`];
}

/** Text printed at the top right and bottom of every COPIL page. */
export const COPIL_PRINT_TITLE = 'Accord-cadre AVS Ardèche';
/** Rows a chart takes on the page (default row height: 15 pt). */
const CHART_ROWS = 30;
const EVOLUTION_CHART_ROWS = 28;
/** Value axis of the charts: whole euros. */
const CHART_FORMAT = '#,##0\\ "€"';

/**
 * Synthèse COPIL YYYY (DESIGN.md §8), laid out for A4 landscape pages: key figures and totals
 * partner × axis; the charts of the year (voted per axis and partner, voted vs paid per partner);
 * the evolution across the years up to this one (table and chart); top structures and flags; the
 * signature block of Article 8.1 on a page of its own. Every amount is a SUMIFS over the
 * Financements table (or a formula over those cells) with its cached result, and every chart
 * reads those cells, so that a correction flows into the charts.
 */
export function copilSheet(ctx: AnnualContext, year: number): SheetSpec {
  const { ff, partners, ref: reference } = ctx;
  const P = partners.length;
  const colTotal = P + 2;
  const widths = [56, ...partners.map(() => 15), 16];
  const blocks: Block[] = [];
  const rowBreaks: number[] = [];
  const charts: ChartSpec[] = [];
  let row = 1;
  const add = (cells: SpecValue[][], style?: Block['style'], formats?: (ColumnType | undefined)[], wrap = false) => {
    const block: Block = { startRow: row, cells, style, formats };
    // column headers above amounts: right-aligned like the amounts
    if (style === 'label' && cells.length === 1 && cells[0].at(-1) === 'Total') block.align = cells[0].map((_, i) => (i === 0 ? undefined : 'right'));
    if (wrap) {
      block.wrap = true;
      block.rowHeights = cells.map((r) => wrappedRowHeight(r.map((v) => (typeof v === 'string' ? v : null)), widths));
    }
    blocks.push(block);
    row += cells.length;
  };
  /** The next rows start a new page. */
  const pageBreak = () => rowBreaks.push(row - 1);
  const amountFormats: (ColumnType | undefined)[] = [
    undefined,
    ...partners.map(() => 'amount' as const),
    'amount',
  ];
  const sheetName = copilSheetName(year);
  const partnerCols = (r: number) => `${ref(2, r)}:${ref(P + 1, r)}`;
  const column = (c: number, r0: number, r1: number) => `${ref(c, r0)}:${ref(c, r1)}`;
  const resultOf = (v: SpecValue): number =>
    typeof v === 'number' ? v : v && typeof v === 'object' && 'result' in v && typeof v.result === 'number' ? v.result : 0;

  add([[`Synthèse COPIL ${year} — ${reference.name}`]], 'title');
  add(
    [
      [
        `Comité de pilotage (article 8 de l'accord-cadre) — situation au ${formatDateFr(ctx.asOf)} (tableau Financements)`,
      ],
    ],
    'normal',
  );
  row++;

  // key figures
  const lines = ff.linesOf(year);
  const kinds = new Map(ctx.ds.structures.map((s) => [s.code, s.kind]));
  const funded = (k: string) =>
    new Set(
      lines
        .filter((l) => l.structure && kinds.get(l.structure) === k && (l.voted ?? 0) > 0)
        .map((l) => l.structure),
    ).size;
  const voted = ff.sum('voted', { year });
  const paid = ff.sum('paid', { year });
  const prev = ff.sum('voted', { year: year - 1 });
  const sev = { erreur: 0, alerte: 0, info: 0 };
  for (const f of ctx.findings) if (f.year === year) sev[f.severity]++;
  add([['Chiffres clés']], 'subtitle');
  const k0 = row;
  // one block per key figure: the renderer formats by column and each figure has its own format
  const keyFigures: [SpecValue[], ColumnType][] = [
    [['Centres sociaux financés', funded('CS')], 'integer'],
    [['Espaces de vie sociale financés', funded('EVS')], 'integer'],
    [['Total voté, tous partenaires', ff.cell('voted', { year })], 'amount'],
    [['Versé', ff.cell('paid', { year })], 'amount'],
    [['Reste à verser', { formula: `B${k0 + 2}-B${k0 + 3}`, result: round(voted - paid) }], 'amount'],
    [[`Total voté ${year - 1}`, ff.cell('voted', { year: year - 1 })], 'amount'],
    [
      [
        `Évolution par rapport à ${year - 1} (montant)`,
        { formula: `B${k0 + 2}-B${k0 + 5}`, result: round(voted - prev) },
      ],
      'amount',
    ],
    [
      [
        `Évolution par rapport à ${year - 1} (%)`,
        {
          formula: `IF(B${k0 + 5}=0,"",(B${k0 + 2}-B${k0 + 5})/B${k0 + 5})`,
          result: prev === 0 ? '' : (voted - prev) / prev,
        },
      ],
      'percent',
    ],
    [[`Anomalies ${year} : erreurs / alertes / infos`, sev.erreur, sev.alerte, sev.info], 'integer'],
  ];
  for (const [cells, fmt] of keyFigures) add([cells], 'label', [undefined, fmt, 'integer', 'integer']);
  row++;

  // partner × axis (full axis labels, wrapped)
  add([['Total voté par axe du plan et par partenaire']], 'subtitle');
  const headerRow = row;
  add([['Axe', ...partners.map((p) => p.code), 'Total']], 'label');
  const axisStart = row;
  const axisRows: SpecValue[][] = reference.plan.map((a, i) => {
    const r = axisStart + i;
    return [
      `${a.code} — ${a.label}`,
      ...partners.map((p) => ff.cell('voted', { year, axis: a.code, partner: p.code })),
      {
        formula: `SUM(${ref(2, r)}:${ref(P + 1, r)})`,
        result: round(
          partners.reduce((t, p) => t + ff.sum('voted', { year, axis: a.code, partner: p.code }), 0),
        ),
      },
    ];
  });
  add(axisRows, 'normal', amountFormats, true);
  const axisEnd = row - 1;
  const outsideRow = row;
  const totalRow = row + 1;
  const partnerTotal = (code: string) => ff.sum('voted', { year, partner: code });
  const inAxes = (code: string) =>
    reference.plan.reduce((t, a) => t + ff.sum('voted', { year, axis: a.code, partner: code }), 0);
  const totals: SpecValue[][] = [
    [
      'Non rattaché au plan',
      ...partners.map((p, i) => ({
        formula: `${ref(i + 2, totalRow)}-SUM(${ref(i + 2, axisStart)}:${ref(i + 2, axisEnd)})`,
        result: round(partnerTotal(p.code) - inAxes(p.code)),
      })),
      {
        formula: `SUM(${ref(2, outsideRow)}:${ref(P + 1, outsideRow)})`,
        result: round(partners.reduce((t, p) => t + partnerTotal(p.code) - inAxes(p.code), 0)),
      },
    ],
    [
      'Total voté',
      ...partners.map((p) => ff.cell('voted', { year, partner: p.code })),
      {
        formula: `SUM(${ref(2, totalRow)}:${ref(P + 1, totalRow)})`,
        result: round(partners.reduce((t, p) => t + partnerTotal(p.code), 0)),
      },
    ],
    [
      'Versé',
      ...partners.map((p) => ff.cell('paid', { year, partner: p.code })),
      { formula: `SUM(${ref(2, totalRow + 1)}:${ref(P + 1, totalRow + 1)})`, result: paid },
    ],
    [
      'Reste à verser',
      ...partners.map((p, i) => ({
        formula: `${ref(i + 2, totalRow)}-${ref(i + 2, totalRow + 1)}`,
        result: round(partnerTotal(p.code) - ff.sum('paid', { year, partner: p.code })),
      })),
      { formula: `${ref(colTotal, totalRow)}-${ref(colTotal, totalRow + 1)}`, result: round(voted - paid) },
    ],
  ];
  add(totals, 'label', amountFormats);
  const partnerCodes = partners.map((p) => p.code);

  // page 2: the charts of the year, over the cells above
  pageBreak();
  add([[`Graphiques ${year}`]], 'subtitle');
  const chartTop = row;
  const split = Math.min(colTotal, 4); // the per-axis chart over A:C, voted vs paid over D:Total
  charts.push({
    kind: 'barStacked',
    title: `Montant voté ${year} par axe et par partenaire`,
    categories: column(1, axisStart, axisEnd),
    categoryLabels: axisRows.map((r) => String(r[0])),
    series: partners.map((p, i) => ({
      name: p.code,
      nameCell: ref(i + 2, headerRow),
      values: column(i + 2, axisStart, axisEnd),
      cached: axisRows.map((r) => resultOf(r[i + 1])),
    })),
    valueFormat: CHART_FORMAT,
    from: { row: chartTop, col: 1 },
    to: { row: chartTop + CHART_ROWS, col: split },
  });
  charts.push({
    kind: 'barClustered',
    title: `Voté et versé ${year} par partenaire`,
    categories: partnerCols(headerRow),
    categoryLabels: partnerCodes,
    series: [totalRow, totalRow + 1].map((r, k) => ({
      name: String(totals[k + 1][0]),
      nameCell: ref(1, r),
      values: partnerCols(r),
      cached: totals[k + 1].slice(1, P + 1).map(resultOf),
    })),
    valueFormat: CHART_FORMAT,
    from: { row: chartTop, col: split },
    to: { row: chartTop + CHART_ROWS, col: colTotal + 1 },
  });
  row += CHART_ROWS;

  // page 3: evolution across the years up to this one
  pageBreak();
  const years = [...new Set([...fundedYears(ctx.ds).filter((y) => y <= year), year])].sort((a, b) => a - b);
  const span = years.length > 1 ? `${years[0]}–${year}` : String(year);
  add([[`Évolution du montant voté par partenaire, ${span}`]], 'subtitle');
  const evoHeader = row;
  add([['Exercice', ...partnerCodes, 'Total']], 'label');
  const evoStart = row;
  const evoRows: SpecValue[][] = years.map((y, i) => [
    String(y),
    ...partners.map((p) => ff.cell('voted', { year: y, partner: p.code })),
    {
      formula: `SUM(${partnerCols(evoStart + i)})`,
      result: round(partners.reduce((t, p) => t + ff.sum('voted', { year: y, partner: p.code }), 0)),
    },
  ]);
  add(evoRows, 'normal', amountFormats);
  const evoEnd = row - 1;
  row++;
  charts.push({
    kind: years.length >= 3 ? 'line' : 'columnClustered',
    title: `Montant voté par partenaire et par exercice, ${span}`,
    categories: column(1, evoStart, evoEnd),
    categoryLabels: years.map(String),
    series: partners.map((p, i) => ({
      name: p.code,
      nameCell: ref(i + 2, evoHeader),
      values: column(i + 2, evoStart, evoEnd),
      cached: evoRows.map((r) => resultOf(r[i + 1])),
    })),
    valueFormat: CHART_FORMAT,
    from: { row, col: 1 },
    to: { row: row + EVOLUTION_CHART_ROWS, col: colTotal + 1 },
  });
  row += EVOLUTION_CHART_ROWS;

  // page 4: top structures and flags
  pageBreak();
  const byStructure = new Map<string, number>();
  for (const l of lines)
    if (l.structure) byStructure.set(l.structure, (byStructure.get(l.structure) ?? 0) + (l.voted ?? 0));
  const top = [...byStructure.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, TOP_STRUCTURES);
  add(
    [[`Principales structures financées en ${year} (${top.length} premières par montant voté)`]],
    'subtitle',
  );
  add([['Structure', ...partnerCodes, 'Total']], 'label');
  const topStart = row;
  add(
    top.map(([code], i) => [
      `${ctx.structureName(code, code)} (${kinds.get(code) ?? ''})`,
      ...partners.map((p) => ff.cell('voted', { year, structure: code, partner: p.code })),
      {
        formula: `SUM(${ref(2, topStart + i)}:${ref(P + 1, topStart + i)})`,
        result: round(
          partners.reduce((t, p) => t + ff.sum('voted', { year, structure: code, partner: p.code }), 0),
        ),
      },
    ]),
    'normal',
    amountFormats,
    true,
  );
  row++;

  // flags: one bold line per kind, then its items in the wide first column, wrapped
  add([["Points d'attention"]], 'subtitle');
  const ofYear = (code: string) => ctx.findings.filter((f) => f.code === code && f.year === year);
  const flags: [string, string[]][] = [
    ['Axes sans action financée', ofYear('AXE_NON_FINANCE').map((f) => `${f.axis} — ${f.detail ?? ''}`)],
    [
      'Structures sans convention',
      ofYear('CONVENTION_MANQUANTE').map(
        (f) =>
          `${f.structureName ?? f.structure} — ${f.partner}, ${formatEuros(f.amount)}${f.reason === 'seuil_23000' ? ` (au-delà de ${formatEurosShort(f.threshold)})` : f.detail ? ` (${f.detail})` : ''}`,
      ),
    ],
    [
      'Agréments se terminant dans les 12 mois',
      ctx.findings
        .filter((f) => f.code === 'AGREMENT_BIENTOT_EXPIRE')
        .map((f) => `${f.structureName ?? f.structure} — ${f.detail ?? ''} jusqu'au ${f.date ?? '?'}`),
    ],
    ['Territoires (EPCI) sans structure', territoriesWithoutStructure(ctx.ds, reference)],
  ];
  const rowWidth = widths.reduce((a, b) => a + b, 0);
  for (const [label, items] of flags) {
    add([[`${label} (${items.length})`]], 'label');
    // an item runs over the empty cells on its right; one longer than the row wraps in column A
    for (const t of list(items)) add([[`– ${t}`]], 'normal', undefined, `– ${t}`.length * CHAR_UNITS > rowWidth);
  }

  // last page: the signature block (Article 8.1: the minutes are signed by all participants), never split
  pageBreak();
  add([['Signatures des participants au comité de pilotage (article 8.1)']], 'subtitle');
  add([['Partenaire', 'Signataire', null, null, 'Signature']], 'label');
  for (const p of reference.partners.filter((x) => x.active))
    for (const s of p.signatories?.length ? p.signatories : ['Le représentant du partenaire']) {
      add([[p.name, s, null, null, '']], 'normal');
      row += 2; // room to sign
    }

  return {
    name: sheetName,
    role: 'synthese',
    blocks,
    tables: [],
    charts,
    columnWidths: widths,
    print: {
      orientation: 'landscape',
      paperSize: 'A4',
      fitToWidth: true,
      header: `Synthèse COPIL ${year}`,
      headerRight: COPIL_PRINT_TITLE,
      footerLeft: `Situation au ${formatDateFr(ctx.asOf)}`,
      footer: 'Page &P / &N',
      footerRight: COPIL_PRINT_TITLE,
      rowBreaks,
    },
  };
}
