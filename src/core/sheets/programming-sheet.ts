import type { PlanAxis } from '../model/domain';
import type { ColumnSpec, SheetSpec, SpecValue } from '../model/sheet-spec';
import { formatDateFr } from '../checks/format-fr';
import type { AnnualContext } from './annual-context';
import { ref, type FundingCriteria } from './funding-formulas';

export const programmingSheetName = (year: number) => `Programmation ${year}`;

/** Values of the Niveau column; with the code they are the key that keeps typed cells. */
export const LEVEL = {
  axis: 'Axe',
  objective: 'Objectif',
  action: 'Action',
  direct: 'Financement direct',
  outside: 'Hors plan',
  total: 'Total',
  removed: 'Action retirée',
} as const;

export const PROGRAMMING_HEADER_ROW = 4;
export const PRIORITY_VALUES = ['Haute', 'Moyenne', 'Basse'];
/** The columns people type into; kept, matched by Niveau + Code, whenever the sheet is filled again. */
export const USER_COLUMNS: ColumnSpec[] = [
  { key: 'decision', header: 'Décision comité technique', type: 'text', width: 26, userInput: true },
  { key: 'comment', header: 'Commentaire', type: 'text', width: 40, userInput: true },
  { key: 'priority', header: 'Priorité', type: 'text', width: 11, list: PRIORITY_VALUES, userInput: true },
];

interface PlanRow {
  level: (typeof LEVEL)[keyof typeof LEVEL];
  code: string;
  label: string;
  outline: number;
  /** Leaf rows sum the Financements table on these criteria; subtotal rows have none. */
  criteria?: FundingCriteria;
  /** Subtotal rows: index of the first and last detail row (in `rows`), inclusive. */
  detail?: [number, number];
  flags: string[];
}

/** The plan as rows: axis, its direct funding, objectives, their direct funding and actions. */
function planRows(plan: PlanAxis[], year: number, ctx: AnnualContext): PlanRow[] {
  const rows: PlanRow[] = [];
  const plansWithLines = new Set(
    ctx.ff
      .linesOf(year)
      .filter((l) => l.plan)
      .map((l) => l.plan!),
  );
  const direct = (code: string, label: string, outline: number) => {
    if (plansWithLines.has(code))
      rows.push({
        level: LEVEL.direct,
        code,
        label: `${label} (financé au niveau ${code.includes('.') ? "de l'objectif" : "de l'axe"})`,
        outline,
        criteria: { year, plan: code },
        flags: [],
      });
  };
  for (const a of plan) {
    const axisIndex =
      rows.push({ level: LEVEL.axis, code: a.code, label: a.label, outline: 0, flags: [] }) - 1;
    direct(a.code, a.label, 1);
    for (const o of a.objectives) {
      const objIndex =
        rows.push({ level: LEVEL.objective, code: o.code, label: o.label, outline: 1, flags: [] }) - 1;
      direct(o.code, o.label, 2);
      for (const ac of o.actions)
        rows.push({
          level: LEVEL.action,
          code: ac.code,
          label: ac.label,
          outline: 2,
          criteria: { year, plan: ac.code },
          flags: [],
        });
      if (o.actions.length === 0) rows[objIndex].flags.push('Objectif sans action dans le plan');
      if (rows.length - 1 > objIndex) rows[objIndex].detail = [objIndex + 1, rows.length - 1];
    }
    if (rows.length - 1 > axisIndex) rows[axisIndex].detail = [axisIndex + 1, rows.length - 1];
  }
  return rows;
}

