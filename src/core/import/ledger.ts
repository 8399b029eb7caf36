/**
 * Where a sheet's lines and euros went: counted in funding lines, or set aside with a reason, or
 * found in no line at all (money in a column the reading did not use). Kept in cents so that a
 * sum of thousands of lines is exact; given in euros to the cent in the report.
 */
export interface SheetLedger {
  lines: number;
  votedCents: number;
  paidCents: number;
  setAside: Map<string, { lines: number; votedCents: number; paidCents: number }>;
  unexplained: { range: string; amountCents: number; reason: string }[];
}

/** The ledger as the JSON report gives it: `{ lines, voted, paid, setAside: [...], unexplained: [...] }`. */
export interface LedgerReport {
  lines: number;
  voted: number;
  paid: number;
  setAside: { reason: string; lines: number; voted: number; paid: number }[];
  unexplained: { range: string; amount: number; reason: string }[];
}

/** Reasons a line is set aside, in the words the report and the pane show. */
export const ASIDE = {
  unknownGrantor: 'attribuant absent du référentiel',
  outsideAgreement: 'bénéficiaire hors accord (ni structure connue, ni dispositif AVS)',
  unreadableAmount: 'montant illisible',
  noAmount: 'montant absent',
  noYear: 'exercice absent ou illisible',
  noStructure: 'structure non renseignée',
  unknownPartner: 'partenaire inconnu',
  otherDepartement: 'autre département',
  duplicate: 'doublon (compté une fois)',
  /** Money in a column the partner hid (old figures): no line, set aside with its amount. */
  hiddenColumn: 'colonne masquée (anciens chiffres, non lus)',
} as const;

export const cents = (euros: number | undefined): number => (euros === undefined || !Number.isFinite(euros) ? 0 : Math.round(euros * 100));

export function newLedger(): SheetLedger {
  return { lines: 0, votedCents: 0, paidCents: 0, setAside: new Map(), unexplained: [] };
}

export function countLine(l: SheetLedger, voted?: number, paid?: number): void {
  l.lines++;
  l.votedCents += cents(voted);
  l.paidCents += cents(paid);
}

export function setAside(l: SheetLedger, reason: string, voted?: number, paid?: number): void {
  const e = l.setAside.get(reason) ?? { lines: 0, votedCents: 0, paidCents: 0 };
  e.lines++;
  e.votedCents += cents(voted);
  e.paidCents += cents(paid);
  l.setAside.set(reason, e);
}

/** A line counted first, then found to repeat another one: moved to the set-aside lines. */
export function uncount(l: SheetLedger, reason: string, voted?: number, paid?: number): void {
  l.lines--;
  l.votedCents -= cents(voted);
  l.paidCents -= cents(paid);
  setAside(l, reason, voted, paid);
}

export function ledgerReport(l: SheetLedger): LedgerReport {
  const e = (c: number) => c / 100;
  return {
    lines: l.lines,
    voted: e(l.votedCents),
    paid: e(l.paidCents),
    setAside: [...l.setAside].map(([reason, a]) => ({ reason, lines: a.lines, voted: e(a.votedCents), paid: e(a.paidCents) })),
    unexplained: l.unexplained.map((u) => ({ range: u.range, amount: e(u.amountCents), reason: u.reason })),
  };
}

/** Share of the sheet's money that is explained (counted or set aside with a reason): 1 when nothing is unexplained. */
export function explainedShare(l: SheetLedger): number {
  const aside = [...l.setAside.values()].reduce((t, a) => t + Math.abs(a.votedCents) + Math.abs(a.paidCents), 0);
  const known = Math.abs(l.votedCents) + Math.abs(l.paidCents) + aside;
  const lost = l.unexplained.reduce((t, u) => t + Math.abs(u.amountCents), 0);
  return known + lost === 0 ? 1 : known / (known + lost);
}
