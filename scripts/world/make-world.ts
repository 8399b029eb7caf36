import { defaultReference } from '../../src/core/reference/default-reference';
import { COMMUNES, CS_PREFIXES, EVS_PREFIXES, FEDERATION, ILLEGIBLE, NAME_CORES, OBJECTS, OTHER_DEPT, UNKNOWN_NAMES, NOTES } from './pools';
import { Random } from './random';
import { makeSiret } from './siret';
import type { WConvention, WLine, World, WStructure } from './types';

const REF = defaultReference();
const ALL_EPCI = REF.epci;
const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Actions of the plan by axis, for lines that carry an action code (fonds propres, FACS, vie associative). */
const ACTIONS_BY_AXIS: Record<string, string[]> = Object.fromEntries(
  REF.plan.map((a) => [a.code, a.objectives.flatMap((o) => o.actions.map((x) => x.code))]),
);

function commune3(c: string): string {
  return c
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z]/g, '')
    .toUpperCase()
    .slice(0, 4);
}

/** Periods of 1–4 years from before `from` until after `to`. */
function chain(rnd: Random, from: number, to: number, minLen = 1, maxLen = 4): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let y = from - rnd.int(0, 3);
  while (y <= to) {
    const len = rnd.int(minLen, maxLen);
    out.push({ start: y, end: y + len - 1 });
    y += len;
  }
  return out;
}

/** Removes year `gap` from a chain of periods (a late renewal). */
function withGap(periods: { start: number; end: number }[], gap: number) {
  return periods.flatMap((p) => {
    if (gap < p.start || gap > p.end) return [p];
    return [
      ...(p.start <= gap - 1 ? [{ start: p.start, end: gap - 1 }] : []),
      ...(gap + 1 <= p.end ? [{ start: gap + 1, end: p.end }] : []),
    ];
  });
}