/** Flags from the findings: axis with no funded action, convention missing for a line of the row. */
function addFlags(rows: PlanRow[], year: number, ctx: AnnualContext) {
  const byCode = new Map(rows.filter((r) => r.level === LEVEL.axis).map((r) => [r.code, r]));
  // plan codes each partner × structure's lines carry this year, and the rows of each plan code:
  // a national year has tens of thousands of missing conventions, each looked up, not scanned
  const carried = new Map<string, Set<string>>();
  for (const l of ctx.ff.linesOf(year)) {
    if (!l.plan) continue;
    const k = `${l.partner}|${l.structure}`;
    (carried.get(k) ?? carried.set(k, new Set()).get(k)!).add(l.plan);
  }
  const rowsOfPlan = new Map<string, { row: PlanRow; seen: Set<string> }[]>();
  for (const r of rows)
    if (r.criteria?.plan) (rowsOfPlan.get(r.criteria.plan) ?? rowsOfPlan.set(r.criteria.plan, []).get(r.criteria.plan)!).push({ row: r, seen: new Set(r.flags) });
  for (const f of ctx.findings) {
    if (f.year !== year) continue;
    if (f.code === 'AXE_NON_FINANCE' && f.axis) byCode.get(f.axis)?.flags.push('Axe sans action financée');
    if (f.code !== 'CONVENTION_MANQUANTE') continue;
    const who = `Convention ${f.partner} manquante : ${f.structureName ?? f.structure}`;
    for (const plan of carried.get(`${f.partner}|${f.structure}`) ?? [])
      for (const x of rowsOfPlan.get(plan) ?? [])
        if (!x.seen.has(who)) {
          x.seen.add(who);
          x.row.flags.push(who);
        }
  }
  for (const r of rows) {
    if (r.level !== LEVEL.axis || !r.detail) continue;
    const n = rows
      .slice(r.detail[0], r.detail[1] + 1)
      .reduce((k, d) => k + d.flags.filter((x) => x.startsWith('Convention')).length, 0);
    if (n) r.flags.push(`${n} convention(s) manquante(s) sous cet axe`);
  }
}

/**
 * Programmation YYYY (DESIGN.md §8): one row per plan action grouped by axis and objective, with
 * foldable subtotal rows, one voted column per partner (SUMIFS over Financements), total, paid,
 * share of the year, flags, then the columns people type into.
 */
