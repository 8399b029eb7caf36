import { makeFinding } from '../checks/messages';
import type { Convention, FundingLine } from '../model/domain';
import { cellText } from '../parse/cell-text';
import { parseAmount } from '../parse/parse-amount';
import { parseDate } from '../parse/parse-date';
import { splitConventionCell } from '../parse/parse-convention-cell';
import { parseDateBound, parsePeriod } from '../parse/parse-period';
import { parseYear } from '../parse/parse-year';
import { normaliseText } from '../parse/normalise-text';
import { parseSiret } from '../parse/parse-siret';
import { siretKeyFindings } from '../checks/check-siret-key';
import { matchConventionType } from '../reference/match-dispositif';
import { detectPartner } from './detect-partner';
import type { SheetReading } from './read-sheet';
import type { LinkContext } from './to-fundings';

/** Conventions from a conventions list. */
export function toConventions(reading: SheetReading, ctx: LinkContext): Convention[] {
  const out: Convention[] = [];
  const { ref, findings } = ctx;
  for (const r of reading.records) {
    const text = (f: keyof typeof r.cells) => cellText(r.cells[f]?.value ?? null);
    const code = text('structureCode');
    const name = text('structureName') || code;
    const siretP = parseSiret(r.cells.siret?.value ?? null);
    const siret = siretP.ok ? siretP.value : undefined;
    const source = { file: reading.file, sheet: reading.sheet, row: r.row };
    findings.push(...siretKeyFindings(siretP, { structureName: name }, source, r.cells.siret?.col));
    const partner = (text('partner') && detectPartner(text('partner'), ref.partners)) || reading.partner;
    if (!partner) {
      findings.push(makeFinding('PARTENAIRE_INCONNU', { structureName: name, value: text('partner') }, source));
      continue;
    }
    if (!name && !siret) {
      findings.push(makeFinding('CHAMP_OBLIGATOIRE', { partner, field: 'Structure' }, { ...source, col: r.cells.structureName?.col }));
      continue;
    }
    // "N° et date" in one cell gives both
    const refCell = splitConventionCell(text('conventionRef'));
    let refBoth = refCell?.ref;
    const dates: Record<'start' | 'end' | 'signedOn', string | undefined> = { start: undefined, end: undefined, signedOn: undefined };
    for (const f of ['start', 'end', 'signedOn'] as const) {
      const c = r.cells[f];
      if (!c) continue;
      // « Du 2019 au 2022 »: a year alone is its first or last day; a signature is a day
      const p = f === 'signedOn' ? parseDate(c.value) : parseDateBound(c.value, f);
      if (p.ok) dates[f] = p.value;
      else if (f === 'signedOn' && !p.empty && splitConventionCell(p.raw)) {
        const both = splitConventionCell(p.raw)!;
        dates.signedOn = both.signedOn;
        refBoth ??= both.ref;
      } else if (!p.empty)
        findings.push(
          makeFinding('MONTANT_ILLISIBLE', { partner, structureName: name, field: f === 'start' ? 'Date de début' : f === 'end' ? 'Date de fin' : 'Date de signature', value: p.raw, detail: 'la convention est gardée sans cette date' }, { ...source, col: c.col }),
        );
    }
    dates.signedOn ??= refCell?.signedOn;
    // "Période : 2018-2020" in one cell, when there is no start or end column
    const period = r.cells.period ? parsePeriod(r.cells.period.value) : undefined;
    if (period?.ok) {
      dates.start ??= period.value.start;
      dates.end ??= period.value.end;
    } else if (period && !period.empty)
      findings.push(makeFinding('MONTANT_ILLISIBLE', { partner, structureName: name, field: 'Période', value: period.raw, detail: 'la convention est gardée sans cette période' }, { ...source, col: r.cells.period!.col }));
    // no period written: the year of the row, of the signature, or of the sheet is the period
    if (!dates.start && !dates.end) {
      const y = parseYear(r.cells.year?.value ?? null);
      const year = y.ok ? y.value : dates.signedOn ? Number(dates.signedOn.slice(0, 4)) : reading.year;
      if (year !== undefined) [dates.start, dates.end] = [`${year}-01-01`, `${year}-12-31`];
    }
    const amount = r.cells.annualAmount ? parseAmount(r.cells.annualAmount.value) : undefined;
    if (amount && !amount.ok && !amount.empty)
      findings.push(makeFinding('MONTANT_ILLISIBLE', { partner, structureName: name, field: 'Montant annuel', value: amount.raw, detail: 'la convention est gardée sans montant annuel' }, { ...source, col: r.cells.annualAmount!.col }));
    const match = ctx.matcher.match({ name, siret, commune: text('commune') || undefined, code: code || undefined });
    out.push({
      partner,
      structure: match.kind === 'matched' ? match.structure.code : undefined,
      structureName: name || siret || '',
      siret,
      type: ctx.values.conventionType(text('conventionType'), [reading.sheet, reading.file], partner, reading, { ...source, col: r.cells.conventionType?.col }) ?? 'CONVENTION',
      ref: (refCell ? refBoth : text('conventionRef')) || refBoth || undefined,
      signedOn: dates.signedOn,
      start: dates.start,
      end: dates.end,
      annualAmount: amount?.ok ? amount.value : undefined,
      source,
    });
  }
  return out;
}

