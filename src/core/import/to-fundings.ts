import { makeFinding } from '../checks/messages';
import type { FundingLine, FundingStatus, Provenance, Reference } from '../model/domain';
import type { Finding } from '../model/finding';
import { cellText } from '../parse/cell-text';
import { normaliseText } from '../parse/normalise-text';
import { parseAmount } from '../parse/parse-amount';
import { parseDate } from '../parse/parse-date';
import { parseDateBound, parsePeriod } from '../parse/parse-period';
import { splitConventionCell } from '../parse/parse-convention-cell';
import { parseSiret } from '../parse/parse-siret';
import { parseYear } from '../parse/parse-year';
import { siretKeyFindings } from '../checks/check-siret-key';
import type { PlanIndex } from '../reference/plan-index';
import type { StructureMatcher } from '../link/match-structures';
import { detectPartner } from './detect-partner';
import type { Field } from './fields';
import type { CodedValues } from './map-values';
import type { SheetReading } from './read-sheet';
import { ASIDE, countLine, newLedger, setAside } from './ledger';
import type { OpenDataAside } from './open-data-aside';
import { grantorPartner, readIdentifier } from '../link/match-grantor';

export interface LinkContext {
  ref: Reference;
  values: CodedValues;
  matcher: StructureMatcher;
  plan: PlanIndex;
  findings: Finding[];
  nextId: () => number;
  /** Open-data exports: what lies beyond the agreement, said once per grantor or file. */
  openData: OpenDataAside;
}

const FIELD_LABEL: Partial<Record<Field, string>> = {
  voted: 'Montant voté',
  paid: 'Montant versé',
  requested: 'Montant demandé',
  year: 'Exercice',
  decisionDate: 'Date de décision',
  structureName: 'Structure',
};

const NO_CONVENTION =
  /^(|0|non|n|sans|aucune?|neant|nc|na|n a|ns|x|en cours.*|a signer|a venir|en attente.*|a faire|pas de convention|sans convention|non signee?|a renouveler|en preparation|projet)$/;

function statusOf(text: string, line: Pick<FundingLine, 'paid' | 'voted' | 'conventionRef'>): FundingStatus {
  const n = normaliseText(text);
  if (/verse|paye|solde|mandate/.test(n)) return 'versé';
  if (/convention/.test(n)) return 'conventionné';
  if (/vote|accorde|attribue|notifie/.test(n)) return 'voté';
  if (/demande|instruction|sollicite/.test(n)) return 'demandé';
  if ((line.paid ?? 0) > 0) return 'versé';
  if (line.conventionRef) return 'conventionné';
  if (line.voted !== undefined) return 'voté';
  return 'demandé';
}

/** Funding lines of one sheet, each linked to a structure, a dispositif and a plan node. */
const cand = (list: { structure: { name: string; code: string; commune?: string }; score: number }[]) =>
  list.map(
    (c) =>
      `${c.structure.name}${c.structure.commune ? ` (${c.structure.commune})` : ''} [${c.structure.code}]`,
  );

