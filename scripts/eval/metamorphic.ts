/**
 * Metamorphic relations (issue 24): the same world written in two layouts must give the same dataset.
 * `runSpec` writes every funding file of world `seed` with the family writer and a spec
 * (scripts/world/families.ts), the other files (lists, conventions…) as always, and runs the real
 * pipeline; `signature` keeps what must not depend on the layout.
 */
import type { PipelineResult } from '../../src/core/pipeline';
import type { Spec } from '../world/families';
import { runWorld } from './run-world';

export interface Signature {
  /** Funding lines read (duplicates excluded). */
  lines: number;
  /** partner|year → voted and paid totals, in cents. */
  totals: Record<string, { voted: number; paid: number }>;
  /** Structures: SIRET, else name. */
  structures: string[];
  /** partner|ref|structure|type|start|end. */
  conventions: string[];
  /** Findings of severity erreur or alerte: code and values, without where they are written. */
  findings: string[];
}

const cents = (v: number | undefined | null) => Math.round((v ?? 0) * 100);

export function signature(r: PipelineResult): Signature {
  const ds = r.dataset;
  const siretOf = new Map(ds.structures.map((s) => [s.code, s.siret ?? s.name]));
  const totals: Signature['totals'] = {};
  for (const t of r.report.totals)
    if (cents(t.voted) || cents(t.paid))
      totals[`${t.partner}|${t.year}`] = { voted: cents(t.voted), paid: cents(t.paid) };
  const value = (f: Record<string, unknown>, k: string) =>
    f[k] === undefined ? '' : typeof f[k] === 'number' ? String(cents(f[k] as number)) : String(f[k]);
  return {
    lines: ds.fundings.filter((l) => !l.duplicateOf).length,
    totals,
    structures: ds.structures.map((s) => s.siret ?? s.name).sort(),
    conventions: ds.conventions
      .map(
        (c) =>
          `${c.partner}|${c.ref}|${c.structure ? siretOf.get(c.structure) : ''}|${c.type}|${c.start}|${c.end}`,
      )
      .sort(),
    findings: r.report.findings
      .filter((f) => f.severity === 'erreur' || f.severity === 'alerte')
      .map((f) =>
        [
          f.code,
          f.partner ?? '',
          f.year ?? '',
          f.siret ?? (f.structure ? siretOf.get(f.structure) : '') ?? '',
          ...['dispositif', 'voted', 'paid', 'amount', 'value', 'reason', 'axis'].map((k) => value(f, k)),
        ].join('|'),
      )
      .sort(),
  };
}

/** Human-readable differences between two signatures (empty: the relation holds). */
export function differences(a: Signature, b: Signature): string[] {
  const out: string[] = [];
  if (a.lines !== b.lines) out.push(`lignes : ${a.lines} → ${b.lines}`);
  for (const k of [...new Set([...Object.keys(a.totals), ...Object.keys(b.totals)])].sort()) {
    const x = a.totals[k];
    const y = b.totals[k];
    if (x?.voted !== y?.voted || x?.paid !== y?.paid)
      out.push(
        `total ${k} : voté ${(x?.voted ?? 0) / 100} → ${(y?.voted ?? 0) / 100}, versé ${(x?.paid ?? 0) / 100} → ${(y?.paid ?? 0) / 100}`,
      );
  }
  const multiset = (what: string, xs: string[], ys: string[]) => {
    const count = new Map<string, number>();
    for (const x of xs) count.set(x, (count.get(x) ?? 0) + 1);
    for (const y of ys) count.set(y, (count.get(y) ?? 0) - 1);
    const lost = [...count].filter(([, n]) => n > 0).map(([k]) => k);
    const added = [...count].filter(([, n]) => n < 0).map(([k]) => k);
    if (lost.length) out.push(`${what} perdus (${lost.length}) : ${lost.slice(0, 4).join(' ; ')}`);
    if (added.length) out.push(`${what} en plus (${added.length}) : ${added.slice(0, 4).join(' ; ')}`);
  };
  multiset('structures', a.structures, b.structures);
  multiset('conventions', a.conventions, b.conventions);
  multiset('constats', a.findings, b.findings);
  return out;
}

const cache = new Map<string, Promise<Signature>>();

/** The signature of world `seed` with every funding file written with `spec` (memoised). */
export function specSignature(seed: number, spec: Partial<Spec>): Promise<Signature> {
  const k = `${seed}|${JSON.stringify(spec)}`;
  if (!cache.has(k))
    cache.set(
      k,
      runWorld(seed, undefined, { spec }).then((r) => signature(r.result)),
    );
  return cache.get(k)!;
}

/** The relations the tests check: a spec and the spec it must read like. */
export const RELATIONS: { name: string; base: Partial<Spec>; variant: Partial<Spec> }[] = [
  { name: 'colonne de montants inutilisée « Reste à verser »', base: {}, variant: { reste: true } },
  { name: 'colonne de commentaires', base: {}, variant: { comments: true } },
  { name: 'montants en K€ (en-tête « (K€) »)', base: {}, variant: { unit: 'keurHeader' } },
  { name: 'montants en K€ (titre « en milliers d’euros »)', base: {}, variant: { unit: 'keurTitle' } },
  { name: 'exercices en blocs côte à côte', base: {}, variant: { layout: 'yearBlocks' } },
  {
    name: 'nom de la structure fusionné sur le groupe plutôt que recopié',
    base: {},
    variant: { group: 'merged' },
  },
  {
    name: 'nom de la structure écrit une fois par groupe plutôt que recopié',
    base: {},
    variant: { group: 'blank' },
  },
  { name: 'pieds de page et en-tête répété', base: {}, variant: { footers: true } },
  { name: 'ordre des colonnes mélangé', base: {}, variant: { shuffle: true } },
];
