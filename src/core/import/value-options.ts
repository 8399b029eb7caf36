import type { Reference } from '../model/domain';
import { planIndex } from '../reference/plan-index';
import type { CodedField } from './value-labels';

/** One code the user may give to a coded value nobody recognised, with the words shown for it. */
export interface ValueOption {
  code: string;
  label: string;
}

const LEVEL: Record<'axe' | 'objectif' | 'action', string> = { axe: 'Axe', objectif: 'Objectif', action: 'Action' };

/**
 * The codes of the reference a value of this field may name, for this partner: its dispositifs
 * (all of them when the partner has none), every node of the plan, its convention types, or the
 * two kinds of structure. The answer is saved as `values[field][partner][value] = code`.
 */
export function valueOptions(field: CodedField, partner: string, ref: Reference): ValueOption[] {
  const own = <T extends { partner: string }>(list: T[]) => (list.some((x) => x.partner === partner) ? list.filter((x) => x.partner === partner) : list);
  switch (field) {
    case 'dispositif':
      return own(ref.dispositifs).map((d) => ({ code: d.code, label: `${d.label} [${d.code}]` }));
    case 'plan':
      return [...planIndex(ref).nodes.values()].map((n) => ({ code: n.code, label: `${LEVEL[n.level]} ${n.code} — ${n.label}` }));
    case 'conventionType':
      return own(ref.conventionTypes).map((t) => ({ code: t.code, label: `${t.label} [${t.code}]` }));
    case 'kind':
      return [
        { code: 'CS', label: 'Centre social [CS]' },
        { code: 'EVS', label: 'Espace de vie sociale [EVS]' },
      ];
  }
}
