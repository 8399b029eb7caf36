import type { FundingLine } from '../model/domain';
import type { Grid } from '../model/grid';
import type { SheetSpec, SpecValue } from '../model/sheet-spec';
import { formatDateFr } from '../checks/format-fr';
import { cellText } from '../parse/cell-text';
import { parseAmount, roundCents } from '../parse/parse-amount';
import { parseYear } from '../parse/parse-year';
import { FUNDING_COLUMNS } from './canonical-tables';

export const CHANGES_SHEET = 'Changements';

/** One funding, as compared between two fills: same partner, structure, year, dispositif and plan node. */
interface Keyed {
  key: string;
  partner: string;
  structure: string;
  name: string;
  year: number;
  dispositif: string;
  plan: string;
  voted: number;
  paid: number;
}

function keyed(
  partner: string,
  structure: string,
  name: string,
  year: number,
  dispositif: string,
  plan: string,
  voted: number,
  paid: number,
): Keyed {
  return {
    key: [partner, structure || name.toLowerCase(), year, dispositif, plan].join('|'),
    partner,
    structure,
    name,
    year,
    dispositif,
    plan,
    voted,
    paid,
  };
}

/** Several lines with the same key (two décisions the same year) are compared as their sum. */
function aggregate(items: Keyed[]): Map<string, Keyed> {
  const m = new Map<string, Keyed>();
  for (const k of items) {
    const e = m.get(k.key);
    if (e) {
      e.voted = roundCents(e.voted + k.voted);
      e.paid = roundCents(e.paid + k.paid);
    } else m.set(k.key, { ...k });
  }
  return m;
}

/** The Financements table of the previous fill, read back from the workbook (header on row 1). */
export function previousFundings(grid: Grid): Keyed[] {
  const header = (grid.rows[0] ?? []).map((v) => cellText(v).trim());
  const col = (key: string) => header.indexOf(FUNDING_COLUMNS.find((c) => c.key === key)!.header);
  const [cp, cs, cn, cy, cd, cpl, cv, cpa] = [
    'partner',
    'structure',
    'name',
    'year',
    'dispositif',
    'plan',
    'voted',
    'paid',
  ].map(col);
  if (cp < 0 || cy < 0 || cv < 0) return [];
  const out: Keyed[] = [];
  for (const r of grid.rows.slice(1)) {
    const year = parseYear(r[cy] ?? null);
    const partner = cellText(r[cp] ?? null).trim();
    if (!year.ok || !partner) continue;
    const amount = (i: number) => {
      const a = i >= 0 ? parseAmount(r[i] ?? null) : undefined;
      return a?.ok ? a.value : 0;
    };
    const text = (i: number) => (i >= 0 ? cellText(r[i] ?? null).trim() : '');
    out.push(keyed(partner, text(cs), text(cn), year.value, text(cd), text(cpl), amount(cv), amount(cpa)));
  }
  return out;
}

export function currentFundings(lines: FundingLine[]): Keyed[] {
  return lines
    .filter((l) => !l.duplicateOf)
    .map((l) =>
      keyed(
        l.partner,
        l.structure ?? '',
        l.structureName,
        l.year,
        l.dispositif ?? '',
        l.plan ?? '',
        l.voted ?? 0,
        l.paid ?? 0,
      ),
    );
}

export type ChangeKind = 'Ajout' | 'Suppression' | 'Montant modifié';
export interface FundingChange {
  kind: ChangeKind;
  before?: Keyed;
  after?: Keyed;
}

/** What changed between two fills: lines added, removed, amounts changed (voted or paid). */
export function diffFundings(before: Keyed[], after: Keyed[]): FundingChange[] {
  const a = aggregate(before);
  const b = aggregate(after);
  const out: FundingChange[] = [];
  for (const [k, n] of b) {
    const o = a.get(k);
    if (!o) out.push({ kind: 'Ajout', after: n });
    else if (o.voted !== n.voted || o.paid !== n.paid)
      out.push({ kind: 'Montant modifié', before: o, after: n });
  }
  for (const [k, o] of a) if (!b.has(k)) out.push({ kind: 'Suppression', before: o });
  const order: Record<ChangeKind, number> = { 'Montant modifié': 0, Ajout: 1, Suppression: 2 };
  return out.sort((x, y) => {
    const p = (x.after ?? x.before)!;
    const q = (y.after ?? y.before)!;
    return (
      order[x.kind] - order[y.kind] ||
      p.year - q.year ||
      p.partner.localeCompare(q.partner) ||
      p.name.localeCompare(q.name, 'fr') ||
      p.key.localeCompare(q.key)
    );
  });
}

/**
 * Changements: what moved in the Financements table since the previous fill of this workbook,
 * with old and new values, for the comité technique. `previous` is undefined on the first fill.
 */
export function changesSheet(lines: FundingLine[], previous: Grid | undefined, asOf: string): SheetSpec {
  const changes = previous ? diffFundings(previousFundings(previous), currentFundings(lines)) : [];
  const count = (k: ChangeKind) => changes.filter((c) => c.kind === k).length;
  const rows: SpecValue[][] = changes.map((c) => {
    const x = (c.after ?? c.before)!;
    const vb = c.before?.voted ?? null;
    const va = c.after?.voted ?? null;
    return [
      c.kind,
      x.partner,
      x.structure || null,
      x.name,
      x.year,
      x.dispositif || null,
      x.plan || null,
      vb,
      va,
      roundCents((va ?? 0) - (vb ?? 0)),
      c.before?.paid ?? null,
      c.after?.paid ?? null,
    ];
  });
  const summary = previous
    ? `Depuis le remplissage précédent : ${count('Ajout')} ligne(s) ajoutée(s), ${count('Suppression')} supprimée(s), ${count('Montant modifié')} montant(s) modifié(s).`
    : 'Premier remplissage de ce classeur : aucune version précédente du tableau Financements à comparer.';
  return {
    name: CHANGES_SHEET,
    role: 'changements',
    blocks: [
      {
        startRow: 1,
        cells: [[`Changements du tableau Financements — remplissage du ${formatDateFr(asOf)}`]],
        style: 'title',
      },
      { startRow: 2, cells: [[summary]], style: 'normal' },
    ],
    tables: [
      {
        name: 'Changements',
        headerRow: 4,
        columns: [
          { key: 'kind', header: 'Changement', type: 'text', width: 16 },
          { key: 'partner', header: 'Partenaire', type: 'code', width: 11 },
          { key: 'structure', header: 'Structure', type: 'code', width: 15 },
          { key: 'name', header: 'Nom de la structure', type: 'text', width: 36 },
          { key: 'year', header: 'Exercice', type: 'integer', width: 9 },
          { key: 'dispositif', header: 'Dispositif', type: 'code', width: 18 },
          { key: 'plan', header: 'Action', type: 'code', width: 8 },
          { key: 'votedBefore', header: 'Voté avant', type: 'amount', width: 15 },
          { key: 'votedAfter', header: 'Voté après', type: 'amount', width: 15 },
          { key: 'delta', header: 'Écart voté', type: 'amount', width: 15 },
          { key: 'paidBefore', header: 'Versé avant', type: 'amount', width: 15 },
          { key: 'paidAfter', header: 'Versé après', type: 'amount', width: 15 },
        ],
        rows,
      },
    ],
    freeze: { row: 4, col: 0 },
    print: {
      orientation: 'landscape',
      paperSize: 'A4',
      fitToWidth: true,
      header: 'Changements',
      footer: 'Page &P / &N',
    },
  };
}
