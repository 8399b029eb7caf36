import { Badge, Button, Checkbox, Dropdown, Field as FuiField, Input, Option, Text } from '@fluentui/react-components';
import { useState } from 'react';
import type { Partner } from '../../core/model/domain';
import { FIELD_NAMES, type Field } from '../../core/import/fields';
import type { MappingFile } from '../../core/import/mapping-file';
import type { SheetReading } from '../../core/import/read-sheet';
import type { Finding } from '../../core/model/finding';
import { formatEuros } from '../../core/checks/format-fr';
import type { CodedField } from '../../core/import/value-labels';
import { KIND_LABEL, fieldLabel, sourceLabel } from '../labels';
import { ambiguousChoices, columnRows, type ValueChoice } from '../mapping-choices';
import { GROUPABLE, type ColumnSource, type SheetContextField } from '../session';
import { SavedCorrections } from './SavedCorrections';

export interface MappingStepProps {
  /** Every sheet of every file read (ignored and hidden ones too: their kind, header and columns can be chosen). */
  readings: SheetReading[];
  /** The structures' names, suggested for « Structure de toute la feuille ». */
  structureNames?: string[];
  ambiguous: Finding[];
  busy: boolean;
  partners: Partner[];
  /** Where a column's field comes from (by hand, saved correction, detection). */
  columnSource: (file: string, sheet: string, header: string) => ColumnSource;
  hasCorrections: (file: string, sheet: string) => boolean;
  onField: (file: string, sheet: string, header: string, field: Field | null) => void;
  onResetColumn: (file: string, sheet: string, header: string) => void;
  onResetSheet: (file: string, sheet: string) => void;
  onPartnerYear: (file: string, sheet: string, partner: string | undefined, year: number | undefined) => void;
  /** A value for every line of the sheet (undefined: the sheet's own). */
  onSheetValue: (file: string, sheet: string, field: SheetContextField, value: string | undefined) => void;
  /** The header's Excel row (undefined: the detection's). */
  onHeaderRow: (file: string, sheet: string, row: number | undefined) => void;
  /** The amounts' unit (undefined: the detection's). */
  onUnit: (file: string, sheet: string, unit: 'euros' | 'milliers' | undefined) => void;
  /** « Recopier vers le bas » for a field; `detected` is what is in force now. */
  onFillDown: (file: string, sheet: string, field: Field, on: boolean, detected: Field[]) => void;
  /** The user confirmed which structure an ambiguous name is (null: none of them). */
  onStructure: (name: string, commune: string | undefined, code: string | null) => void;
  /** Coded values nothing recognised, one per field, partner and value. */
  values: ValueChoice[];
  /** The user said which code this value is for its partner (null: none, left unlinked). */
  onValue: (field: CodedField, partner: string, value: string, code: string | null) => void;
  onSave: () => void;
  /** The corrections in use (saved and by hand), listed, exported, reset. */
  corrections: MappingFile | undefined;
  isExcel: boolean;
  onExport: () => void;
  onResetAll: () => void;
}

