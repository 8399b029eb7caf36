/** Canonical domain (DESIGN.md §3–4). Dates are ISO strings `YYYY-MM-DD` so that datasets are plain JSON. */

export type IsoDate = string;

/** file › sheet › row (1-based Excel row), and the cell's column letter when one cell is at fault. */
export interface Provenance {
  file: string;
  sheet: string;
  row: number;
  col?: string;
}

export interface Partner {
  code: string; // CAF, CD07, MSA, FACS, …
  name: string;
  type: string; // institution, collectivité, fédération …
  active: boolean;
  /** Words that name this partner in file names, sheet names and titles. */
  aliases: string[];
  /** SIRET of the partner, the `idAttribuant` of its open-data (SCDL) export. */
  siret?: string;
  /** Who signs the COPIL minutes for this partner (Article 8.1). */
  signatories?: string[];
}

export type StructureKind = 'CS' | 'EVS' | 'FEDERATION';

export interface AgrementPeriod {
  types: string[]; // AGC, ACF, AL
  start: IsoDate;
  end: IsoDate;
  source?: string;
}

export interface Structure {
  code: string;
  name: string;
  kind: StructureKind;
  commune?: string;
  epci?: string;
  territoire?: string;
  gestion?: string;
  siret?: string;
  /** Other SIRET of the same body under the same name (a list's rows per establishment): they link to it too. */
  otherSirets?: string[];
  agrements: AgrementPeriod[];
  /** Agrément types held, as the structures list says (AGC, ACF, AL), even without dates. */
  agrementTypes?: string[];
  referentFamille?: boolean;
  adherentFacs?: boolean;
  /** Other names seen for this structure in partners' files. */
  aliases: string[];
  source?: Provenance;
}

export interface Convention {
  partner: string;
  structure?: string; // structure code when linked
  structureName: string;
  siret?: string;
  type: string; // COF, PLURIANNUELLE, CONFERENCE_FINANCEURS, PARTENARIAT, …
  ref?: string;
  signedOn?: IsoDate;
  start?: IsoDate;
  end?: IsoDate;
  annualAmount?: number;
  source: Provenance;
}

export type FundingStatus = 'demandé' | 'voté' | 'conventionné' | 'versé';

export interface FundingLine {
  id: number; // stable index in import order
  partner: string;
  structure?: string; // structure code; undefined when unknown
  structureName: string; // as written by the partner
  siret?: string;
  commune?: string;
  year: number;
  dispositif?: string;
  dispositifLabel?: string;
  /** Plan node the line funds: an action, objective or axis code. */
  plan?: string;
  axis?: string;
  object?: string;
  requested?: number;
  voted?: number;
  paid?: number;
  status: FundingStatus;
  decisionDate?: IsoDate;
  conventionRef?: string;
  /** Signature date of the convention when the partner writes it on the funding line. */
  conventionSignedOn?: IsoDate;
  source: Provenance;
  /** Column letters of the line's text cells, so that a finding on a published text names its cell. */
  cols?: { structureName?: string; object?: string; dispositifLabel?: string; conventionRef?: string };
  /** Set when this line repeats an earlier one: it is kept for the record but never counted. */
  duplicateOf?: Provenance;
}

export interface PlanAction {
  code: string;
  label: string;
}
export interface PlanObjective {
  code: string;
  label: string;
  actions: PlanAction[];
}
export interface PlanAxis {
  code: string;
  label: string;
  objectives: PlanObjective[];
}

export interface Dispositif {
  partner: string;
  code: string;
  label: string;
  /** Words that identify the dispositif in a partner's column (normalised matching). */
  keywords: string[];
  appliesTo: ('CS' | 'EVS' | 'FEDERATION')[] | 'all';
  requires?: { kind: 'agrement'; type: string } | { kind: 'convention'; type: string };
  defaultPlan?: string;
}

export interface Reference {
  name: string;
  period: { start: number; end: number };
  partners: Partner[];
  plan: PlanAxis[];
  priorities: string[];
  dispositifs: Dispositif[];
  /** Convention types by partner, with the words that identify them. */
  /**
   * Convention types by partner, with the words that identify them. `followsAgrement`: the
   * convention runs with the CAF agrément (COF), so its period also counts as agrément history.
   */
  conventionTypes: { partner: string; code: string; label: string; keywords: string[]; followsAgrement?: boolean }[];
  epci: string[];
  /** Département code(s) kept when a file covers several (MSA covers 07, 26, 42). */
  departements: string[];
  /** Grants above this amount a year to one structure need a written convention (law of 2000). */
  conventionThreshold: number;
}

export interface Dataset {
  partners: Partner[];
  structures: Structure[];
  conventions: Convention[];
  fundings: FundingLine[];
}
