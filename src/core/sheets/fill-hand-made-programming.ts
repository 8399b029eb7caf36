import type { Reference } from '../model/domain';
import type { Finding } from '../model/finding';
import type { Grid } from '../model/grid';
import type { SheetPatch } from '../model/sheet-patch';
import type { FormulaCell } from '../model/sheet-spec';
import { makeFinding } from '../checks/messages';
import { cellText } from '../parse/cell-text';
import { containsPhrase, tokens } from '../parse/normalise-text';
import { yearInText } from '../parse/parse-year';
import { PlanIndex, type PlanNode } from '../reference/plan-index';
import type { AnnualContext } from './annual-context';
import { findProgrammingHeader } from './fill-programming';
import { ref, type FundingCriteria } from './funding-formulas';
import { USER_COLUMNS } from './programming-sheet';

const MAX_SCAN_COLS = 30;

interface Layout {
  /** 0-based index in grid.rows of the header row (the row above the first plan row with text). */
  headerRow: number;
  /** Rows (0-based) that name a plan node, with that node. */
  rows: { index: number; node: PlanNode }[];
}

/** A plan code or label in a cell: "2.1.3", 2.1 (a number), "Axe 4", or the words of a plan label. */
function nodeIn(plan: PlanIndex, v: unknown): PlanNode | undefined {
  const t = cellText((v ?? null) as never);
  if (!t) return undefined;
  return plan.resolve(t) ?? undefined;
}

/** The column naming the most plan actions (codes or labels), if it names at least two. */
function detectLayout(grid: Grid, plan: PlanIndex): Layout | undefined {
  let best: Layout | undefined;
  let bestActions = 1;
  const width = Math.min(MAX_SCAN_COLS, Math.max(0, ...grid.rows.map((r) => r?.length ?? 0)));
  for (let c = 0; c < width; c++) {
    const rows: Layout['rows'] = [];
    grid.rows.forEach((r, i) => {
      const node = nodeIn(plan, r?.[c]);
      if (node) rows.push({ index: i, node });
    });
    const actions = rows.filter((r) => r.node.level === 'action').length;
    if (actions > bestActions) {
      bestActions = actions;
      let h = rows[0].index - 1;
      while (h > 0 && (grid.rows[h] ?? []).every((v) => !cellText(v ?? null))) h--;
      best = { headerRow: Math.max(h, 0), rows };
    }
  }
  return best;
}

/**
 * A programming sheet made by hand for this year (sheet named "Programmation…"/"Prog…" with the
 * year in its name or title, plan codes or labels in a column), not one the tool generated.
 */
export function findHandMadeProgramming(grids: Grid[], year: number, reference: Reference): Grid | undefined {
  const plan = new PlanIndex(reference.plan);
  return grids.find((g) => {
    const name = tokens(g.sheet);
    if (!name.some((t) => t.startsWith('prog'))) return false;
    const title = g.rows
      .slice(0, 3)
      .flatMap((r) => (r ?? []).map((v) => cellText(v ?? null)))
      .join(' ');
    if ((yearInText(g.sheet) ?? yearInText(title)) !== year) return false;
    if (
      findProgrammingHeader(
        g,
        USER_COLUMNS.map((c) => c.header),
      ) >= 0
    )
      return false;
    return !!detectLayout(g, plan);
  });
}

/** SUMIFS criteria of a plan node of the hand-made sheet (an objective sums its own code and its actions). */
function criteriaOf(node: PlanNode, year: number, reference: Reference): FundingCriteria[] {
  if (node.level === 'axe') return [{ year, axis: node.code }];
  if (node.level === 'action') return [{ year, plan: node.code }];
  const o = reference.plan.flatMap((a) => a.objectives).find((x) => x.code === node.code);
  return [node.code, ...(o?.actions.map((a) => a.code) ?? [])].map((plan) => ({ year, plan }));
}

export interface HandMadeFill {
  patch: SheetPatch;
  findings: Finding[];
  placedRows: number;
}

