import type { Convention, Dataset, FundingLine, Reference } from '../model/domain';
import type { Finding } from '../model/finding';
import { makeFinding } from '../checks/messages';
import { coversYear } from '../checks/year-coverage';
import type { Provenance } from '../model/domain';
import { isFormulaLike, toCsvText } from './csv-safe';

/** Columns of the SCDL "subventions" schema (OpenDataFrance, version 2.1), in the standard's order. */
export const SCDL_FIELDS = [
  'nomAttribuant',
  'idAttribuant',
  'dateConvention',
  'referenceDecision',
  'nomBeneficiaire',
  'idBeneficiaire',
  'rnaBeneficiaire',
  'objet',
  'montant',
  'nature',
  'conditionsVersement',
  'datesPeriodeVersement',
  'idRAE',
  'notificationUE',
  'pourcentageSubvention',
  'dispositifAide',
] as const;

export type ScdlField = (typeof SCDL_FIELDS)[number];
export type ScdlRow = Record<ScdlField, string>;

export interface ScdlFile {
  partner: string;
  fileName: string;
  rows: ScdlRow[];
  /** CSV as the standard asks: comma separated, UTF-8 (encode without BOM), CRLF line ends. */
  csv: string;
}

const SIRET = /^\d{14}$/;

/** The CSV text; a formula-like text field is neutralised (csv-safe.ts: quote prefix, OWASP). */
export function toCsv(rows: ScdlRow[]): string {
  return toCsvText([[...SCDL_FIELDS], ...rows.map((r) => SCDL_FIELDS.map((f) => r[f]))]);
}

/** French name of a published text field, for the finding. */
const FIELD_NAME: Partial<Record<ScdlField, string>> = {
  nomAttribuant: 'nom du partenaire (nomAttribuant)',
  referenceDecision: 'référence de la décision (referenceDecision)',
  nomBeneficiaire: 'nom de la structure (nomBeneficiaire)',
  objet: 'objet (objet)',
  dispositifAide: 'dispositif (dispositifAide)',
};

/** The convention behind a line: by its reference, else one of that partner covering the year. */
function conventionOf(l: FundingLine, convs: Convention[]): Convention | undefined {
  const mine = convs.filter((c) => c.partner === l.partner && l.structure && c.structure === l.structure);
  return (
    (l.conventionRef && mine.find((c) => c.ref === l.conventionRef)) ||
    mine.find((c) => coversYear(c.start, c.end, l.year))
  );
}

/**
 * The funding lines as SCDL "subventions" open data, one file per partner (the attribuant):
 * voted amounts above zero, each line once. A line whose beneficiary has no 14-digit SIRET cannot
 * be published (idBeneficiaire) and is reported, as is a partner without SIRET (idAttribuant).
 * dateConvention: the convention's signature date, else its start, else the decision date.
 * conditionsVersement: "échelonné" when part of the amount is paid, "unique" otherwise.
 */
export function exportScdl(
  ds: Dataset,
  ref: Reference,
  opts: { years?: number[] } = {},
): { files: ScdlFile[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const structures = new Map(ds.structures.map((s) => [s.code, s]));
  const files: ScdlFile[] = [];
  for (const p of ref.partners) {
    const lines = ds.fundings.filter(
      (l) =>
        l.partner === p.code &&
        !l.duplicateOf &&
        (l.voted ?? 0) > 0 &&
        (!opts.years?.length || opts.years.includes(l.year)),
    );
    if (lines.length === 0) continue;
    const idAttribuant = p.siret && SIRET.test(p.siret) ? p.siret : '';
    if (!idAttribuant) findings.push(makeFinding('SCDL_ATTRIBUANT_SANS_SIRET', { partner: p.code }));
    const rows: ScdlRow[] = [];
    for (const l of lines) {
      const s = l.structure ? structures.get(l.structure) : undefined;
      const siret = l.siret ?? s?.siret;
      const who = {
        partner: l.partner,
        structure: l.structure,
        structureName: l.structureName,
        year: l.year,
        voted: l.voted,
      };
      if (!siret || !SIRET.test(siret)) {
        findings.push(makeFinding('SCDL_SANS_SIRET', who, l.source));
        continue;
      }
      const conv = conventionOf(l, ds.conventions);
      const date = l.conventionSignedOn ?? conv?.signedOn ?? conv?.start ?? l.decisionDate;
      if (!date) {
        findings.push(makeFinding('SCDL_SANS_DATE', who, l.source));
        continue;
      }
      const paid = l.paid ?? 0;
      const row: ScdlRow = {
        nomAttribuant: p.name,
        idAttribuant,
        dateConvention: date,
        referenceDecision: l.conventionRef ?? conv?.ref ?? '',
        nomBeneficiaire: s?.name ?? l.structureName,
        idBeneficiaire: siret,
        rnaBeneficiaire: '',
        objet: l.object ?? l.dispositifLabel ?? l.dispositif ?? 'Animation de la vie sociale',
        montant: (l.voted ?? 0).toFixed(2),
        nature: 'aide en numéraire',
        conditionsVersement: paid > 0 && paid < (l.voted ?? 0) ? 'échelonné' : 'unique',
        datesPeriodeVersement: `${l.year}-01-01_${l.year}-12-31`,
        idRAE: '',
        notificationUE: 'non',
        pourcentageSubvention: '1',
        dispositifAide: l.dispositifLabel ?? l.dispositif ?? '',
      };
      // the cell each text came from, so that a formula-like text can be fixed at the source
      const at = (col: string | undefined): Provenance => ({ ...l.source, ...(col ? { col } : {}) });
      const cellOf: Partial<Record<ScdlField, Provenance | undefined>> = {
        nomAttribuant: undefined, // the Référentiel's partner name
        referenceDecision: l.conventionRef ? at(l.cols?.conventionRef) : conv?.source,
        nomBeneficiaire: s?.name ? s.source : at(l.cols?.structureName),
        objet: l.object ? at(l.cols?.object) : at(l.cols?.dispositifLabel),
        dispositifAide: at(l.cols?.dispositifLabel),
      };
      for (const f of SCDL_FIELDS)
        if (isFormulaLike(row[f]))
          findings.push(makeFinding('SCDL_TEXTE_FORMULE', { ...who, field: FIELD_NAME[f] ?? f, value: row[f] }, cellOf[f]));
      rows.push(row);
    }
    files.push({ partner: p.code, fileName: `scdl-subventions-${p.code}.csv`, rows, csv: toCsv(rows) });
  }
  return { files, findings };
}