export function makeWorld(seed: number): World {
  const rnd = new Random(seed);
  const n = rnd.int(3, 4);
  const first = rnd.int(2017, 2021 - n);
  const years = Array.from({ length: n }, (_, i) => first + i);
  const last = years[years.length - 1];

  // --- structures -------------------------------------------------------------------------
  const count = rnd.int(15, 40);
  const emptyEpci = rnd.chance(0.6) ? rnd.sample(ALL_EPCI, rnd.int(1, 2)) : [];
  const epcis = ALL_EPCI.filter((e) => !emptyEpci.includes(e));
  const cores = rnd.sample(NAME_CORES, count);
  const structures: WStructure[] = [];
  const usedCodes = new Set<string>();
  // one structure per EPCI first (in a random order), then anywhere
  const epciOrder = rnd.shuffle(epcis);
  for (let i = 0; i < count; i++) {
    const epci = i < epciOrder.length ? epciOrder[i] : rnd.pick(epcis);
    const commune = rnd.pick(COMMUNES.filter((c) => c.epci === epci));
    const kind = rnd.chance(0.62) ? 'CS' : 'EVS';
    const prefix = rnd.weighted(kind === 'CS' ? CS_PREFIXES : EVS_PREFIXES);
    const gestion = rnd.weighted([['associative', 7], ['CCAS', 2], ['commune', 1]] as const);
    let code = '';
    for (let k = 1; !code || usedCodes.has(code); k++) code = `${kind}07-${commune3(commune.name)}-${String(k).padStart(2, '0')}`;
    usedCodes.add(code);
    const agrementTypes = kind === 'EVS' ? ['AL'] : rnd.chance(0.8) ? ['AGC', 'ACF'] : ['AGC'];
    structures.push({
      code,
      core: cores[i],
      prefix,
      name: `${prefix} ${cores[i]}`,
      kind,
      siret: makeSiret(rnd, gestion !== 'associative'),
      commune: commune.name,
      cp: commune.cp,
      epci,
      gestion,
      agrementTypes,
      agrements: chain(rnd, first, last),
      referentFamille: kind === 'CS' && agrementTypes.includes('ACF'),
      adherentFacs: rnd.chance(0.75),
    });
  }
  const withAvs = new Set(structures.map((s) => s.epci));
  const facsCommune = rnd.pick(COMMUNES.filter((c) => FEDERATION.communes.includes(c.name) && withAvs.has(c.epci)).concat(COMMUNES.filter((c) => withAvs.has(c.epci))).slice(0, 3));
  const facs: WStructure = {
    code: 'FACS07',
    core: FEDERATION.name,
    prefix: '',
    name: FEDERATION.name,
    kind: 'FEDERATION',
    siret: makeSiret(rnd, false),
    commune: facsCommune.name,
    cp: facsCommune.cp,
    epci: facsCommune.epci,
    gestion: 'associative',
    agrementTypes: [],
    agrements: [],
    referentFamille: false,
    adherentFacs: false,
  };
  structures.unshift(facs);
  const avs = structures.filter((s) => s.kind !== 'FEDERATION');
  const cs = avs.filter((s) => s.kind === 'CS');
  const evs = avs.filter((s) => s.kind === 'EVS');

  // injected: a late renewal (a year without agrément) for one CS
  const agrementGap = cs.length && rnd.chance(0.55) ? { s: rnd.pick(cs), year: rnd.pick(years) } : undefined;
  if (agrementGap) agrementGap.s.agrements = withGap(agrementGap.s.agrements, agrementGap.year);

  // --- conventions --------------------------------------------------------------------------
  const conventions: WConvention[] = [];
  let convId = 0;
  const seq: Record<string, number> = {};
  const addConv = (partner: string, type: string, prefix: string, s: WStructure, p: { start: number; end: number }, amount: number | null) => {
    const k = `${prefix}-${p.start}`;
    seq[prefix] = (seq[prefix] ?? 0) + 1;
    const signedYear = rnd.chance(0.6) ? p.start - 1 : p.start;
    const signedOn = signedYear < p.start ? iso(signedYear, rnd.int(10, 12), rnd.int(1, 28)) : iso(p.start, rnd.int(1, 4), rnd.int(1, 28));
    const c: WConvention = { id: convId++, partner, type, ref: `${k}-${String(seq[prefix]).padStart(3, '0')}`, structure: s.code, signedOn, start: p.start, end: p.end, annualAmount: amount };
    conventions.push(c);
    return c;
  };
  // CAF COF follow the agréments
  for (const s of avs) for (const p of s.agrements) addConv('CAF', 'COF', 'COF', s, p, null);

  // who gets what (drawn once per structure)
  const vieAsso = new Map<string, number>(); // structure → yearly vie associative amount
  for (const s of structures) {
    const p = s.kind === 'FEDERATION' ? 0.9 : s.kind === 'CS' ? 0.8 : 0.35;
    if (rnd.chance(p)) vieAsso.set(s.code, rnd.weighted([[rnd.amount(6000, 22000, 500), 5], [rnd.amount(23500, 34000, 500), 2], [23000, 1]] as const));
  }
  const cpo = new Map<string, { start: number; end: number }[]>();
  const cpoGap = vieAsso.size && rnd.chance(0.6) ? { code: rnd.pick([...vieAsso.keys()]), year: rnd.pick(years) } : undefined;
  for (const [code, amount] of vieAsso) {
    let ps = chain(rnd, first, last, 2, 4);
    if (cpoGap?.code === code) ps = withGap(ps, cpoGap.year);
    cpo.set(code, ps);
    const s = structures.find((x) => x.code === code)!;
    for (const p of ps) addConv('CD07', 'PLURIANNUELLE', 'CPO-VA', s, p, amount);
  }
  const autonomie = rnd.sample(cs, rnd.int(0, Math.min(4, cs.length)));
  const cfppaGap = autonomie.length && rnd.chance(0.4) ? { code: rnd.pick(autonomie).code, year: rnd.pick(years) } : undefined;
  const autonomieYears = new Map<string, number[]>();
  for (const s of autonomie) {
    const ys = years.filter(() => rnd.chance(0.7));
    autonomieYears.set(s.code, ys);
  }

  const msaGlobal = avs.filter(() => rnd.chance(0.5));
  const msaConv = new Map<string, { start: number; end: number }[]>();
  const msaGap = msaGlobal.length && rnd.chance(0.6) ? { code: rnd.pick(msaGlobal).code, year: rnd.pick(years) } : undefined;
  for (const s of msaGlobal) {
    let ps = chain(rnd, first, last, 1, 3);
    if (msaGap?.code === s.code) ps = withGap(ps, msaGap.year);
    msaConv.set(s.code, ps);
    for (const p of ps) addConv('MSA', 'PARTENARIAT', 'MSA-ADL', s, p, null);
  }

  // --- funding lines -------------------------------------------------------------------------
  const lines: WLine[] = [];
  let lineId = 0;
  const convFor = (partner: string, type: string, code: string, y: number) =>
    conventions.find((c) => c.partner === partner && c.type === type && c.structure === code && c.start <= y && y <= c.end);
  const decision = (y: number) => iso(y, rnd.int(2, 11), rnd.int(1, 28));
  const add = (l: Omit<WLine, 'id' | 'decisionDate' | 'object'> & Partial<Pick<WLine, 'decisionDate' | 'object'>>) => {
    const line: WLine = { decisionDate: decision(l.year), object: rnd.pick(OBJECTS).replace('{y}', String(l.year)), ...l, id: lineId++ };
    lines.push(line);
    return line;
  };
  const paidOf = (voted: number, y: number) => {
    if (y === 2020 && y === last) return rnd.chance(0.6) ? Math.round(voted * rnd.pick([0.5, 0.6, 0.7, 0.8]) * 100) / 100 : voted;
    return rnd.chance(0.08) ? Math.round(voted * rnd.amount(0.85, 0.98, 0.01) * 100) / 100 : voted;
  };
  const base = new Map(avs.map((s) => [s.code, { agc: rnd.amount(44000, 76000, 0.01), acf: rnd.amount(14000, 28000, 0.01), al: rnd.amount(8000, 22000, 0.01) }]));
  const unfundedAxes = new Map<number, Set<string>>(years.map((y) => [y, new Set([...(rnd.chance(0.25) ? ['1'] : []), ...(rnd.chance(0.2) ? ['3'] : [])])]));
  const planFor = (axis: string) => rnd.pick(ACTIONS_BY_AXIS[axis]);

  for (const y of years) {
    const g = Math.pow(1.015, y - first);
    for (const s of avs) {
      const b = base.get(s.code)!;
      const cof = (code: string) => convFor('CAF', 'COF', code, y);
      if (s.kind === 'CS') {
        add({ partner: 'CAF', year: y, structure: s.code, dispositif: 'PS_AGC', plan: null, voted: Math.round(b.agc * g * 100) / 100, paid: 0, conventionId: cof(s.code)?.id, note: rnd.chance(0.1) ? rnd.pick(NOTES) : undefined });
        if (s.agrementTypes.includes('ACF')) add({ partner: 'CAF', year: y, structure: s.code, dispositif: 'PS_ACF', plan: null, voted: Math.round(b.acf * g * 100) / 100, paid: 0, conventionId: cof(s.code)?.id });
      } else add({ partner: 'CAF', year: y, structure: s.code, dispositif: 'PS_AL', plan: null, voted: Math.round(b.al * g * 100) / 100, paid: 0, conventionId: cof(s.code)?.id });
      if (rnd.chance(0.2)) add({ partner: 'CAF', year: y, structure: s.code, dispositif: 'CAF_FONDS_PROPRES', plan: planFor(rnd.pick(['2', '4', '4', '3', '1'])), voted: rnd.amount(1000, 9000, 100), paid: 0 });
      const va = vieAsso.get(s.code);
      if (va !== undefined) add({ partner: 'CD07', year: y, structure: s.code, dispositif: 'CD_VIE_ASSO', plan: rnd.chance(0.5) ? '2' : null, voted: va, paid: 0, conventionId: convFor('CD07', 'PLURIANNUELLE', s.code, y)?.id });
      if (rnd.chance(0.3)) add({ partner: 'CD07', year: y, structure: s.code, dispositif: 'CD_AJIR', plan: rnd.chance(0.3) ? '4.1' : null, voted: rnd.amount(1500, 6000, 50), paid: 0 });
      if (rnd.chance(0.25)) add({ partner: 'CD07', year: y, structure: s.code, dispositif: 'CD_INSERTION', plan: null, voted: rnd.amount(2000, 12000, 100), paid: 0 });
      if (rnd.chance(0.2)) add({ partner: 'CD07', year: y, structure: s.code, dispositif: 'CD_CULTURE', plan: null, voted: rnd.amount(1000, 7000, 50), paid: 0 });
      if (rnd.chance(0.3)) add({ partner: 'CD07', year: y, structure: s.code, dispositif: 'CD_VACANCES', plan: rnd.chance(0.3) ? '4.6.2' : null, voted: rnd.amount(1000, 5000, 50), paid: 0 });
      if (autonomieYears.get(s.code)?.includes(y)) {
        const v = rnd.amount(3000, 10000, 0.01);
        const skip = cfppaGap?.code === s.code && cfppaGap.year === y;
        const c = skip ? undefined : addConv('CD07', 'CONFERENCE_FINANCEURS', 'CFPPA', s, { start: y, end: y }, v);
        add({ partner: 'CD07', year: y, structure: s.code, dispositif: 'CD_AUTONOMIE', plan: null, voted: v, paid: 0, conventionId: c?.id });
      }
      if (msaConv.has(s.code)) add({ partner: 'MSA', year: y, structure: s.code, dispositif: 'MSA_GLOBAL', plan: null, voted: rnd.amount(2000, 10000, 100), paid: 0, conventionId: convFor('MSA', 'PARTENARIAT', s.code, y)?.id });
      if (rnd.chance(0.22)) add({ partner: 'MSA', year: y, structure: s.code, dispositif: 'MSA_JEUNES', plan: null, voted: rnd.amount(1000, 3500, 100), paid: 0 });
    }
    // the federation: beneficiary of axes 1 and 3
    if (rnd.chance(0.8)) add({ partner: 'CAF', year: y, structure: facs.code, dispositif: 'CAF_FONDS_PROPRES', plan: planFor(rnd.pick(['1', '3'])), voted: rnd.amount(3000, 9000, 100), paid: 0 });
    const vaF = vieAsso.get(facs.code);
    if (vaF !== undefined) add({ partner: 'CD07', year: y, structure: facs.code, dispositif: 'CD_VIE_ASSO', plan: planFor(rnd.pick(['1', '3'])), voted: vaF, paid: 0, conventionId: convFor('CD07', 'PLURIANNUELLE', facs.code, y)?.id });
  }
  // the FACS's own file: accompaniment and training of its members
  const facsFunds = rnd.chance(0.4);
  if (facsFunds)
    for (const y of years)
      for (const s of rnd.sample(avs.filter((x) => x.adherentFacs), rnd.int(2, 6))) {
        const d = rnd.pick(['FACS_COORDINATION', 'FACS_ACCOMPAGNEMENT', 'FACS_FORMATION']);
        add({ partner: 'FACS', year: y, structure: s.code, dispositif: d, plan: rnd.chance(0.5) ? (d === 'FACS_COORDINATION' ? planFor('1') : planFor('3')) : null, voted: rnd.amount(500, 4000, 50), paid: 0 });
      }

  // axes left without funding some years: their lines are not there
  const axisOf = (l: WLine) => {
    const p = l.plan ?? REF.dispositifs.find((d) => d.partner === l.partner && d.code === l.dispositif)?.defaultPlan;
    return p?.split('.')[0];
  };
  for (let i = lines.length - 1; i >= 0; i--) if (unfundedAxes.get(lines[i].year)!.has(axisOf(lines[i]) ?? '')) lines.splice(i, 1);

  for (const l of lines) l.paid = paidOf(l.voted!, l.year);

  // --- injected anomalies ------------------------------------------------------------------
  const pickLine = (f: (l: WLine) => boolean) => {
    const c = lines.filter((l) => f(l) && !l.illegible && l.conventionId === undefined && !l.duplicateOf && l.voted! > 0 && l.paid === l.voted);
    return c.length ? rnd.pick(c) : undefined;
  };
  if (evs.length && rnd.chance(0.5)) {
    const s = rnd.pick(evs);
    const y = rnd.pick(years);
    const v = rnd.amount(9000, 16000, 0.01);
    add({ partner: 'CAF', year: y, structure: s.code, dispositif: 'PS_AGC', plan: null, voted: v, paid: v, conventionId: convFor('CAF', 'COF', s.code, y)?.id });
  }
  for (let k = rnd.int(0, 2); k > 0; k--) {
    const l = pickLine((x) => x.partner !== 'CAF' || x.dispositif === 'CAF_FONDS_PROPRES');
    if (l) {
      l.illegible = rnd.chance(0.3) ? rnd.pick(['#REF!', '#VALEUR!', '#DIV/0!']) : rnd.pick(ILLEGIBLE);
      l.voted = null;
      l.paid = null;
    }
  }
  if (rnd.chance(0.5)) {
    const l = pickLine((x) => x.partner === 'CD07' && ['CD_CULTURE', 'CD_INSERTION', 'CD_VACANCES', 'CD_AJIR'].includes(x.dispositif));
    if (l) {
      l.voted = -rnd.amount(500, 2500, 50);
      l.paid = l.voted;
      l.note = 'Reversement trop-perçu';
    }
  }
  if (rnd.chance(0.5)) {
    const l = pickLine((x) => x.partner !== 'CAF' && x.voted! < 10000);
    if (l) l.paid = Math.round(l.voted! * 1.1 * 100) / 100;
  }
  for (let k = rnd.chance(0.6) ? rnd.int(1, 2) : 0; k > 0; k--) {
    const commune = rnd.pick(COMMUNES);
    const name = rnd.pick(UNKNOWN_NAMES).replace('{c}', commune.name);
    const partner = rnd.pick(['CD07', 'MSA', 'CD07']);
    const dispositif = partner === 'MSA' ? 'MSA_JEUNES' : rnd.pick(['CD_CULTURE', 'CD_AJIR']);
    const v = rnd.amount(800, 3000, 50);
    add({ partner, year: rnd.pick(years), structure: null, unknown: { name, commune: commune.name }, dispositif, plan: null, voted: v, paid: v });
  }
  // a big one-off grant of the Département to a structure without vie associative (threshold)
  const noVa = avs.filter((s) => !vieAsso.has(s.code));
  if (noVa.length && rnd.chance(0.35)) add({ partner: 'CD07', year: rnd.pick(years), structure: rnd.pick(noVa).code, dispositif: 'CD_INSERTION', plan: null, voted: rnd.amount(23500, 29000, 100), paid: null });
  // other départements in the MSA's file
  for (let k = rnd.chance(0.7) ? rnd.int(2, 6) : 0; k > 0; k--) {
    const c = rnd.pick(OTHER_DEPT.communes);
    const v = rnd.amount(2000, 9000, 100);
    add({ partner: 'MSA', year: rnd.pick(years), structure: null, other: { dept: c.dept, name: `${rnd.pick(['Centre social', 'CS', 'EVS', 'Espace de vie sociale'])} ${rnd.pick(OTHER_DEPT.cores)}`, commune: c.name, cp: c.cp }, dispositif: rnd.pick(['MSA_GLOBAL', 'MSA_JEUNES']), plan: null, voted: v, paid: v });
  }
  // a décision modificative sheet: a few new lines and a line already voted
  if (rnd.chance(0.55)) {
    const partner = rnd.pick(['CD07', 'CD07', 'CAF']);
    const y = rnd.pick(years);
    for (let k = rnd.int(1, 3); k > 0; k--) {
      const s = rnd.pick(avs);
      const d = partner === 'CAF' ? 'CAF_FONDS_PROPRES' : rnd.pick(['CD_CULTURE', 'CD_VACANCES', 'CD_AJIR']);
      // a new line, not one already voted: the same structure, dispositif, year and amount as a
      // line of the main sheet would be a duplicate that nothing tells apart from the truth's
      const taken = (v: number) => lines.some((l) => l.partner === partner && l.year === y && l.structure === s.code && l.dispositif === d && l.voted === v);
      let v = rnd.amount(1000, 5000, 50);
      while (taken(v)) v += 50;
      add({ partner, year: y, structure: s.code, dispositif: d, plan: d === 'CAF_FONDS_PROPRES' ? planFor(rnd.pick(['2', '4'])) : null, voted: v, paid: v, complement: true });
    }
    const orig = pickLine((x) => x.partner === partner && x.year === y && !x.complement && x.structure !== null && x.dispositif !== 'PS_AGC');
    if (orig) add({ ...orig, duplicateOf: orig.id, complement: true, decisionDate: orig.decisionDate, object: orig.object });
  }
  lines.forEach((l) => (l.paid = l.paid === 0 || (l.paid === null && !l.illegible) ? l.voted : l.paid));

  const partners = ['CAF', 'CD07', 'MSA', ...(facsFunds ? ['FACS'] : [])];
  const lists = rnd.weighted([['facs-all', 45], ['facs+caf', 40], ['both-all', 15]] as const);
  return { seed, years, structures, conventions, lines, partners, lists };
}