/**
 * Fills the amounts into a hand-made programming sheet in place: one voted amount per partner
 * (into the partner columns it already has, or into columns added after its last one) and a
 * total, as SUMIFS over Financements. What the sheet has no row for is reported, not dropped.
 */
export function fillHandMadeProgramming(grid: Grid, year: number, ctx: AnnualContext): HandMadeFill {
  const { ff, partners, ref: reference } = ctx;
  const plan = new PlanIndex(reference.plan);
  const layout = detectLayout(grid, plan)!;
  const originRow = grid.originRow ?? 1;
  const originCol = grid.originCol ?? 1;
  const headerTexts = [layout.headerRow - 1, layout.headerRow]
    .filter((i) => i >= 0)
    .map((i) => (grid.rows[i] ?? []).map((v) => tokens(cellText(v ?? null))));
  const findCol = (match: (t: string[]) => boolean) => {
    for (const row of headerTexts) {
      const i = row.findIndex((t) => t.length > 0 && match(t));
      if (i >= 0) return i;
    }
    return -1;
  };
  const cells: SheetPatch['cells'] = [];
  const partnerCol = new Map<string, number>();
  for (const p of partners) {
    const i = findCol(
      (t) =>
        t.includes(p.code.toLowerCase()) ||
        p.aliases.some((a) => tokens(a).length > 0 && containsPhrase(t, tokens(a))),
    );
    if (i >= 0 && ![...partnerCol.values()].includes(i)) partnerCol.set(p.code, i);
  }
  let totalCol = findCol((t) => t.includes('total'));
  const lastCol = Math.max(0, ...grid.rows.map((r) => r?.length ?? 0));
  const headerRowNumber = originRow + layout.headerRow;
  if (partnerCol.size === 0) {
    // no partner column in the user's layout: add ours after its last column
    partners.forEach((p, k) => {
      partnerCol.set(p.code, lastCol + k);
      cells.push({ row: headerRowNumber, col: originCol + lastCol + k, value: `Voté ${p.code}`, bold: true });
    });
    totalCol = lastCol + partners.length;
    cells.push({ row: headerRowNumber, col: originCol + totalCol, value: 'Total voté', bold: true });
  }
  const placed: PlanNode[] = [];
  for (const { index, node } of layout.rows) {
    if (index <= layout.headerRow) continue;
    const rowNumber = originRow + index;
    const crit = criteriaOf(node, year, reference);
    const partnerRefs: string[] = [];
    let total = 0;
    for (const p of partners) {
      const c = partnerCol.get(p.code);
      if (c === undefined) continue;
      const parts = crit.map((x) => ({ ...x, partner: p.code }));
      const result = Math.round(parts.reduce((t, x) => t + ff.sum('voted', x), 0) * 100) / 100;
      const value: FormulaCell = { formula: parts.map((x) => ff.formula('voted', x)).join('+'), result };
      cells.push({ row: rowNumber, col: originCol + c, value, format: 'amount' });
      partnerRefs.push(ref(originCol + c, rowNumber));
      total += result;
    }
    if (totalCol >= 0 && ![...partnerCol.values()].includes(totalCol))
      cells.push({
        row: rowNumber,
        col: originCol + totalCol,
        value: { formula: partnerRefs.join('+') || '0', result: Math.round(total * 100) / 100 },
        format: 'amount',
      });
    placed.push(node);
  }
  // what the sheet has no row for: lines of the year under no placed node
  const covered = (code: string | undefined) => !!code && placed.some((n) => plan.isUnder(code, n.code));
  const missing = new Map<string, number>();
  for (const l of ff.linesOf(year))
    if (l.year === year && !covered(l.plan))
      missing.set(l.plan ?? '', (missing.get(l.plan ?? '') ?? 0) + (l.voted ?? 0));
  const findings = [...missing.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([code, amount]) =>
      makeFinding(
        'PROGRAMMATION_NON_PLACEE',
        { year, plan: code || undefined, amount: Math.round(amount * 100) / 100, detail: grid.sheet },
        { file: grid.file, sheet: grid.sheet, row: headerRowNumber },
      ),
    );
  return { patch: { sheet: grid.sheet, cells }, findings, placedRows: placed.length };
}