export function toFundings(reading: SheetReading, ctx: LinkContext): FundingLine[] {
  const out: FundingLine[] = [];
  const { ref, findings } = ctx;
  const ledger = (reading.ledger ??= newLedger());
  for (const r of reading.records) {
    const amountOf = (f: 'voted' | 'paid') => {
      const p = r.cells[f] ? parseAmount(r.cells[f]!.value) : undefined;
      return p?.ok ? p.value : undefined;
    };
    const aside = (reason: string) => setAside(ledger, reason, amountOf('voted'), amountOf('paid'));
    const loc = (f?: Field): Provenance => ({
      file: reading.file,
      sheet: reading.sheet,
      row: r.row,
      ...(f && r.cells[f] ? { col: r.cells[f]!.col } : {}),
    });
    const text = (f: Field) => cellText(r.cells[f]?.value ?? null);
    // a code column alone ("Code structure": CS07-ANNO-01) identifies the structure too
    const structureCode = text('structureCode');
    const structureName = text('structureName') || structureCode;
    const siretP = parseSiret(r.cells.siret?.value ?? null);
    let siret = siretP.ok ? siretP.value : undefined;
    const commune = text('commune') || undefined;
    const partnerText = text('partner');
    let partner: string | undefined;
    if (reading.openData) {
      // each line's grantor is its partner; a damaged identifier is said once per file, never used as valid
      const beneficiaryId = readIdentifier(r.cells.siret?.value ?? null);
      if (beneficiaryId.damaged) ctx.openData.damagedId(loc('siret'), beneficiaryId.raw);
      siret = beneficiaryId.damaged ? undefined : beneficiaryId.siret;
      const grantorId = readIdentifier(r.cells.grantorId?.value ?? null);
      if (grantorId.damaged) ctx.openData.damagedId(loc('grantorId'), grantorId.raw);
      const grantor = grantorPartner(text('grantor'), grantorId, ref.partners);
      if (!grantor) {
        ctx.openData.unknownGrantor(loc(r.cells.grantor ? 'grantor' : 'grantorId'), text('grantor'), grantorId, amountOf('voted'));
        aside(ASIDE.unknownGrantor);
        continue;
      }
      partner = grantor.code;
    } else {
      findings.push(...siretKeyFindings(siretP, { structureName }, loc(), r.cells.siret?.col));
      partner = partnerText ? detectPartner(partnerText, ref.partners) : reading.partner;
    }
    const base = { structureName: structureName || siret, siret, commune };
    if (!partner) {
      aside(ASIDE.unknownPartner);
      findings.push(
        makeFinding(
          'PARTENAIRE_INCONNU',
          { ...base, value: partnerText },
          loc(partnerText ? 'partner' : undefined),
        ),
      );
      continue;
    }
    const dispText = [text('dispositif'), text('politique')].filter(Boolean);
    let resolvedCache: ReturnType<typeof ctx.values.dispositif> | undefined;
    // no dispositif written on the line: a sheet named after it ("AJIR 2019"), else its title, else the
    // line's object when it is only the dispositif's name (« AJIR » written under « Objet »), says it
    const resolveDispositif = () =>
      (resolvedCache ??= ctx.values.dispositif(
        // an open-data line's object is free prose (« Fonctionnement », « Animation ») naming no dispositif
        dispText.length ? dispText : reading.openData ? [] : [reading.sheet, reading.title ?? '', text('object')],
        partner!,
        reading,
      ));
    // an open-data export lists every association its grantor funds: a beneficiary that is no known
    // structure, funded through no AVS dispositif, is beyond the agreement — set aside, said once per file
    if (reading.openData && !resolveDispositif().dispositif) {
      const known =
        (structureName || siret) &&
        ctx.matcher.match({ name: structureName, siret, commune, code: structureCode || undefined }).kind === 'matched';
      if (!known) {
        ctx.openData.outsideAgreement(loc(), structureName, siret, amountOf('voted'));
        aside(ASIDE.outsideAgreement);
        continue;
      }
    }
    // year: the line's own cell first, then the sheet's name or title (an open-data line: its date first)
    let year: number | undefined;
    if (reading.openData) {
      // a payment period of exactly one calendar year is the grant's year (« 2019-01-01/2019-12-31 »);
      // else the convention's date: a grant is voted in its budget year
      const period = r.cells.period ? parsePeriod(r.cells.period.value) : undefined;
      const p = period?.ok ? period.value : undefined;
      if (p && p.start.endsWith('-01-01') && p.end.endsWith('-12-31') && p.start.slice(0, 4) === p.end.slice(0, 4)) year = Number(p.start.slice(0, 4));
      else if (r.cells.decisionDate) {
        const dd = parseDateBound(r.cells.decisionDate.value, 'start');
        if (dd.ok) year = Number(dd.value.slice(0, 4));
      }
    }
    const yc = r.cells.year;
    if (year !== undefined) {
      // settled by the open-data line's date
    } else if (yc && yc.value !== null && cellText(yc.value) !== '') {
      const y = parseYear(yc.value);
      if (!y.ok) {
        findings.push(
          makeFinding(
            'MONTANT_ILLISIBLE',
            { ...base, partner, field: 'Exercice', value: y.raw },
            loc('year'),
          ),
        );
        aside(ASIDE.noYear);
        continue;
      }
      year = y.value;
    } else year = reading.year;
    // nothing says the year: the decision's date does (a grant is voted in its budget year)
    if (year === undefined && r.cells.decisionDate) {
      const dd = parseDateBound(r.cells.decisionDate.value, 'start');
      if (dd.ok) year = Number(dd.value.slice(0, 4));
    }
    if (year === undefined) {
      findings.push(makeFinding('CHAMP_OBLIGATOIRE', { ...base, partner, field: 'Exercice' }, loc('year')));
      aside(ASIDE.noYear);
      continue;
    }
    const resolved = resolveDispositif();
    const disp = resolved.dispositif;
    if (!structureName && !siret) {
      findings.push(
        makeFinding(
          'CHAMP_OBLIGATOIRE',
          { ...base, partner, year, dispositif: disp?.code, field: 'Structure' },
          loc('structureName'),
        ),
      );
      aside(ASIDE.noStructure);
      continue;
    }
    // linked first, so that every finding about the line names its structure
    const match = ctx.matcher.match({
      name: structureName,
      siret,
      commune,
      code: structureCode || undefined,
    });
    const structure = match.kind === 'matched' ? match.structure.code : undefined;
    const data = {
      ...base,
      partner,
      year,
      dispositif: disp?.code,
      structure,
      siret: siret ?? (match.kind === 'matched' ? match.structure.siret : undefined),
    };
    const amounts: Partial<Record<'voted' | 'paid' | 'requested', number>> = {};
    let unreadable = false;
    for (const f of ['voted', 'paid', 'requested'] as const) {
      const c = r.cells[f];
      if (!c) continue;
      const p = parseAmount(c.value);
      if (p.ok) amounts[f] = p.value;
      else if (!p.empty) {
        const detail = f === 'paid' ? "le montant versé n'est pas compté" : undefined;
        findings.push(
          makeFinding('MONTANT_ILLISIBLE', { ...data, field: FIELD_LABEL[f], value: p.raw, detail }, loc(f)),
        );
        if (f !== 'paid') unreadable = true;
      }
    }
    // An unreadable decided amount never counts, not even as zero.
    if (unreadable) {
      aside(ASIDE.unreadableAmount);
      continue;
    }
    if (amounts.voted === undefined && amounts.requested === undefined && amounts.paid === undefined) {
      findings.push(
        makeFinding(
          'CHAMP_OBLIGATOIRE',
          { ...data, field: 'Montant voté' },
          loc(r.cells.voted ? 'voted' : undefined),
        ),
      );
      aside(ASIDE.noAmount);
      continue;
    }
    // an unknown value is asked once per partner and value, with its count of lines: not one error per line
    if (dispText.length && !disp && !resolved.declined && ref.dispositifs.some((d) => d.partner === partner))
      ctx.values.noteUnknown(
        'dispositif',
        partner,
        dispText[0],
        amounts.voted,
        loc(r.cells.dispositif ? 'dispositif' : 'politique'),
        { structureName: structureName || siret, year },
      );
    // plan node: written on the line, else the dispositif's default
    let plan: string | undefined;
    const planText = text('plan');
    const written = ctx.values.planNode(planText, partner, reading);
    if (written === null)
      ctx.values.noteUnknown('plan', partner, planText, amounts.voted, loc('plan'), {
        structureName: structureName || siret,
        year,
      });
    if (written) plan = written.code;
    else if (disp?.defaultPlan) plan = disp.defaultPlan;
    if (match.kind === 'ambiguous')
      findings.push(
        makeFinding(
          'STRUCTURE_AMBIGUE',
          { ...data, voted: amounts.voted, candidates: cand(match.candidates) },
          loc('structureName'),
        ),
      );
    else if (match.kind === 'unknown')
      findings.push(
        makeFinding(
          'STRUCTURE_INCONNUE',
          { ...data, voted: amounts.voted, candidates: cand(match.candidates) },
          loc('structureName'),
        ),
      );
    const decision = r.cells.decisionDate ? parseDate(r.cells.decisionDate.value) : undefined;
    // « 2019 » or « mars 2019 » is no day, but not wrong either: the line just has no decision date
    if (decision && !decision.ok && !decision.empty && !parseDateBound(r.cells.decisionDate!.value, 'start').ok)
      findings.push(
        makeFinding(
          'MONTANT_ILLISIBLE',
          { ...data, field: 'Date de décision', value: decision.raw, detail: 'la ligne est comptée, sans date de décision' },
          loc('decisionDate'),
        ),
      );
    // "en cours", "non", "à signer" in a convention column say there is none (yet)
    // "N° et date" in one cell, under either header, gives both
    const refCell = splitConventionCell(text('conventionRef'));
    let conventionRef = NO_CONVENTION.test(normaliseText(text('conventionRef')))
      ? undefined
      : (refCell ? refCell.ref : text('conventionRef')) || undefined;
    let signedOn = r.cells.signedOn ? parseDate(r.cells.signedOn.value) : undefined;
    if (signedOn && !signedOn.ok && !signedOn.empty) {
      const both = splitConventionCell(signedOn.raw);
      if (both) {
        signedOn = { ok: true, value: both.signedOn! };
        conventionRef ??= both.ref;
      } else
        findings.push(
          makeFinding(
            'MONTANT_ILLISIBLE',
            { ...data, field: 'Date de convention', value: signedOn.raw, detail: 'la ligne est comptée, sans date de convention' },
            loc('signedOn'),
          ),
        );
    }
    if (!signedOn?.ok && refCell?.signedOn) signedOn = { ok: true, value: refCell.signedOn };
    const line: FundingLine = {
      id: ctx.nextId(),
      partner,
      structure,
      structureName: structureName || siret || '',
      siret,
      commune,
      year,
      dispositif: disp?.code,
      dispositifLabel: dispText[0],
      plan,
      axis: plan ? ctx.plan.axisOf(plan) : undefined,
      object: text('object') || undefined,
      requested: amounts.requested,
      voted: amounts.voted,
      paid: amounts.paid,
      status: 'voté',
      decisionDate: decision?.ok ? decision.value : undefined,
      conventionRef,
      conventionSignedOn: signedOn?.ok ? signedOn.value : undefined,
      source: loc(),
      cols: {
        structureName: (r.cells.structureName ?? r.cells.structureCode)?.col,
        object: r.cells.object?.col,
        dispositifLabel: (text('dispositif') ? r.cells.dispositif : r.cells.politique)?.col,
        conventionRef: r.cells.conventionRef?.col,
      },
    };
    line.status = statusOf(text('status'), line);
    countLine(ledger, line.voted, line.paid);
    out.push(line);
  }
  return out;
}
