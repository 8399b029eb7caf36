import { formatEuros, formatEurosShort } from '../core/checks/format-fr';
import type { Report } from '../core/report/build-report';
import { fitText } from '../core/sheets/excel-text';

/** The one-screen French summary printed after a build. */
export function summaryText(report: Report, output?: string): string {
  const lines: string[] = [];
  const ok = report.inputs.filter((i) => i.status === 'ok');
  const rejected = report.inputs.filter((i) => i.status === 'rejected');
  const sheets = ok.flatMap((i) => i.sheets);
  const byKind = (k: string) => sheets.filter((s) => s.kind === k).length;
  lines.push(`Pilotage AVS — ${report.reference}`);
  lines.push(
    `Fichiers lus : ${ok.length}${rejected.length ? `, rejetés : ${rejected.length}` : ''} — feuilles : ${byKind('fundings')} de financements, ${byKind('conventions')} de conventions, ${byKind('structures')} de structures, ${byKind('plan')} de plan, ${byKind('ignored')} ignorée(s)`,
  );
  for (const r of rejected) lines.push(`  ✗ ${r.error}`);
  const c = report.counts;
  lines.push(`Structures : ${c.structures} — conventions : ${c.conventions} — lignes de financement : ${c.fundingLines}${c.duplicates ? ` (+ ${c.duplicates} doublon(s) non compté(s))` : ''}`);
  lines.push(...ledgerLines(report));
  const years = [...new Set(report.totals.map((t) => t.year))].sort();
  const partners = [...new Set(report.totals.map((t) => t.partner))];
  if (years.length) {
    lines.push('Montants votés par partenaire :');
    for (const p of partners) {
      const parts = years.map((y) => {
        const t = report.totals.find((x) => x.partner === p && x.year === y);
        return `${y} ${t ? formatEuros(t.voted) : '—'}`;
      });
      lines.push(`  ${p.padEnd(6)} ${parts.join(' | ')}`);
    }
  }
  const s = report.counts_by_severity;
  lines.push(`Contrôles : ${s.erreur} erreur(s), ${s.alerte} alerte(s), ${s.info} information(s)`);
  const ax = report.flags.axesWithoutFunding;
  lines.push(`Axes sans action financée : ${ax.length ? ax.map((a) => `axe ${a.axis} en ${a.year}`).join(', ') : 'aucun'}`);
  lines.push(...missingConventionLines(report.flags.structuresMissingConvention));
  if (output) lines.push(`Classeur écrit : ${output}`);
  return lines.join('\n');
}

/** A name as one line of a terminal holds it: a pasted paragraph in a name cell is cut. */
export const SUMMARY_MAX_NAME = 80;

/** On one screen: at most this many structures × partner × reason, the rest counted (the Contrôles sheet lists all). */
export const SUMMARY_MAX_LINES = 20;

/**
 * One line per structure, partner and reason with its years (« CAF 2017, 2018 ») rather than one
 * per year; past SUMMARY_MAX_LINES, a count: a national build has thousands.
 */
function missingConventionLines(mc: Report['flags']['structuresMissingConvention']): string[] {
  if (!mc.length) return ['Structures sans convention : aucune'];
  const groups = new Map<string, { label: string; years: number[] }>();
  for (const m of mc) {
    const why = m.reason === 'seuil_23000' ? `plus de ${formatEurosShort(m.threshold)}` : 'dispositif conventionné';
    const key = `${m.structure}|${m.partner}|${why}`;
    const g = groups.get(key) ?? { label: `${fitText(m.name ?? m.structure, SUMMARY_MAX_NAME)} — ${m.partner} ¤ (${why})`, years: [] };
    if (!g.years.includes(m.year)) g.years.push(m.year);
    groups.set(key, g);
  }
  const structures = new Set(mc.map((m) => m.structure)).size;
  const all = [...groups.values()].map((g) => `  - ${g.label.replace('¤', g.years.sort((a, b) => a - b).join(', '))}`);
  const shown = all.slice(0, SUMMARY_MAX_LINES);
  const rest = all.length - shown.length;
  return [
    `Structures sans convention : ${structures}${rest ? ' (liste complète dans la feuille Contrôles)' : ''}`,
    ...shown,
    ...(rest ? [`  … et ${rest.toLocaleString('fr-FR')} autre(s) cas`] : []),
  ];
}

const FAMILY: Record<string, string> = { scdl: 'SCDL subventions', etalab2016: 'format Etalab 2016', libelles: "libellés de l'arrêté" };

/**
 * What the ledgers say beyond the counted lines: the open-data files read (which schema, from whom),
 * the lines set aside by reason with their amounts, the grantors to give a code, the money found in
 * no line. Nothing is left unsaid: a total shown without the money set aside would mislead.
 */
function ledgerLines(report: Report): string[] {
  const out: string[] = [];
  const sheets = report.inputs.flatMap((i) => i.sheets.map((s) => ({ file: i.file, ...s })));
  for (const s of sheets.filter((x) => x.openData && x.ledger)) {
    const l = s.ledger!;
    const aside = l.setAside.reduce((n, a) => n + a.lines, 0);
    out.push(`Données ouvertes : ${fitText(s.file, SUMMARY_MAX_NAME)} (${FAMILY[s.openData!] ?? s.openData}) : ${l.lines + aside} ligne(s), ${l.lines} comptée(s), ${aside} mise(s) de côté`);
  }
  const byReason = new Map<string, { lines: number; voted: number }>();
  for (const s of sheets)
    for (const a of s.ledger?.setAside ?? []) {
      const e = byReason.get(a.reason) ?? { lines: 0, voted: 0 };
      e.lines += a.lines;
      e.voted = Math.round((e.voted + a.voted) * 100) / 100;
      byReason.set(a.reason, e);
    }
  if (byReason.size) {
    out.push('Lignes mises de côté (non comptées dans les totaux) :');
    for (const [reason, e] of byReason) out.push(`  - ${reason} : ${e.lines} ligne(s), ${formatEuros(e.voted)}`);
  }
  const grantors = report.findings.filter((f) => f.code === 'ATTRIBUANT_INCONNU');
  if (grantors.length) {
    out.push('Attribuants hors référentiel (pour compter leurs lignes : --mapping correspondances.json, puis leur code dans « partners ») :');
    for (const g of grantors.slice(0, SUMMARY_MAX_LINES))
      out.push(`  - ${fitText(String(g.value ?? ''), SUMMARY_MAX_NAME)}${g.siret ? ` (${g.siret})` : ''} : ${Number(g.count ?? 0)} ligne(s), ${formatEuros(Number(g.amount ?? 0))}`);
    if (grantors.length > SUMMARY_MAX_LINES) out.push(`  … et ${grantors.length - SUMMARY_MAX_LINES} autre(s)`);
  }
  const lost = sheets.flatMap((s) => (s.ledger?.unexplained ?? []).map((u) => ({ ...u, where: `${s.file} › ${s.name}` })));
  if (lost.length) {
    out.push('Montants lus dans aucune ligne (colonnes non utilisées) :');
    for (const u of lost.slice(0, SUMMARY_MAX_LINES)) out.push(`  - ${fitText(u.where, SUMMARY_MAX_NAME)} ${u.range} (${u.reason}) : ${formatEuros(u.amount)}`);
  }
  return out;
}
