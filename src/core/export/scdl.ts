import type { Convention, Dataset, FundingLine, Reference } from '../model/domain';
import type { Finding } from '../model/finding';
import { makeFinding } from '../checks/messages';
import { coversYear } from '../checks/year-coverage';
import type { Provenance } from '../model/domain';
import { isFormulaLike, toCsvText } from './csv-safe';
import {
  SCDL_FIELDS,
  SCDL_RULES,
  validateScdlCsv,
  type ScdlField,
  type ScdlRow,
  type ScdlViolation,
} from './scdl-schema';
import { siretKeyOk } from '../parse/parse-siret';
import { fitText } from '../sheets/excel-text';

export { SCDL_FIELDS } from './scdl-schema';
export type { ScdlField, ScdlRow } from './scdl-schema';

export interface ScdlFile {
  partner: string;
  fileName: string;
  rows: ScdlRow[];
  /** CSV as the standard asks: comma separated, UTF-8 (encode without BOM), CRLF line ends. */
  csv: string;
  /** What breaks the schema (scdl-schema.ts), line by line; empty: the file is valid. */
  violations: ScdlViolation[];
  /** The partner's SIRET (idAttribuant) is missing from the référentiel, or its check digit is wrong. */
  attribuant?: 'absent' | 'cle';
}

/** A SIRET the schema accepts: 14 digits and a right check digit (custom check french-siret-value). */
const siretOk = (s: string | undefined): s is string => !!s && /^\d{14}$/.test(s) && siretKeyOk(s);

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
 * voted amounts above zero, each line once. A line whose beneficiary has no valid SIRET (14
 * digits, right check digit) is not published and is reported, as is a partner without one
 * (idAttribuant): its rows are still made, but the file's `violations` say it cannot be published.
 * Every file is checked against the schema (scdl-schema.ts) before it is handed back.
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
    const idAttribuant = siretOk(p.siret) ? p.siret : '';
    const attribuant = idAttribuant ? undefined : p.siret ? 'cle' : 'absent';
    if (!idAttribuant)
      findings.push(
        makeFinding('SCDL_ATTRIBUANT_SANS_SIRET', {
          partner: p.code,
          ...(p.siret ? { value: p.siret } : {}),
        }),
      );
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
      if (!siretOk(siret)) {
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
        objet: fitText(
          l.object ?? l.dispositifLabel ?? l.dispositif ?? 'Animation de la vie sociale',
          SCDL_RULES.objet.maxLength!,
        ),
        montant: (l.voted ?? 0).toFixed(2),
        nature: 'aide en numéraire',
        conditionsVersement: paid > 0 && paid < (l.voted ?? 0) ? 'échelonné' : 'unique',
        // ISO 8601 period (the schema's pattern): the exercice, the exact payment date being unknown
        datesPeriodeVersement: `${l.year}-01-01/${l.year}-12-31`,
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
          findings.push(
            makeFinding(
              'SCDL_TEXTE_FORMULE',
              { ...who, field: FIELD_NAME[f] ?? f, value: row[f] },
              cellOf[f],
            ),
          );
      rows.push(row);
    }
    const csv = toCsv(rows);
    files.push({
      partner: p.code,
      fileName: `scdl-subventions-${p.code}.csv`,
      rows,
      csv,
      violations: validateScdlCsv(csv),
      ...(attribuant ? { attribuant } : {}),
    });
  }
  return { files, findings };
}