const IGNORE = '__ignorer__';
const NONE = '__aucune__';
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/** The sheet's budget year, typed: an impossible one is said so, never kept silently. */
function YearField({ r, busy, onYear }: { r: SheetReading; busy: boolean; onYear: (y: number) => void }) {
  const [text, setText] = useState(r.year ? String(r.year) : '');
  const [error, setError] = useState<string | undefined>();
  const commit = () => {
    if (!text.trim()) return setError(undefined);
    const y = Number(text);
    if (!Number.isInteger(y) || y < MIN_YEAR || y > MAX_YEAR) {
      setError(`« ${text} » n'est pas un exercice possible : tapez une année entre ${MIN_YEAR} et ${MAX_YEAR}. L'exercice retenu reste ${r.year ?? 'à préciser'}.`);
      return;
    }
    setError(undefined);
    if (y !== r.year) onYear(y);
  };
  return (
    <FuiField label="Exercice de toute la feuille" className="mapping-field" validationState={error ? 'error' : 'none'} validationMessage={error}>
      <Input
        aria-label={`Exercice de ${r.file} › ${r.sheet}`}
        inputMode="numeric"
        value={text}
        disabled={busy}
        onChange={(_, d) => setText(d.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
    </FuiField>
  );
}

/** « Structure de toute la feuille »: typed (suggestions from the structures read), applied on Enter or when leaving the field. */
function StructureField({ r, p }: { r: SheetReading; p: MappingStepProps }) {
  const where = `${r.file} › ${r.sheet}`;
  const chosen = r.choices?.context?.structureName;
  const detected = r.context?.form?.structureName;
  const [text, setText] = useState(chosen ?? '');
  const commit = () => {
    const v = text.trim();
    if (v !== (chosen ?? '')) p.onSheetValue(r.file, r.sheet, 'structureName', v || undefined);
  };
  const hint = chosen
    ? 'Saisie à la main : chaque ligne de la feuille est de cette structure. Videz le champ pour revenir à la feuille.'
    : detected
      ? `Détectée au-dessus du tableau : « ${detected} ». Saisissez-en une autre pour la remplacer.`
      : "Pour une fiche d'une seule structure dont le nom n'est pas dans le tableau : chaque ligne sera de cette structure.";
  return (
    <FuiField label="Structure de toute la feuille" className="mapping-field" hint={hint}>
      <Input
        aria-label={`Structure de toute la feuille ${where}`}
        list="structures-connues"
        value={text}
        placeholder={detected ?? 'Nom de la structure'}
        disabled={p.busy}
        onChange={(_, d) => setText(d.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
    </FuiField>
  );
}

/** The header's Excel row: typed; an impossible one is said so. */
function HeaderRowField({ r, p }: { r: SheetReading; p: MappingStepProps }) {
  const where = `${r.file} › ${r.sheet}`;
  const chosen = r.choices?.headerRow;
  const [text, setText] = useState(String(chosen ?? r.headerRow ?? ''));
  const [error, setError] = useState<string | undefined>();
  const commit = () => {
    const t = text.trim();
    if (!t) {
      setError(undefined);
      if (chosen) p.onHeaderRow(r.file, r.sheet, undefined);
      return;
    }
    const n = Number(t);
    if (!Number.isInteger(n) || n < 1 || n > 1_048_576) return setError(`« ${t} » n'est pas un numéro de ligne : tapez le numéro de la ligne d'en-tête (1, 2, 3…).`);
    setError(undefined);
    if (n !== (chosen ?? r.headerRow)) p.onHeaderRow(r.file, r.sheet, n);
  };
  return (
    <FuiField
      label="Ligne d'en-tête"
      className="mapping-field"
      validationState={error ? 'error' : 'none'}
      validationMessage={error}
      hint={chosen ? 'Choisie à la main (videz le champ pour revenir à la détection).' : r.headerRow ? 'Détectée.' : "Aucune ligne d'en-tête reconnue : tapez son numéro."}
    >
      <Input
        aria-label={`Ligne d'en-tête de ${where}`}
        type="number"
        min={1}
        inputMode="numeric"
        value={text}
        disabled={p.busy}
        onChange={(_, d) => setText(d.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
    </FuiField>
  );
}

const DETECTED = '__detection__';

/** The amounts' unit: the detection's (« K€ » written somewhere), euros or thousands of euros. */
function UnitField({ r, p }: { r: SheetReading; p: MappingStepProps }) {
  const where = `${r.file} › ${r.sheet}`;
  const chosen = r.choices?.unit;
  const thousands = r.context?.thousands ?? [];
  const detected = thousands.length ? `Détection : milliers d'euros (${thousands.map((h) => `« ${h} »`).join(', ')})` : 'Détection : euros';
  const label = { euros: 'Euros', milliers: "Milliers d'euros (K€)" } as const;
  return (
    <FuiField label="Unité des montants" className="mapping-field">
      <Dropdown
        aria-label={`Unité des montants de ${where}`}
        value={chosen ? label[chosen] : detected}
        selectedOptions={[chosen ?? DETECTED]}
        disabled={p.busy}
        onOptionSelect={(_, d) => {
          const u = d.optionValue === DETECTED ? undefined : (d.optionValue as 'euros' | 'milliers');
          if (u !== chosen) p.onUnit(r.file, r.sheet, u);
        }}
      >
        <Option value={DETECTED}>{detected}</Option>
        <Option value="euros">{label.euros}</Option>
        <Option value="milliers">{label.milliers}</Option>
      </Dropdown>
    </FuiField>
  );
}

/** One sheet: its values for every line (structure, partner, year), header row, unit, and every column of its header row with its field. */
function SheetMapping({ r, p }: { r: SheetReading; p: MappingStepProps }) {
  const where = `${r.file} › ${r.sheet}`;
  const hidden = r.kind === 'ignored' && r.reason === 'feuille masquée';
  const rows = columnRows(r);
  const filledDown = r.context?.filledDown ?? [];
  const fillChosen = r.choices?.fillDown !== undefined;
  return (
    <details className="card" data-testid="mapping-sheet" data-file={r.file} data-sheet={r.sheet}>
      <summary>
        <span className="wrap">{where}</span> — {KIND_LABEL[r.kind]}
        {hidden ? ' (feuille masquée)' : ''}
        {r.headerRow ? `, en-tête ligne ${r.headerRow}${r.headerHeight === 2 ? ' (sur deux lignes)' : ''}` : ''}
        {r.kind !== 'ignored' ? `, ${r.records.length} ligne${r.records.length > 1 ? 's' : ''}` : ''}
      </summary>
      {hidden && (
        <Text as="p" className="wrap">
          Feuille masquée dans le classeur : elle n'est lue que si vous choisissez sa nature (étape Sources, « Nature de la feuille »). Ses colonnes seront alors proposées ici.
        </Text>
      )}
      {r.kind === 'ignored' && !hidden && (
        <Text as="p" className="wrap">
          Feuille non lue{r.reason ? ` (${r.reason})` : ''} : choisissez sa nature (étape Sources), sa ligne d'en-tête ou le champ de ses colonnes.
        </Text>
      )}
      {p.hasCorrections(r.file, r.sheet) && (
        <Button size="small" disabled={p.busy} onClick={() => p.onResetSheet(r.file, r.sheet)} aria-label={`Rétablir la détection pour toute la feuille ${where}`}>
          Rétablir la détection (toute la feuille)
        </Button>
      )}
      {!hidden && (
        <>
          <StructureField key={`s${r.choices?.context?.structureName ?? ''}`} r={r} p={p} />
          <div className="mapping-row">
            <HeaderRowField key={`h${r.choices?.headerRow ?? r.headerRow ?? ''}`} r={r} p={p} />
            {r.kind !== 'ignored' && r.kind !== 'legend' && <UnitField r={r} p={p} />}
          </div>
        </>
      )}
      <div className="mapping-row">
        <FuiField label="Partenaire de toute la feuille" className="mapping-field">
          <Dropdown
            aria-label={`Partenaire de ${where}`}
            value={p.partners.find((x) => x.code === r.partner)?.name ?? r.partner ?? 'à préciser'}
            selectedOptions={r.partner ? [r.partner] : []}
            disabled={p.busy}
            onOptionSelect={(_, d) => p.onPartnerYear(r.file, r.sheet, d.optionValue, r.year)}
          >
            {p.partners.map((x) => (
              <Option key={x.code} value={x.code}>
                {x.name}
              </Option>
            ))}
          </Dropdown>
        </FuiField>
        <YearField key={`${r.year ?? ''}`} r={r} busy={p.busy} onYear={(y) => p.onPartnerYear(r.file, r.sheet, r.partner, y)} />
      </div>
      {!hidden && rows.length === 0 && <Text as="p">Aucune colonne : indiquez la ligne d'en-tête ci-dessus.</Text>}
      {rows.length > 0 && <h3 className="columns-title">Colonnes de la ligne {r.headerRow ?? '?'}</h3>}
      {rows.map(({ header, choice, ignored }) => {
        const source = p.columnSource(r.file, r.sheet, header);
        const groupable = choice && GROUPABLE.includes(choice.field) && r.kind !== 'ignored' ? choice.field : undefined;
        return (
          <FuiField key={header} label={`« ${header} »`} className="mapping-field">
            <div className="mapping-row">
              <Dropdown
                aria-label={`Champ de la colonne « ${header} » de ${where}`}
                value={choice ? fieldLabel(choice.field) : 'Ignorer la colonne'}
                selectedOptions={[choice ? choice.field : IGNORE]}
                disabled={p.busy}
                onOptionSelect={(_, d) => {
                  const field = d.optionValue === IGNORE ? null : (d.optionValue as Field);
                  if (field !== (choice?.field ?? null)) p.onField(r.file, r.sheet, header, field);
                }}
              >
                <Option value={IGNORE}>Ignorer la colonne</Option>
                {FIELD_NAMES.map((f) => (
                  <Option key={f} value={f}>
                    {fieldLabel(f)}
                  </Option>
                ))}
              </Dropdown>
              {choice ? (
                <Badge appearance="tint" color={source !== 'detection' ? 'brand' : choice.confidence >= 0.9 ? 'success' : choice.confidence >= 0.75 ? 'informative' : 'warning'} data-testid="column-badge">
                  {sourceLabel(source, choice.confidence)}
                </Badge>
              ) : (
                <Badge appearance="tint" color={ignored ? 'subtle' : 'warning'} data-testid="column-badge">
                  {ignored ? 'ignorée' : 'non reconnue'}
                </Badge>
              )}
              {source !== 'detection' && (
                <Button size="small" appearance="subtle" disabled={p.busy} onClick={() => p.onResetColumn(r.file, r.sheet, header)} aria-label={`Rétablir la détection pour la colonne « ${header} » de ${where}`}>
                  Rétablir la détection
                </Button>
              )}
            </div>
            {groupable && (
              <Checkbox
                className="fill-down"
                disabled={p.busy}
                checked={filledDown.includes(groupable)}
                onChange={(_, d) => p.onFillDown(r.file, r.sheet, groupable, !!d.checked, filledDown)}
                aria-label={`Recopier vers le bas la colonne « ${header} » de ${where}`}
                label={`Recopier vers le bas (valeur écrite une fois par groupe)${fillChosen ? ' — choix manuel' : filledDown.includes(groupable) ? ' — détecté' : ''}`}
              />
            )}
          </FuiField>
        );
      })}
    </details>
  );
}

/** Step 2: the detected header row and column mapping of each sheet, editable, reversible and saved. */
export function MappingStep(p: MappingStepProps) {
  const sheets = p.readings;
  const ambiguous = ambiguousChoices(p.ambiguous);
  return (
    <section aria-labelledby="corresp-titre" className="step">
      <h2 id="corresp-titre" tabIndex={-1}>Correspondances</h2>
      {sheets.length === 0 && <Text as="p">Aucune feuille lue pour l'instant : commencez par l'étape Sources.</Text>}
      <datalist id="structures-connues">
        {(p.structureNames ?? []).map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      {sheets.length > 0 && (
        <Button appearance="primary" disabled={p.busy} onClick={p.onSave}>
          Enregistrer les correspondances
        </Button>
      )}
      {sheets.map((r) => (
        <SheetMapping key={`${r.file}|${r.sheet}`} r={r} p={p} />
      ))}
      {ambiguous.length > 0 && (
        <>
          <h3>Structures à confirmer</h3>
          <ul className="plain">
            {ambiguous.map((a) => (
              <li key={`${a.name}|${a.commune ?? ''}`} className="wrap" data-testid="ambiguous-structure">
                <Text as="p">{a.message}</Text>
                <Dropdown
                  aria-label={`Structure désignée par ${a.name}${a.commune ? ` (${a.commune})` : ''}`}
                  placeholder="Choisir la structure…"
                  disabled={p.busy}
                  onOptionSelect={(_, d) => d.optionValue && p.onStructure(a.name, a.commune, d.optionValue === NONE ? null : d.optionValue)}
                >
                  {a.candidates.map((c) => (
                    <Option key={c.code} value={c.code} text={c.label}>
                      {c.label}
                    </Option>
                  ))}
                  <Option value={NONE}>Aucune de ces structures</Option>
                </Dropdown>
              </li>
            ))}
          </ul>
        </>
      )}
      {p.values.length > 0 && (
        <>
          <h3>Valeurs à faire correspondre</h3>
          <Text as="p" size={200}>
            Ces codes ne sont ni dans le référentiel, ni expliqués par une légende : dites ce qu'ils désignent, une fois par partenaire. Le choix est enregistré avec les correspondances.
          </Text>
          <ul className="plain">
            {p.values.map((v) => {
              const partner = p.partners.find((x) => x.code === v.partner)?.name ?? v.partner;
              const what = fieldLabel(v.field).toLowerCase();
              return (
                <li key={`${v.field}|${v.partner}|${v.value}`} className="wrap" data-testid="unknown-value" data-value={v.value}>
                  <Text as="p">
                    « {v.value} » ({what}, {partner}) : {v.count} ligne{v.count > 1 ? 's' : ''}, {formatEuros(v.amount)} voté{v.count > 1 ? 's' : ''}, non reconnu.
                  </Text>
                  <Dropdown
                    aria-label={`${fieldLabel(v.field)} désigné par « ${v.value} » (${partner})`}
                    placeholder="Choisir la correspondance…"
                    disabled={p.busy}
                    onOptionSelect={(_, d) => d.optionValue && p.onValue(v.field, v.partner, v.value, d.optionValue === NONE ? null : d.optionValue)}
                  >
                    {v.options.map((o) => (
                      <Option key={o.code} value={o.code} text={o.label}>
                        {o.label}
                      </Option>
                    ))}
                    <Option value={NONE}>Aucun (ne pas rattacher)</Option>
                  </Dropdown>
                </li>
              );
            })}
          </ul>
        </>
      )}
      <SavedCorrections corrections={p.corrections} isExcel={p.isExcel} busy={p.busy} onExport={p.onExport} onReset={p.onResetAll} />
    </section>
  );
}
