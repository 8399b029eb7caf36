import { CATALOGUE } from '../core/checks/messages';
import type { Finding, FindingCode, Severity } from '../core/model/finding';

export interface FindingFilter {
  severities: Severity[];
  code?: FindingCode;
  text?: string;
}

export interface FindingGroup {
  severity: Severity;
  code: FindingCode;
  title: string;
  findings: Finding[];
}

const ORDER: Severity[] = ['erreur', 'alerte', 'info'];

/** Findings by severity, then by code (catalogue title), after the user's filters. */
export function groupFindings(findings: Finding[], filter: FindingFilter): FindingGroup[] {
  const text = filter.text?.trim().toLowerCase();
  const kept = findings.filter(
    (f) => filter.severities.includes(f.severity) && (!filter.code || f.code === filter.code) && (!text || f.message.toLowerCase().includes(text)),
  );
  const groups = new Map<string, FindingGroup>();
  for (const f of kept) {
    const k = `${f.severity}|${f.code}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { severity: f.severity, code: f.code, title: CATALOGUE[f.code].title, findings: [] }));
    g.findings.push(f);
  }
  return [...groups.values()].sort((a, b) => ORDER.indexOf(a.severity) - ORDER.indexOf(b.severity) || a.title.localeCompare(b.title, 'fr'));
}

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { erreur: 0, alerte: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}
