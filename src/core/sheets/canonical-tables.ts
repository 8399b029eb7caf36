import type { Dataset, Provenance, Reference } from '../model/domain';
import type { Finding } from '../model/finding';
import type { ColumnSpec, Highlight, SheetSpec, SpecValue } from '../model/sheet-spec';

export const STATUS_VALUES = ['demandé', 'voté', 'conventionné', 'versé'];
const KIND_VALUES = ['CS', 'EVS', 'FEDERATION'];

export const sourceText = (p: Provenance | undefined) => (p ? `${p.file} › ${p.sheet} › ligne ${p.row}` : '');
const date = (iso: string | undefined): SpecValue => (iso ? { date: iso } : null);
const bool = (b: boolean | undefined): SpecValue => (b === undefined ? null : b ? 'Oui' : 'Non');

function tableSheet(name: string, table: string, columns: ColumnSpec[], rows: SpecValue[][], highlights?: Highlight[]): SheetSpec {
  return {
    name,
    role: 'table',
    blocks: [],
    tables: [{ name: table, headerRow: 1, columns, rows, highlights }],
    freeze: { row: 1, col: 0 },
    print: { orientation: 'landscape', paperSize: 'A4', fitToWidth: true, footer: 'Page &P / &N' },
  };
}

/** The worst severity of the findings about each source row, for red / amber highlights. */
function severityBySource(findings: Finding[]): Map<string, 'erreur' | 'alerte'> {
  const m = new Map<string, 'erreur' | 'alerte'>();
  for (const f of findings) {
    if (!f.location || f.severity === 'info') continue;
    const k = `${f.location.file}|${f.location.sheet}|${f.location.row}`;
    if (m.get(k) !== 'erreur') m.set(k, f.severity);
  }
  return m;
}

/** Range of the "Codes du plan" table on the Plan sheet, for list validation of action codes. */
export function planCodesRange(ref: Reference): string {
  const n = ref.plan.reduce((k, a) => k + 1 + a.objectives.reduce((j, o) => j + 1 + o.actions.length, 0), 0);
  return `'Plan'!$J$2:$J$${n + 1}`;
}

export function partnersSheet(ref: Reference): SheetSpec {
  return tableSheet(
    'Partenaires',
    'Partenaires',
    [
      { key: 'code', header: 'Code', type: 'code', width: 10 },
      { key: 'name', header: 'Nom', type: 'text', width: 48 },
      { key: 'type', header: 'Type', type: 'text', width: 30 },
      { key: 'active', header: 'Actif', type: 'text', width: 8, list: ['Oui', 'Non'] },
      { key: 'signatories', header: 'Signataires', type: 'text', width: 60 },
    ],
    ref.partners.map((p) => [p.code, p.name, p.type, bool(p.active), (p.signatories ?? []).join(' ; ')]),
  );
}

export function dispositifsSheet(ref: Reference): SheetSpec {
  return tableSheet(
    'Dispositifs',
    'Dispositifs',
    [
      { key: 'partner', header: 'Partenaire', type: 'code', width: 11, list: ref.partners.map((p) => p.code) },
      { key: 'code', header: 'Code', type: 'code', width: 20 },
      { key: 'label', header: 'Libellé', type: 'text', width: 42 },
      { key: 'applies', header: "S'applique à", type: 'text', width: 14 },
      { key: 'requires', header: 'Exige', type: 'text', width: 34 },
      { key: 'plan', header: 'Action par défaut', type: 'code', width: 12, listRange: planCodesRange(ref) },
    ],
    ref.dispositifs.map((d) => [
      d.partner,
      d.code,
      d.label,
      d.appliesTo === 'all' ? 'CS, EVS' : d.appliesTo.join(', '),
      d.requires ? `${d.requires.kind === 'agrement' ? 'agrément' : 'convention'} ${d.requires.type}` : '',
      d.defaultPlan ?? null,
    ]),
  );
}