/**
 * A convention reference as compared, not as shown: case, accents, spaces and punctuation
 * (« CPO-2017-003 », « cpo 2017/003 »), a leading « Convention », « N° », « Réf. », and the
 * leading zeros of a reference that is only a number (« 00123 » read as a number by a
 * spreadsheet). Zeros inside a reference are kept: « CPO-2017-03 » is not « CPO-2017-003 ».
 */
export function conventionRefKey(ref: string): string {
  const n = normaliseText(ref)
    .replace(/^(convention|conv)( |$)/, '')
    .replace(/^(n|no|num|numero|ref|reference)( |$)/, '');
  return /^\d+$/.test(n) ? n.replace(/^0+(?=\d)/, '') : n;
}

/**
 * The period a reference writes (« CPO 2017-2019 », « Convention 2018/2020 »): its first and last
 * years, when the second follows the first by at most six years.
 */
export function periodInRef(ref: string): { start: number; end: number } | undefined {
  const m = /(?<!\d)(20\d\d)\s*(?:-|\/|à|a|au)\s*(20\d\d)(?!\d)/.exec(ref);
  if (!m) return undefined;
  const [start, end] = [Number(m[1]), Number(m[2])];
  return end > start && end - start <= 6 ? { start, end } : undefined;
}

/**
 * Conventions written on funding lines (a "Convention n°" column): one per partner and reference,
 * covering the years of the lines that cite it. A reference already in a conventions list
 * (`known`, compared by `conventionRefKey`) is that convention: none is made again from the lines,
 * and its period stays the list's (a line citing it after its end does not stretch it). A period
 * written in the reference bounds it the same way.
 */
export function conventionsFromFundings(lines: FundingLine[], ctx: LinkContext, known: Convention[] = []): Convention[] {
  const listed = new Set(known.filter((c) => c.ref).map((c) => `${c.partner}|${conventionRefKey(c.ref!)}`));
  const byRef = new Map<string, { first: FundingLine; minYear: number; maxYear: number; signedOn?: string }>();
  for (const l of lines) {
    if (!l.conventionRef || l.duplicateOf) continue;
    const key = `${l.partner}|${conventionRefKey(l.conventionRef)}`;
    if (listed.has(key) || !conventionRefKey(l.conventionRef)) continue;
    const e = byRef.get(key);
    if (!e) byRef.set(key, { first: l, minYear: l.year, maxYear: l.year, signedOn: l.conventionSignedOn });
    else {
      e.minYear = Math.min(e.minYear, l.year);
      e.maxYear = Math.max(e.maxYear, l.year);
      e.signedOn ??= l.conventionSignedOn;
    }
  }
  return [...byRef.values()].map(({ first, minYear, maxYear, signedOn }) => {
    const written = periodInRef(first.conventionRef ?? '');
    return {
      partner: first.partner,
      structure: first.structure,
      structureName: first.structureName,
      siret: first.siret,
      type: matchConventionType([first.conventionRef ?? '', first.source.sheet], first.partner, ctx.ref) ?? 'CONVENTION',
      ref: first.conventionRef,
      signedOn,
      start: `${written?.start ?? minYear}-01-01`,
      end: `${written?.end ?? maxYear}-12-31`,
      source: first.source,
    };
  });
}
