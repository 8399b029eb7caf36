import type { Dispositif, PlanAxis, Reference } from '../model/domain';
import type { Grid } from '../model/grid';
import type { SheetSpec, SpecValue, TableSpec } from '../model/sheet-spec';
import { cellText } from '../parse/cell-text';
import { normaliseText } from '../parse/normalise-text';
import { parseSiret } from '../parse/parse-siret';

/**
 * The reference as a `Référentiel` sheet, and back: a new plan (the next agreement), a new partner
 * or a new dispositif is a change in that sheet, never in code. Sections are tables placed one
 * under the other, each with a header row.
 */
const SECTIONS = {
  Parametres: ['Paramètre', 'Valeur'],
  // SIRET: the partner's, published as idAttribuant in the SCDL export; optional (older sheets lack it)
  Partenaires: ['Code', 'Nom', 'Type', 'Actif', 'Alias', 'Signataires', 'SIRET'],
  Plan: ['Niveau', 'Code', 'Libellé'],
  Dispositifs: ['Partenaire', 'Code', 'Libellé', 'Mots-clés', "S'applique à", 'Exige', 'Type exigé', 'Action par défaut'],
  TypesConvention: ['Partenaire', 'Code', 'Libellé', 'Mots-clés', 'Suit l’agrément'],
  Priorites: ['Priorité'],
  EPCI: ['EPCI'],
} as const;

type SectionName = keyof typeof SECTIONS;

/** Trailing columns a sheet written by an older version may lack. */
const OPTIONAL_TRAILING: Partial<Record<SectionName, number>> = { Partenaires: 1 };

export const REFERENTIEL_SHEET = 'Référentiel';

function sectionRows(ref: Reference): Record<SectionName, SpecValue[][]> {
  const plan: SpecValue[][] = [];
  for (const a of ref.plan) {
    plan.push(['axe', a.code, a.label]);
    for (const o of a.objectives) {
      plan.push(['objectif', o.code, o.label]);
      for (const ac of o.actions) plan.push(['action', ac.code, ac.label]);
    }
  }
  return {
    Parametres: [
      ['Nom', ref.name],
      ['Début', String(ref.period.start)],
      ['Fin', String(ref.period.end)],
      ['Départements', ref.departements.join(', ')],
      ['Seuil convention', ref.conventionThreshold],
    ],
    Partenaires: ref.partners.map((p) => [p.code, p.name, p.type, p.active ? 'Oui' : 'Non', p.aliases.join(' ; '), (p.signatories ?? []).join(' ; '), p.siret ?? null]),
    Plan: plan,
    Dispositifs: ref.dispositifs.map((d) => [
      d.partner,
      d.code,
      d.label,
      d.keywords.join(' ; '),
      d.appliesTo === 'all' ? 'tous' : d.appliesTo.join(', '),
      d.requires?.kind === 'agrement' ? 'agrément' : d.requires?.kind === 'convention' ? 'convention' : null,
      d.requires?.type ?? null,
      d.defaultPlan ?? null,
    ]),
    TypesConvention: ref.conventionTypes.map((t) => [t.partner, t.code, t.label, t.keywords.join(' ; '), t.followsAgrement ? 'Oui' : 'Non']),
    Priorites: ref.priorities.map((p) => [p]),
    EPCI: ref.epci.map((e) => [e]),
  };
}

export function referenceSheet(ref: Reference): SheetSpec {
  const rows = sectionRows(ref);
  const tables: TableSpec[] = [];
  let r = 3;
  for (const name of Object.keys(SECTIONS) as SectionName[]) {
    tables.push({
      name: `Ref${name}`,
      headerRow: r,
      columns: SECTIONS[name].map((h, i) => ({ key: `c${i}`, header: h, type: 'text', width: i === 2 || name === 'EPCI' ? 50 : 18 })),
      rows: rows[name],
    });
    r += rows[name].length + 3;
  }
  return {
    name: REFERENTIEL_SHEET,
    role: 'referentiel',
    blocks: [{ startRow: 1, cells: [['Référentiel — ' + ref.name]], style: 'title' }],
    tables,
  };
}

const split = (s: string) => s.split(/\s*;\s*/).map((x) => x.trim()).filter(Boolean);

/**
 * Reads a `Référentiel` sheet back. Returns the reference, or French errors naming the cell.
 */