export function planSheet(ref: Reference): SheetSpec {
  const rows: SpecValue[][] = [];
  const codes: SpecValue[][] = [];
  const priorities = ref.priorities.map((p) => p.toLowerCase());
  for (const a of ref.plan) {
    codes.push([a.code, a.label, 'axe']);
    for (const o of a.objectives) {
      codes.push([o.code, o.label, 'objectif']);
      if (o.actions.length === 0) rows.push([a.code, a.label, o.code, o.label, null, null, 'Non']);
      for (const ac of o.actions) {
        codes.push([ac.code, ac.label, 'action']);
        const prio = priorities.some((p) => ac.label.toLowerCase().includes(p) || o.label.toLowerCase().includes(p));
        rows.push([a.code, a.label, o.code, o.label, ac.code, ac.label, prio ? 'Oui' : 'Non']);
      }
    }
  }
  const spec = tableSheet(
    'Plan',
    'Plan',
    [
      { key: 'axisCode', header: 'Axe', type: 'code', width: 6 },
      { key: 'axis', header: 'Libellé axe', type: 'text', width: 40 },
      { key: 'objectiveCode', header: 'Objectif', type: 'code', width: 9 },
      { key: 'objective', header: 'Objectif général', type: 'text', width: 44 },
      { key: 'actionCode', header: 'Action', type: 'code', width: 8 },
      { key: 'action', header: 'Libellé action', type: 'text', width: 50 },
      { key: 'priority', header: 'Prioritaire', type: 'text', width: 11, list: ['Oui', 'Non'] },
    ],
    rows,
  );
  spec.tables.push({
    name: 'CodesPlan',
    headerRow: 1,
    startCol: 10,
    columns: [
      { key: 'code', header: 'Code du plan', type: 'code', width: 12 },
      { key: 'label', header: 'Libellé', type: 'text', width: 50 },
      { key: 'level', header: 'Niveau', type: 'text', width: 10 },
    ],
    rows: codes,
  });
  return spec;
}

export function structuresSheet(ds: Dataset, findings: Finding[]): SheetSpec {
  const sev = severityBySource(findings);
  const byStructure = new Map<string, 'erreur' | 'alerte'>();
  for (const f of findings) if (f.structure && f.severity !== 'info' && byStructure.get(f.structure) !== 'erreur') byStructure.set(f.structure, f.severity);
  const highlights: Highlight[] = [];
  const rows = ds.structures.map((s, i) => {
    const level = (s.source && sev.get(`${s.source.file}|${s.source.sheet}|${s.source.row}`)) || byStructure.get(s.code);
    if (level) highlights.push({ row: i, level });
    const current = s.agrements.length ? s.agrements.reduce((a, b) => (b.end > a.end ? b : a)) : undefined;
    return [
      s.code,
      s.name,
      s.kind,
      s.commune ?? null,
      s.epci ?? null,
      s.territoire ?? null,
      s.gestion ?? null,
      s.siret ?? null,
      (s.agrementTypes ?? current?.types ?? []).join('+') || null,
      date(current?.start),
      date(current?.end),
      bool(s.referentFamille),
      bool(s.adherentFacs),
      sourceText(s.source),
    ];
  });
  return tableSheet(
    'Structures',
    'Structures',
    [
      { key: 'code', header: 'Code', type: 'code', width: 15 },
      { key: 'name', header: 'Nom', type: 'text', width: 42 },
      { key: 'kind', header: 'Type', type: 'code', width: 12, list: KIND_VALUES },
      { key: 'commune', header: 'Commune', type: 'text', width: 20 },
      { key: 'epci', header: 'EPCI', type: 'text', width: 34 },
      { key: 'territoire', header: "Territoire d'action sociale", type: 'text', width: 18 },
      { key: 'gestion', header: 'Gestion', type: 'text', width: 13 },
      { key: 'siret', header: 'SIRET', type: 'code', width: 16 },
      { key: 'agrements', header: 'Agréments', type: 'text', width: 11 },
      { key: 'agrementStart', header: 'Agrément début', type: 'date', width: 13 },
      { key: 'agrementEnd', header: 'Agrément fin', type: 'date', width: 13 },
      { key: 'referent', header: 'Référent famille', type: 'text', width: 10, list: ['Oui', 'Non'] },
      { key: 'adherent', header: 'Adhérent FACS', type: 'text', width: 10, list: ['Oui', 'Non'] },
      { key: 'source', header: 'Source', type: 'text', width: 44 },
    ],
    rows,
    highlights,
  );
}

