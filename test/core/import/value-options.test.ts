import { valueOptions } from '../../../src/core/import/value-options';
import { defaultReference } from '../../../src/core/reference/default-reference';

const ref = defaultReference();

describe('valueOptions: the codes an unknown coded value may be given', () => {
  it('dispositif: the partner’s own dispositifs, every one of them, with its code', () => {
    const msa = valueOptions('dispositif', 'MSA', ref);
    expect(msa.map((o) => o.code).sort()).toEqual(ref.dispositifs.filter((d) => d.partner === 'MSA').map((d) => d.code).sort());
    const global = ref.dispositifs.find((d) => d.partner === 'MSA' && d.code === 'MSA_GLOBAL')!;
    expect(msa.find((o) => o.code === 'MSA_GLOBAL')?.label).toBe(`${global.label} [MSA_GLOBAL]`);
  });

  it('dispositif of a partner the reference gives none: every dispositif', () => {
    expect(valueOptions('dispositif', 'INCONNU', ref)).toHaveLength(ref.dispositifs.length);
  });

  it('plan: every axis, objective and action of the plan, named by level and code', () => {
    const plan = valueOptions('plan', 'CAF', ref);
    const nodes = ref.plan.reduce((n, a) => n + 1 + a.objectives.reduce((m, o) => m + 1 + o.actions.length, 0), 0);
    expect(plan).toHaveLength(nodes);
    const axis = ref.plan[0];
    expect(plan.find((o) => o.code === axis.code)?.label).toBe(`Axe ${axis.code} — ${axis.label}`);
    const action = ref.plan[0].objectives[0].actions[0];
    expect(plan.find((o) => o.code === action.code)?.label).toBe(`Action ${action.code} — ${action.label}`);
  });

  it('convention type: the partner’s types; kind: CS and EVS', () => {
    expect(ref.conventionTypes.some((t) => t.partner === 'CAF')).toBe(true);
    expect(valueOptions('conventionType', 'CAF', ref).map((o) => o.code)).toEqual(ref.conventionTypes.filter((t) => t.partner === 'CAF').map((t) => t.code));
    expect(valueOptions('kind', 'CAF', ref).map((o) => o.code)).toEqual(['CS', 'EVS']);
  });
});
