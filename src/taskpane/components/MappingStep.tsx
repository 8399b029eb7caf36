import { Badge, Button, Dropdown, Field as FuiField, Input, Option, Text } from '@fluentui/react-components';
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
import type { ColumnSource } from '../session';
import { SavedCorrections } from './SavedCorrections';

export interface MappingStepProps {
  readings: SheetReading[];
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
    <FuiField label="Exercice" className="mapping-field" validationState={error ? 'error' : 'none'} validationMessage={error}>
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

/** One sheet: partner, year, and every column of its header row with its field. */
function SheetMapping({ r, p }: { r: SheetReading; p: MappingStepProps }) {
  const where = `${r.file} › ${r.sheet}`;
  return (
    <details className="card" data-testid="mapping-sheet">
      <summary>
        <span className="wrap">{where}</span> — {KIND_LABEL[r.kind]}, en-tête ligne {r.headerRow ?? '?'}
        {r.headerHeight === 2 ? ' (sur deux lignes)' : ''}, {r.records.length} ligne{r.records.length > 1 ? 's' : ''}
      </summary>
      {p.hasCorrections(r.file, r.sheet) && (
        <Button size="small" disabled={p.busy} onClick={() => p.onResetSheet(r.file, r.sheet)} aria-label={`Rétablir la détection pour toute la feuille ${where}`}>
          Rétablir la détection (toute la feuille)
        </Button>
      )}
      <div className="mapping-row">
        <FuiField label="Partenaire" className="mapping-field">
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
      {columnRows(r).map(({ header, choice, ignored }) => {
        const source = p.columnSource(r.file, r.sheet, header);
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
          </FuiField>
        );
      })}
    </details>
  );
}

/** Step 2: the detected header row and column mapping of each sheet, editable, reversible and saved. */
export function MappingStep(p: MappingStepProps) {
  const sheets = p.readings.filter((r) => r.kind !== 'ignored');
  const ambiguous = ambiguousChoices(p.ambiguous);
  return (
    <section aria-labelledby="corresp-titre" className="step">
      <h2 id="corresp-titre">Correspondances</h2>
      {sheets.length === 0 && <Text as="p">Aucune feuille reconnue pour l'instant : commencez par l'étape Sources.</Text>}
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
