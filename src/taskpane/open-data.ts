import { formatEuros } from '../core/checks/format-fr';
import { ASIDE, ledgerReport, type LedgerReport } from '../core/import/ledger';
import type { SheetReading } from '../core/import/read-sheet';
import type { SavedPartner } from '../core/import/saved-partners';
import type { SubsidyFamily } from '../core/import/subsidy-export';
import type { Partner } from '../core/model/domain';
import type { Finding } from '../core/model/finding';

/**
 * What the pane says about open-data subsidy exports and the ledger of every funding sheet, with no
 * React: the words of a sheet's ledger, the grantors to give a code (grouped across files), the
 * check of a new partner code, and the sums the Totaux step shows next to the totals.
 */

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`;

/** The schema an open-data export was recognised by, as the Sources step names it. */
export const FAMILY_LABEL: Record<SubsidyFamily, string> = {
  scdl: 'données ouvertes SCDL',
  etalab2016: 'données ouvertes au format Etalab 2016',
  libelles: "données ouvertes (libellés de l'arrêté)",
};

/** An amount set aside or counted: voted, and paid when there is any. */
export function money(voted: number, paid: number): string {
  if (!voted && paid) return `${formatEuros(paid)} versés`;
  return paid ? `${formatEuros(voted)} votés, ${formatEuros(paid)} versés` : formatEuros(voted);
}

/** Lines read on a sheet: counted plus every line set aside. */
export const linesRead = (l: LedgerReport) => l.lines + l.setAside.reduce((n, a) => n + a.lines, 0);

/**
 * A sheet's ledger in one sentence: « 69 lignes lues : 0 comptée, 69 mises de côté (attribuant
 * absent du référentiel : 69 lignes, 357 558,85 €) ».
 */
export function ledgerSentence(l: LedgerReport): string {
  const aside = l.setAside.reduce((n, a) => n + a.lines, 0);
  const counted = `${plural(l.lines, 'comptée', 'comptées')}${l.lines ? ` (${money(l.voted, l.paid)})` : ''}`;
  const reasons = l.setAside.map((a) => `${a.reason} : ${plural(a.lines, 'ligne', 'lignes')}, ${money(a.voted, a.paid)}`).join(' ; ');
  return `${plural(linesRead(l), 'ligne lue', 'lignes lues')} : ${counted}, ${plural(aside, 'mise', 'mises')} de côté${aside ? ` (${reasons})` : ''}`;
}

/** Money found in no line of the sheet, one sentence per range: « D40:D41 (colonne non utilisée) : 1 200,00 € ». */
export const unexplainedSentences = (l: LedgerReport): string[] => l.unexplained.map((u) => `${u.range} (${u.reason}) : ${formatEuros(u.amount)}`);

/** The ledger of a reading in the report's euros, when the import kept one (funding sheets). */
export const readingLedger = (r: SheetReading): LedgerReport | undefined => (r.ledger ? ledgerReport(r.ledger) : undefined);

export interface LedgerSums {
  sheets: number;
  read: number;
  counted: number;
  /** By reason, in the order first met. */
  setAside: { reason: string; lines: number; voted: number; paid: number }[];
  asideLines: number;
  asideVoted: number;
  asidePaid: number;
  unexplained: number;
  unexplainedRanges: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Every ledger of the run added up (cents kept exact): what the totals count, leave aside, or find in no line. */
export function ledgerSums(readings: SheetReading[]): LedgerSums {
  const out: LedgerSums = { sheets: 0, read: 0, counted: 0, setAside: [], asideLines: 0, asideVoted: 0, asidePaid: 0, unexplained: 0, unexplainedRanges: 0 };
  for (const r of readings) {
    const l = readingLedger(r);
    if (!l) continue;
    out.sheets++;
    out.read += linesRead(l);
    out.counted += l.lines;
    for (const a of l.setAside) {
      let e = out.setAside.find((x) => x.reason === a.reason);
      if (!e) out.setAside.push((e = { reason: a.reason, lines: 0, voted: 0, paid: 0 }));
      e.lines += a.lines;
      e.voted = round2(e.voted + a.voted);
      e.paid = round2(e.paid + a.paid);
    }
    for (const u of l.unexplained) out.unexplained = round2(out.unexplained + u.amount);
    out.unexplainedRanges += l.unexplained.length;
  }
  out.asideLines = out.setAside.reduce((n, a) => n + a.lines, 0);
  out.asideVoted = round2(out.setAside.reduce((n, a) => n + a.voted, 0));
  out.asidePaid = round2(out.setAside.reduce((n, a) => n + a.paid, 0));
  return out;
}

/** A grantor of open-data exports that is no partner, over every file where it grants. */
export interface GrantorRow {
  key: string;
  name: string;
  siret?: string;
  files: string[];
  lines: number;
  amount: number;
}

/** Same grantor: same SIREN when both have one, else the same name (as the mapping file's proposals). */
export function sameGrantor(a: { name: string; siret?: string }, b: { name: string; siret?: string }): boolean {
  return a.siret && b.siret ? a.siret.slice(0, 9) === b.siret.slice(0, 9) : a.name.trim().toLowerCase() === b.name.trim().toLowerCase();
}

/** The pipeline's unknown grantors (one per grantor and file) as one row per grantor, the largest amount first. */
export function grantorRows(unknown: { file: string; name: string; siret?: string; lines: number; amount: number }[]): GrantorRow[] {
  const rows: GrantorRow[] = [];
  for (const u of unknown) {
    const row = rows.find((r) => sameGrantor(r, u));
    if (row) {
      if (!row.files.includes(u.file)) row.files.push(u.file);
      row.lines += u.lines;
      row.amount = round2(row.amount + u.amount);
      if (!row.siret && u.siret) row.siret = u.siret;
    } else rows.push({ key: u.siret ? u.siret.slice(0, 9) : u.name.trim().toLowerCase(), name: u.name, ...(u.siret ? { siret: u.siret } : {}), files: [u.file], lines: u.lines, amount: u.amount });
  }
  return rows.sort((a, b) => b.amount - a.amount || a.name.localeCompare(b.name, 'fr'));
}

/** « SIRET 21310458100011 » or « SIREN 225800010 ». */
export const idLabel = (siret: string) => `${siret.length === 9 ? 'SIREN' : 'SIRET'} ${siret}`;

/** « L'attribuant « COMMUNE DE ROQUES » (SIRET …) n'est pas un partenaire du référentiel : 40 lignes, 132 733,50 € non comptées. » */
export function grantorSentence(g: GrantorRow): string {
  return `L'attribuant « ${g.name} »${g.siret ? ` (${idLabel(g.siret)})` : ''} n'est pas un partenaire du référentiel : ${plural(g.lines, 'ligne', 'lignes')}, ${formatEuros(g.amount)} non ${g.lines > 1 ? 'comptées' : 'comptée'}.`;
}

export const PARTNER_CODE = /^[A-Za-z0-9_-]+$/;
export const PARTNER_CODE_MAX = 20;

/**
 * Why a new partner code cannot be used (French), or undefined: letters without accents, digits,
 * « _ » and « - », at most 20 characters, and no partner of the référentiel (those already given
 * a code included) has it, whatever the case.
 */
export function partnerCodeError(code: string, partners: Partner[]): string | undefined {
  const c = code.trim();
  if (!c) return 'Saisissez un code : lettres, chiffres, « _ » et « - » (ex. COM_ROQUES).';
  if (!PARTNER_CODE.test(c)) return `« ${c} » ne peut pas être un code : lettres sans accent, chiffres, « _ » et « - » seulement, sans espace (ex. COM_ROQUES).`;
  if (c.length > PARTNER_CODE_MAX) return `« ${c} » est trop long : ${PARTNER_CODE_MAX} caractères au plus.`;
  const taken = partners.find((p) => p.code.toLowerCase() === c.toLowerCase());
  if (taken) return `« ${c} » est déjà le code du partenaire « ${taken.name} » : choisissez-le dans la liste des partenaires, ou saisissez un autre code.`;
  return undefined;
}

/** The grantors the user gave a code (a new partner or one of the référentiel). */
export const givenPartners = (saved: SavedPartner[] | undefined): (SavedPartner & { code: string })[] =>
  (saved ?? []).filter((p): p is SavedPartner & { code: string } => typeof p.code === 'string' && !!p.code.trim());

/** The « Bénéficiaires hors accord » findings, one per file, with their full list of beneficiaries. */
export interface OutsideList {
  file: string;
  count: number;
  amount: number;
  candidates: string[];
}

export const outsideLists = (findings: Finding[]): OutsideList[] =>
  findings
    .filter((f) => f.code === 'BENEFICIAIRES_HORS_ACCORD')
    .map((f) => ({ file: f.location?.file ?? '', count: f.count ?? 0, amount: f.amount ?? 0, candidates: f.candidates ?? [] }));

/**
 * What giving a grantor a code changed in its files: lines counted now, and lines now set aside for
 * another reason than the unknown grantor (beyond the agreement, most often). Ledgers before and
 * after, of the files where the grantor grants.
 */
export function codeOutcome(before: SheetReading[], after: SheetReading[], files: string[]): { counted: number; countedVoted: number; aside: { reason: string; lines: number; voted: number }[] } {
  const sums = (rs: SheetReading[]) => ledgerSums(rs.filter((r) => files.includes(r.file)));
  const b = sums(before);
  const a = sums(after);
  const countedVoted = (rs: SheetReading[]) => round2(rs.filter((r) => files.includes(r.file)).reduce((n, r) => n + (readingLedger(r)?.voted ?? 0), 0));
  const aside = a.setAside
    .filter((x) => x.reason !== ASIDE.unknownGrantor)
    .map((x) => {
      const was = b.setAside.find((y) => y.reason === x.reason);
      return { reason: x.reason, lines: x.lines - (was?.lines ?? 0), voted: round2(x.voted - (was?.voted ?? 0)) };
    })
    .filter((x) => x.lines > 0);
  return { counted: a.counted - b.counted, countedVoted: round2(countedVoted(after) - countedVoted(before)), aside };
}

/** The outcome in words: « 0 comptée, 40 mises de côté (bénéficiaire hors accord … : 40 lignes, 132 733,50 €) ». */
export function outcomeSentence(o: ReturnType<typeof codeOutcome>): string {
  const asideLines = o.aside.reduce((n, a) => n + a.lines, 0);
  const counted = `${plural(o.counted, 'ligne comptée', 'lignes comptées')}${o.counted ? ` (${formatEuros(o.countedVoted)})` : ''}`;
  if (!asideLines) return counted;
  return `${counted}, ${plural(asideLines, 'mise', 'mises')} de côté (${o.aside.map((a) => `${a.reason} : ${plural(a.lines, 'ligne', 'lignes')}, ${formatEuros(a.voted)}`).join(' ; ')})`;
}
