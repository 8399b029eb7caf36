/** The world a seed draws: what is true, before any partner writes it down. Years are whole years. */

export type Kind = 'CS' | 'EVS' | 'FEDERATION';

export interface WStructure {
  code: string;
  core: string; // distinctive name, "Les Oliviers"
  prefix: string; // kind words, "Centre social"
  name: string; // official name
  kind: Kind;
  siret: string;
  commune: string;
  cp: string;
  epci: string;
  gestion: string;
  agrementTypes: string[];
  agrements: { start: number; end: number }[];
  referentFamille: boolean;
  adherentFacs: boolean;
}

export interface WConvention {
  id: number;
  partner: string;
  type: string;
  ref: string;
  structure: string;
  signedOn: string; // ISO
  start: number;
  end: number;
  annualAmount: number | null;
}

export interface WLine {
  id: number;
  partner: string;
  year: number;
  structure: string | null; // null: unknown association or other département
  unknown?: { name: string; commune: string };
  other?: { dept: string; name: string; commune: string; cp: string };
  dispositif: string;
  plan: string | null; // plan code written on the line (may be absent)
  voted: number | null;
  paid: number | null;
  requested?: number;
  decisionDate: string; // ISO
  object: string;
  note?: string;
  /** The voted cell is unreadable: this text, or an error cell when it starts with '#'. */
  illegible?: string;
  /** The convention the partner writes on this line (when conventions are written on the lines). */
  conventionId?: number;
  /** This line repeats line `duplicateOf` in a complementary sheet. */
  duplicateOf?: number;
  /** Belongs to the complementary sheet (décision modificative) of its partner. */
  complement?: boolean;
}

export interface World {
  seed: number;
  years: number[];
  structures: WStructure[];
  conventions: WConvention[];
  lines: WLine[];
  /** Which partners send a funding file. */
  partners: string[];
  /** Structures lists: 'facs-all' | 'facs+caf' | 'both-all'. */
  lists: 'facs-all' | 'facs+caf' | 'both-all';
}
