import { formatLocation } from '../core/checks/format-fr';
import { CATALOGUE } from '../core/checks/messages';
import { normaliseText } from '../core/parse/normalise-text';
import type { Finding, FindingCode, Severity } from '../core/model/finding';
import type { Provenance } from '../core/model/domain';
import { groupByCause, type FindingCause } from '../core/report/group-findings';

/**
 * Where a finding is, always as a cell (« fichier › feuille › B10 »): a finding about a whole line
 * names the line's first cell, the one the pane selects in Excel, never « › ligne 9 » beside « › B10 ».
 */
export function cellWhere(l: Provenance): string {
  return formatLocation(l.row > 0 && !l.col ? { ...l, col: 'A' } : l);
}

export interface FindingFilter {
  severities: Severity[];
  code?: FindingCode;
  text?: string;
  /** Partner names by code, so that « Caisse d'allocations familiales » finds the CAF's findings. */
  partnerNames?: Map<string, string>;
}

/**
 * Everything a search looks in, folded like headers are (no accents, no case): the message, the
 * structure, the partner, the file, the sheet and the row or cell.
 */
export function searchText(f: Finding, partnerNames?: Map<string, string>): string {
  const l = f.location;
  const parts = [
    f.message,
    f.structureName,
    f.structure,
    f.siret,
    f.partner,
    f.partner ? partnerNames?.get(f.partner) : undefined,
    f.year !== undefined ? String(f.year) : undefined,
    l && formatLocation(l),
    l && cellWhere(l),
    l && l.row > 0 ? `ligne ${l.row}` : undefined,
    l?.col && l.row > 0 ? `cellule ${l.col}${l.row}` : undefined,
  ];
  return normaliseText(parts.filter(Boolean).join(' | '));
}

export interface FindingGroup {
  severity: Severity;
  code: FindingCode;
  title: string;
  findings: Finding[];
  /** The same findings by cause (core grouping): one row each in the pane, opening on its lines. */
  causes: FindingCause[];
}

const ORDER: Severity[] = ['erreur', 'alerte', 'info'];

/** Findings by severity, then by code (catalogue title), then by cause, after the user's filters. */
export function groupFindings(findings: Finding[], filter: FindingFilter): FindingGroup[] {
  const text = filter.text ? normaliseText(filter.text) : '';
  const kept = findings.filter(
    (f) => filter.severities.includes(f.severity) && (!filter.code || f.code === filter.code) && (!text || searchText(f, filter.partnerNames).includes(text)),
  );
  const groups = new Map<string, FindingGroup>();
  for (const f of kept) {
    const k = `${f.severity}|${f.code}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { severity: f.severity, code: f.code, title: CATALOGUE[f.code].title, findings: [], causes: [] }));
    g.findings.push(f);
  }
  for (const g of groups.values()) g.causes = groupByCause(g.findings);
  return [...groups.values()].sort((a, b) => ORDER.indexOf(a.severity) - ORDER.indexOf(b.severity) || a.title.localeCompare(b.title, 'fr'));
}

/** The codes the code filter offers: those of the severities shown, by catalogue title. */
export function codesOf(findings: Finding[], severities: Severity[]): { code: FindingCode; title: string }[] {
  const codes = new Set(findings.filter((f) => severities.includes(f.severity)).map((f) => f.code));
  return [...codes].map((code) => ({ code, title: CATALOGUE[code].title })).sort((a, b) => a.title.localeCompare(b.title, 'fr'));
}

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { erreur: 0, alerte: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}
