import type { Block, ColumnType, SheetSpec, SpecValue } from '../model/sheet-spec';
import { formatDateFr, formatEuros } from '../checks/format-fr';
import { territoriesWithoutStructure } from '../checks/check-territories';
import type { AnnualContext } from './annual-context';
import { ref } from './funding-formulas';

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

/**
 * Synthèse COPIL YYYY (DESIGN.md §8): key figures, totals partner × axis, top structures, flags,
 * a chart request, and the signature block of Article 8.1. Every amount is a SUMIFS over the
 * Financements table (or a formula over those cells) with its cached result.
 */
export function copilSheet(ctx: AnnualContext, year: number): SheetSpec {
  const { ff, partners, ref: reference } = ctx;
  const P = partners.length;
  const colTotal = P + 2;
  const blocks: Block[] = [];
  let row = 1;
  const add = (cells: SpecValue[][], style?: Block['style'], formats?: (ColumnType | undefined)[]) => {
    blocks.push({ startRow: row, cells, style, formats });
    row += cells.length;
  };
  const amountFormats: (ColumnType | undefined)[] = [
    undefined,
    ...partners.map(() => 'amount' as const),
    'amount',
  ];

  add([[`Synthèse COPIL ${year} — ${reference.name}`]], 'title');
  add(
    [
      [
        `Comité de pilotage (article 8 de l'accord-cadre) — situation au ${formatDateFr(ctx.asOf)}, d'après le tableau Financements`,
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

  // partner × axis
  add([['Total voté par axe du plan et par partenaire']], 'subtitle');
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
  add(axisRows, 'normal', amountFormats);
  const axisEnd = row - 1;
  const outsideRow = row;
  const totalRow = row + 1;
  const partnerTotal = (code: string) => ff.sum('voted', { year, partner: code });
  const inAxes = (code: string) =>
    reference.plan.reduce((t, a) => t + ff.sum('voted', { year, axis: a.code, partner: code }), 0);
  add(
    [
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
    ],
    'label',
    amountFormats,
  );
  row++;

  // chart: drawn natively by hosts that can (office-js), in cells by the exceljs adapter
  const chartRow = row;
  const chart: SheetSpec['chart'] = {
    title: `Financements ${year} par axe et par partenaire`,
    categories: reference.plan.map((a) => `Axe ${a.code}`),
    series: partners.map((p, i) => ({
      name: p.code,
      values: axisRows.map((r) => (r[i + 1] as { result: number }).result),
      cells: reference.plan.map((_, j) => ref(i + 2, axisStart + j)),
    })),
    anchorRow: chartRow,
    anchorCol: 1,
  };
  row += reference.plan.length + 3;

  // top structures
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
  add([['Structure', ...partners.map((p) => p.code), 'Total']], 'label');
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
  );
  row++;

  // flags
  add([["Points d'attention"]], 'subtitle');
  const ofYear = (code: string) => ctx.findings.filter((f) => f.code === code && f.year === year);
  const flags: [string, string[]][] = [
    ['Axes sans action financée', ofYear('AXE_NON_FINANCE').map((f) => `${f.axis} — ${f.detail ?? ''}`)],
    [
      'Structures sans convention',
      ofYear('CONVENTION_MANQUANTE').map(
        (f) =>
          `${f.structureName ?? f.structure} — ${f.partner}, ${formatEuros(f.amount)}${f.reason === 'seuil_23000' ? ' (au-delà de 23 000 €)' : f.detail ? ` (${f.detail})` : ''}`,
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
  for (const [label, items] of flags)
    add(
      list(items).map((t, i) => [i === 0 ? `${label} (${items.length})` : null, t]),
      'normal',
    );
  row++;

  // signature block (Article 8.1: the minutes are signed by all participants)
  add([['Signatures des participants au comité de pilotage (article 8.1)']], 'subtitle');
  add([['Partenaire', 'Signataire', null, null, 'Signature']], 'label');
  for (const p of reference.partners.filter((x) => x.active))
    for (const s of p.signatories?.length ? p.signatories : ['Le représentant du partenaire']) {
      add([[p.name, s, null, null, '']], 'normal');
      row++; // room to sign
    }

  return {
    name: copilSheetName(year),
    role: 'synthese',
    blocks,
    tables: [],
    chart,
    columnWidths: [56, ...partners.map(() => 15), 16],
    print: {
      orientation: 'landscape',
      paperSize: 'A4',
      fitToWidth: true,
      fitToHeight: 1,
      header: `Synthèse COPIL ${year}`,
      footer: 'Page &P / &N',
    },
  };
}
