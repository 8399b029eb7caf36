import { makeFinding } from '../checks/messages';
import type { Provenance } from '../model/domain';
import type { Finding } from '../model/finding';
import type { ReadIdentifier } from '../link/match-grantor';
import { cents } from './ledger';
import { formatEuros } from '../checks/format-fr';

/** A grantor of an open-data export that is no partner of the référentiel: one proposal per grantor. */
export interface UnknownGrantor {
  file: string;
  name: string;
  /** Its SIRET (or SIREN) when sound. */
  siret?: string;
  lines: number;
  amount: number;
}

interface GrantorEntry {
  at: Provenance;
  name: string;
  id: ReadIdentifier;
  lines: number;
  votedCents: number;
}

interface OutsideEntry {
  at: Provenance;
  lines: Provenance[];
  votedCents: number;
  names: Map<string, { siret?: string; votedCents: number; lines: number }>;
}

/**
 * What an open-data export holds beyond the agreement, gathered over its lines and said once:
 * a grantor that is no partner (one finding per grantor and file, with a proposal to add it),
 * the beneficiaries that are neither known structures nor funded through an AVS dispositif (one
 * finding per file with their list), identifiers a spreadsheet damaged (one finding per file).
 */
export class OpenDataAside {
  private grantors = new Map<string, GrantorEntry>();
  private outside = new Map<string, OutsideEntry>();
  private damaged = new Map<string, { at: Provenance; count: number; examples: string[] }>();

  unknownGrantor(at: Provenance, name: string, id: ReadIdentifier, voted: number | undefined): void {
    const key = `${at.file}|${id.siren ?? ''}|${id.siren ? '' : name.trim().toLowerCase()}`;
    const e = this.grantors.get(key) ?? { at, name: name.trim(), id, lines: 0, votedCents: 0 };
    e.lines++;
    e.votedCents += cents(voted);
    this.grantors.set(key, e);
  }

  outsideAgreement(at: Provenance, name: string, siret: string | undefined, voted: number | undefined): void {
    const e: OutsideEntry = this.outside.get(at.file) ?? { at, lines: [], votedCents: 0, names: new Map() };
    e.lines.push(at);
    e.votedCents += cents(voted);
    const label = name.trim() || '(bénéficiaire non renseigné)';
    const n = e.names.get(label) ?? { siret, votedCents: 0, lines: 0 };
    n.votedCents += cents(voted);
    n.lines++;
    e.names.set(label, n);
    this.outside.set(at.file, e);
  }

  damagedId(at: Provenance, raw: string): void {
    const e = this.damaged.get(at.file) ?? { at, count: 0, examples: [] };
    e.count++;
    if (e.examples.length < 3 && !e.examples.includes(raw)) e.examples.push(raw);
    this.damaged.set(at.file, e);
  }

  /** The grantors to propose as partners (the pane's « ajouter au référentiel », the CLI's mapping file). */
  unknownGrantors(): UnknownGrantor[] {
    return [...this.grantors.values()].map((g) => ({
      file: g.at.file,
      name: g.name,
      ...(g.id.siret || g.id.siren ? { siret: g.id.siret ?? g.id.siren } : {}),
      lines: g.lines,
      amount: g.votedCents / 100,
    }));
  }

  findings(): Finding[] {
    const out: Finding[] = [];
    for (const g of this.grantors.values())
      out.push(
        makeFinding(
          'ATTRIBUANT_INCONNU',
          {
            value: g.name || '(attribuant non renseigné)',
            ...(g.id.siret || g.id.siren ? { siret: g.id.siret ?? g.id.siren } : {}),
            count: g.lines,
            amount: g.votedCents / 100,
          },
          g.at,
        ),
      );
    for (const o of this.outside.values()) {
      // the largest first: an AVS structure under another name is most likely among them
      const names = [...o.names].sort((a, b) => b[1].votedCents - a[1].votedCents);
      out.push(
        makeFinding(
          'BENEFICIAIRES_HORS_ACCORD',
          {
            count: o.lines.length,
            amount: o.votedCents / 100,
            candidates: names.map(([n, v]) => `${n}${v.siret ? ` (${v.siret})` : ''} : ${formatEuros(v.votedCents / 100)}${v.lines > 1 ? ` (${v.lines} lignes)` : ''}`),
            lines: o.lines,
          },
          { file: o.at.file, sheet: o.at.sheet, row: o.at.row },
        ),
      );
    }
    for (const d of this.damaged.values())
      out.push(makeFinding('IDENTIFIANT_ABIME', { count: d.count, value: d.examples.join(' ; ') }, d.at));
    return out;
  }
}