export function programmingSheet(ctx: AnnualContext, year: number): SheetSpec {
  const { ff, partners } = ctx;
  const rows = planRows(ctx.ref.plan, year, ctx);
  addFlags(rows, year, ctx);
  const first = PROGRAMMING_HEADER_ROW + 1;
  const P = partners.length;
  const colPartner = 5;
  const colTotal = colPartner + P;
  const colPaid = colTotal + 1;
  const outsideRow = first + rows.length;
  const totalRow = outsideRow + 1;
  const lastPlanRow = outsideRow - 1;
  const carriers = new Map<string, Set<string>>();
  for (const l of ff.linesOf(year))
    if (l.plan)
      carriers.set(
        l.plan,
        (carriers.get(l.plan) ?? new Set()).add(ctx.structureName(l.structure, l.structureName)),
      );
  const structuresOf = (code: string) =>
    [...(carriers.get(code) ?? [])].sort((a, b) => a.localeCompare(b, 'fr')).join(' ; ') || null;

  // cached results of every amount cell, so that subtotals are computed like SUBTOTAL(9,…) does
  const leafValue = (r: PlanRow, col: number): number =>
    col === colPaid
      ? ff.sum('paid', r.criteria!)
      : col === colTotal
        ? partners.reduce((t, p) => t + ff.sum('voted', { ...r.criteria, partner: p.code }), 0)
        : ff.sum('voted', { ...r.criteria, partner: partners[col - colPartner].code });
  const subtotal = (from: number, to: number, col: number) => {
    let t = 0;
    for (let i = from; i <= to; i++) if (rows[i].criteria) t += leafValue(rows[i], col);
    return Math.round(t * 100) / 100;
  };
  const grand = (col: number): number =>
    col === colPaid
      ? ff.sum('paid', { year })
      : col === colTotal
        ? partners.reduce((t, p) => t + ff.sum('voted', { year, partner: p.code }), 0)
        : ff.sum('voted', { year, partner: partners[col - colPartner].code });
  const round = (n: number) => Math.round(n * 100) / 100;
  const grandTotal = round(grand(colTotal));
  const share = (rowNumber: number, value: number): SpecValue => ({
    formula: `IF(${ref(colTotal, totalRow)}=0,0,${ref(colTotal, rowNumber)}/${ref(colTotal, totalRow)})`,
    result: grandTotal === 0 ? 0 : value / grandTotal,
  });

  const out: SpecValue[][] = rows.map((r, i) => {
    const rowNumber = first + i;
    const amounts: SpecValue[] = [];
    for (let col = colPartner; col <= colPaid; col++) {
      if (r.criteria) {
        if (col === colTotal)
          amounts.push({
            formula: `SUM(${ref(colPartner, rowNumber)}:${ref(colTotal - 1, rowNumber)})`,
            result: round(leafValue(r, col)),
          });
        else if (col === colPaid) amounts.push(ff.cell('paid', r.criteria));
        else amounts.push(ff.cell('voted', { ...r.criteria, partner: partners[col - colPartner].code }));
      } else if (r.detail) {
        amounts.push({
          formula: `SUBTOTAL(9,${ref(col, first + r.detail[0])}:${ref(col, first + r.detail[1])})`,
          result: subtotal(r.detail[0], r.detail[1], col),
        });
      } else amounts.push(0);
    }
    const total = amounts[P] as { result: number } | number;
    return [
      r.level,
      r.code,
      r.label,
      r.criteria ? structuresOf(r.criteria.plan!) : null,
      ...amounts,
      share(rowNumber, typeof total === 'number' ? total : total.result),
      r.flags.join(' ; ') || null,
      null,
      null,
      null,
    ];
  });

  // lines tied to no plan node: the year's total minus what the plan rows hold
  const outside: SpecValue[] = [];
  const totals: SpecValue[] = [];
  for (let col = colPartner; col <= colPaid; col++) {
    const g = round(grand(col));
    const inPlan = subtotal(0, rows.length - 1, col);
    outside.push({
      formula: `${ref(col, totalRow)}-SUBTOTAL(9,${ref(col, first)}:${ref(col, lastPlanRow)})`,
      result: round(g - inPlan),
    });
    if (col === colTotal)
      totals.push({ formula: `SUM(${ref(colPartner, totalRow)}:${ref(colTotal - 1, totalRow)})`, result: g });
    else if (col === colPaid) totals.push(ff.cell('paid', { year }));
    else totals.push(ff.cell('voted', { year, partner: partners[col - colPartner].code }));
  }
  const outsideTotal = (outside[P] as { result: number }).result;
  const outsideFlag = outsideTotal !== 0 ? 'Financements sans action du plan : voir Contrôles' : null;
  out.push([
    LEVEL.outside,
    null,
    'Financements non rattachés au plan',
    null,
    ...outside,
    share(outsideRow, outsideTotal),
    outsideFlag,
    null,
    null,
    null,
  ]);
  out.push([
    LEVEL.total,
    null,
    `Total ${year}`,
    null,
    ...totals,
    share(totalRow, grandTotal),
    null,
    null,
    null,
    null,
  ]);

  const columns: ColumnSpec[] = [
    { key: 'level', header: 'Niveau', type: 'text', width: 12 },
    { key: 'code', header: 'Code', type: 'code', width: 8 },
    { key: 'label', header: 'Libellé', type: 'text', width: 50 },
    { key: 'structures', header: 'Structures porteuses', type: 'text', width: 36 },
    ...partners.map((p): ColumnSpec => ({
      key: `voted_${p.code}`,
      header: `Voté ${p.code}`,
      type: 'amount',
      width: 14,
    })),
    { key: 'total', header: 'Total voté', type: 'amount', width: 15 },
    { key: 'paid', header: 'Versé', type: 'amount', width: 15 },
    { key: 'share', header: "Part de l'année", type: 'percent', width: 10 },
    { key: 'flags', header: 'Alertes', type: 'text', width: 40 },
    ...USER_COLUMNS,
  ];
  const subtotalRows = rows.map((r, i) => (r.detail || !r.criteria ? i : -1)).filter((i) => i >= 0);
  return {
    name: programmingSheetName(year),
    role: 'programmation',
    blocks: [
      { startRow: 1, cells: [[`Programmation ${year} — ${ctx.ref.name}`]], style: 'title' },
      {
        startRow: 2,
        cells: [
          [
            `Montants votés d'après le tableau Financements (formules SOMME.SI.ENS), remplie le ${formatDateFr(ctx.asOf)}. Les colonnes Décision comité technique, Commentaire et Priorité sont conservées à chaque remplissage.`,
          ],
        ],
        style: 'normal',
      },
    ],
    tables: [
      {
        name: `Programmation${year}`,
        headerRow: PROGRAMMING_HEADER_ROW,
        columns,
        rows: out,
        outline: [...rows.map((r) => r.outline), 0, 0],
        subtotalRows: [...subtotalRows, rows.length, rows.length + 1],
        flagColumn: 'flags',
      },
    ],
    outlineSummaryAbove: true,
    freeze: { row: PROGRAMMING_HEADER_ROW, col: 3 },
    print: {
      orientation: 'landscape',
      paperSize: 'A4',
      fitToWidth: true,
      header: `Programmation ${year}`,
      footer: 'Page &P / &N',
      printTitleRows: `${PROGRAMMING_HEADER_ROW}:${PROGRAMMING_HEADER_ROW}`,
    },
  };
}