export function conventionsSheet(ds: Dataset, ref: Reference): SheetSpec {
  return tableSheet(
    'Conventions',
    'Conventions',
    [
      { key: 'partner', header: 'Partenaire', type: 'code', width: 11, list: ref.partners.map((p) => p.code) },
      { key: 'structure', header: 'Structure', type: 'code', width: 15 },
      { key: 'name', header: 'Nom de la structure', type: 'text', width: 40 },
      { key: 'type', header: 'Type', type: 'code', width: 22, list: [...new Set(ref.conventionTypes.map((t) => t.code))] },
      { key: 'ref', header: 'Référence', type: 'text', width: 18 },
      { key: 'signed', header: 'Signée le', type: 'date', width: 12 },
      { key: 'start', header: 'Début', type: 'date', width: 12 },
      { key: 'end', header: 'Fin', type: 'date', width: 12 },
      { key: 'amount', header: 'Montant annuel', type: 'amount', width: 15 },
      { key: 'source', header: 'Source', type: 'text', width: 44 },
    ],
    ds.conventions.map((c) => [c.partner, c.structure ?? null, c.structureName, c.type, c.ref ?? null, date(c.signedOn), date(c.start), date(c.end), c.annualAmount ?? null, sourceText(c.source)]),
  );
}

/** Column keys of the Financements table: the programming and COPIL formulas point at them. */
export const FUNDING_COLUMNS: ColumnSpec[] = [
  { key: 'partner', header: 'Partenaire', type: 'code', width: 11 },
  { key: 'structure', header: 'Structure', type: 'code', width: 15 },
  { key: 'name', header: 'Nom de la structure', type: 'text', width: 40 },
  { key: 'siret', header: 'SIRET', type: 'code', width: 16 },
  { key: 'year', header: 'Exercice', type: 'integer', width: 9 },
  { key: 'dispositif', header: 'Dispositif', type: 'code', width: 18 },
  { key: 'plan', header: 'Action', type: 'code', width: 8 },
  { key: 'axis', header: 'Axe', type: 'code', width: 6 },
  { key: 'requested', header: 'Montant demandé', type: 'amount', width: 15 },
  { key: 'voted', header: 'Montant voté', type: 'amount', width: 15 },
  { key: 'paid', header: 'Montant versé', type: 'amount', width: 15 },
  { key: 'status', header: 'Statut', type: 'text', width: 13, list: STATUS_VALUES },
  { key: 'decision', header: 'Date de décision', type: 'date', width: 13 },
  { key: 'convention', header: 'Référence convention', type: 'text', width: 18 },
  { key: 'object', header: 'Objet', type: 'text', width: 36 },
  { key: 'source', header: 'Source', type: 'text', width: 44 },
];

export function fundingsSheet(ds: Dataset, ref: Reference, findings: Finding[]): SheetSpec {
  const sev = severityBySource(findings);
  const highlights: Highlight[] = [];
  const lines = ds.fundings.filter((l) => !l.duplicateOf);
  const siretOf = new Map(ds.structures.map((s) => [s.code, s.siret]));
  const rows = lines.map((l, i) => {
    const level = sev.get(`${l.source.file}|${l.source.sheet}|${l.source.row}`);
    if (level) highlights.push({ row: i, level });
    return [
      l.partner,
      l.structure ?? null,
      l.structureName,
      l.siret ?? (l.structure ? siretOf.get(l.structure) : undefined) ?? null,
      l.year,
      l.dispositif ?? null,
      l.plan ?? null,
      l.axis ?? null,
      l.requested ?? null,
      l.voted ?? null,
      l.paid ?? null,
      l.status,
      date(l.decisionDate),
      l.conventionRef ?? null,
      l.object ?? null,
      sourceText(l.source),
    ];
  });
  const columns = FUNDING_COLUMNS.map((c) =>
    c.key === 'partner'
      ? { ...c, list: ref.partners.map((p) => p.code) }
      : c.key === 'dispositif'
        ? { ...c, listRange: `'Dispositifs'!$B$2:$B$${ref.dispositifs.length + 1}` }
        : c.key === 'plan'
          ? { ...c, listRange: planCodesRange(ref) }
          : c,
  );
  return tableSheet('Financements', 'Financements', columns, rows, highlights);
}