export function readReferenceSheet(grid: Grid): { reference?: Reference; errors: string[]; warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  const found: Partial<Record<SectionName, string[][]>> = {};
  const rows = grid.rows.map((r) => r.map((v) => cellText(v)));
  for (let i = 0; i < rows.length; i++) {
    const head = rows[i].map(normaliseText);
    for (const name of Object.keys(SECTIONS) as SectionName[]) {
      const want = SECTIONS[name].slice(0, SECTIONS[name].length - (OPTIONAL_TRAILING[name] ?? 0)).map(normaliseText);
      if (found[name] || want.some((w, k) => head[k] !== w)) continue;
      const body: string[][] = [];
      for (let j = i + 1; j < rows.length && rows[j].some(Boolean); j++) body.push(rows[j]);
      found[name] = body;
    }
  }
  for (const name of ['Partenaires', 'Plan', 'Dispositifs'] as SectionName[])
    if (!found[name]) errors.push(`${grid.file} › ${grid.sheet} : section « ${name} » introuvable (ligne d'en-tête ${SECTIONS[name].join(' | ')})`);
  if (errors.length) return { errors, warnings };
  const params = new Map((found.Parametres ?? []).map((r) => [normaliseText(r[0]), r[1]]));
  const plan: PlanAxis[] = [];
  for (const [level, code, label] of found.Plan!) {
    const lv = normaliseText(level);
    if (lv === 'axe') plan.push({ code, label, objectives: [] });
    else if (lv === 'objectif') {
      const axis = plan.find((a) => code.startsWith(a.code + '.'));
      if (!axis) errors.push(`${grid.sheet} : objectif ${code} sans axe`);
      else axis.objectives.push({ code, label, actions: [] });
    } else if (lv === 'action') {
      const obj = plan.flatMap((a) => a.objectives).find((o) => code.startsWith(o.code + '.'));
      if (!obj) errors.push(`${grid.sheet} : action ${code} sans objectif`);
      else obj.actions.push({ code, label });
    } else errors.push(`${grid.sheet} : niveau « ${level} » inconnu (axe, objectif ou action)`);
  }
  const dispositifs: Dispositif[] = found.Dispositifs!.map(([partner, code, label, kw, applies, req, reqType, def]) => ({
    partner,
    code,
    label,
    keywords: split(kw ?? ''),
    appliesTo: !applies || normaliseText(applies) === 'tous' ? 'all' : (applies.split(/\s*,\s*/) as Dispositif['appliesTo'] & string[]),
    requires: req && reqType ? { kind: normaliseText(req).startsWith('agr') ? 'agrement' : 'convention', type: reqType } : undefined,
    defaultPlan: def || undefined,
  })) as Dispositif[];
  const reference: Reference = {
    name: params.get('nom') ?? 'Référentiel importé',
    period: { start: Number(params.get('debut')) || 0, end: Number(params.get('fin')) || 0 },
    partners: found.Partenaires!.map(([code, name, type, active, aliases, signatories, siret]) => ({
      code,
      name,
      type: type ?? '',
      active: normaliseText(active ?? 'oui') !== 'non',
      aliases: split(aliases ?? ''),
      signatories: split(signatories ?? ''),
      siret: partnerSiret(code, siret, grid, warnings),
    })),
    plan,
    priorities: (found.Priorites ?? []).map((r) => r[0]),
    dispositifs,
    conventionTypes: (found.TypesConvention ?? []).map(([partner, code, label, kw, follows]) => ({
      partner,
      code,
      label,
      keywords: split(kw ?? ''),
      followsAgrement: normaliseText(follows ?? '') === 'oui',
    })),
    epci: (found.EPCI ?? []).map((r) => r[0]),
    departements: (params.get('departements') ?? '07').split(/\s*,\s*/).filter(Boolean),
    conventionThreshold: Number(params.get('seuil convention')) || 23000,
  };
  return errors.length ? { errors, warnings } : { reference, errors, warnings };
}

/** A partner's SIRET cell: 14 digits with a right check digit, else a warning (idAttribuant stays empty). */
function partnerSiret(code: string, text: string | undefined, grid: Grid, warnings: string[]): string | undefined {
  const p = parseSiret(text ?? null);
  if (p.ok && p.value.length === 14) return p.value;
  if (!p.ok && p.empty) return undefined;
  warnings.push(
    `${grid.file} › ${grid.sheet} : SIRET « ${text} » du partenaire ${code} ${!p.ok && p.reason === 'checksum' ? 'à la clé de contrôle fausse' : 'invalide (14 chiffres attendus)'} : il n'est pas publié (idAttribuant vide).`,
  );
  return undefined;
}
