import { Badge, Button, Dropdown, Field as FuiField, Input, Option, Text } from '@fluentui/react-components';
import type { Partner } from '../../core/model/domain';
import { FIELD_NAMES, type Field } from '../../core/import/fields';
import type { SheetReading } from '../../core/import/read-sheet';
import type { Finding } from '../../core/model/finding';
import { KIND_LABEL, confidenceLabel, fieldLabel } from '../labels';
import { ambiguousChoices, columnRows } from '../mapping-choices';

export interface MappingStepProps {
  readings: SheetReading[];
  ambiguous: Finding[];
  busy: boolean;
  partners: Partner[];
  onField: (file: string, sheet: string, header: string, field: Field | null) => void;
  onPartnerYear: (file: string, sheet: string, partner: string | undefined, year: number | undefined) => void;
  /** The user confirmed which structure an ambiguous name is (null: none of them). */
  onStructure: (name: string, commune: string | undefined, code: string | null) => void;
  onSave: () => void;
}

const IGNORE = '__ignorer__';
const NONE = '__aucune__';

/** Step 2: the detected header row and column mapping of each sheet, editable and saved. */
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
        <details key={`${r.file}|${r.sheet}`} className="card" data-testid="mapping-sheet">
          <summary>
            <span className="wrap">
              {r.file} › {r.sheet}
            </span>{' '}
            — {KIND_LABEL[r.kind]}, en-tête ligne {r.headerRow ?? '?'}
          </summary>
          <div className="mapping-row">
            <FuiField label="Partenaire" className="mapping-field">
              <Dropdown
                aria-label={`Partenaire de ${r.sheet}`}
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
            <FuiField label="Exercice" className="mapping-field">
              <Input
                aria-label={`Exercice de ${r.sheet}`}
                type="number"
                defaultValue={r.year ? String(r.year) : ''}
                disabled={p.busy}
                onBlur={(e) => {
                  const y = Number(e.target.value);
                  if (Number.isInteger(y) && y >= 2000 && y <= 2100 && y !== r.year) p.onPartnerYear(r.file, r.sheet, r.partner, y);
                }}
              />
            </FuiField>
          </div>
          {columnRows(r).map(({ header, choice, ignored }) => (
            <FuiField key={header} label={`« ${header} »`} className="mapping-field">
              <div className="mapping-row">
                <Dropdown
                  aria-label={`Champ de la colonne ${header}`}
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
                  <Badge appearance="tint" color={choice.confidence >= 0.9 ? 'success' : choice.confidence >= 0.75 ? 'informative' : 'warning'}>
                    {Math.round(choice.confidence * 100)} % {confidenceLabel(choice.confidence)}
                  </Badge>
                ) : (
                  <Badge appearance="outline" color="subtle">
                    {ignored ? 'ignorée' : 'non reconnue'}
                  </Badge>
                )}
              </div>
            </FuiField>
          ))}
        </details>
      ))}
      {ambiguous.length > 0 && (
        <>
          <h3>Structures à confirmer</h3>
          <ul className="plain">
            {ambiguous.map((a) => (
              <li key={`${a.name}|${a.commune ?? ''}`} className="wrap" data-testid="ambiguous-structure">
                <Text as="p">{a.message}</Text>
                <Dropdown
                  aria-label={`Structure désignée par ${a.name}`}
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
    </section>
  );
}
