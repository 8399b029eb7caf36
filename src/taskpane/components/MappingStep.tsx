import { Badge, Button, Dropdown, Field as FuiField, Input, Option, Text } from '@fluentui/react-components';
import type { Partner } from '../../core/model/domain';
import { FIELD_NAMES, type Field } from '../../core/import/fields';
import type { SheetReading } from '../../core/import/read-sheet';
import type { Finding } from '../../core/model/finding';
import { KIND_LABEL, confidenceLabel, fieldLabel } from '../labels';

export interface MappingStepProps {
  readings: SheetReading[];
  ambiguous: Finding[];
  busy: boolean;
  partners: Partner[];
  onField: (file: string, sheet: string, header: string, field: Field | null) => void;
  onPartnerYear: (file: string, sheet: string, partner: string | undefined, year: number | undefined) => void;
  onSave: () => void;
}

const IGNORE = '__ignorer__';

/** Step 2: the detected header row and column mapping of each sheet, editable and saved. */
export function MappingStep(p: MappingStepProps) {
  const sheets = p.readings.filter((r) => r.kind !== 'ignored');
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
          {r.columns.map((c) => (
            <FuiField key={c.header} label={`« ${c.header} »`} className="mapping-field">
              <div className="mapping-row">
                <Dropdown
                  aria-label={`Champ de la colonne ${c.header}`}
                  value={fieldLabel(c.field)}
                  selectedOptions={[c.field]}
                  disabled={p.busy}
                  onOptionSelect={(_, d) => p.onField(r.file, r.sheet, c.header, d.optionValue === IGNORE ? null : (d.optionValue as Field))}
                >
                  <Option value={IGNORE}>(ignorer cette colonne)</Option>
                  {FIELD_NAMES.map((f) => (
                    <Option key={f} value={f}>
                      {fieldLabel(f)}
                    </Option>
                  ))}
                </Dropdown>
                <Badge appearance="tint" color={c.confidence >= 0.9 ? 'success' : c.confidence >= 0.75 ? 'informative' : 'warning'}>
                  {Math.round(c.confidence * 100)} % {confidenceLabel(c.confidence)}
                </Badge>
              </div>
            </FuiField>
          ))}
        </details>
      ))}
      {p.ambiguous.length > 0 && (
        <>
          <h3>Structures à confirmer</h3>
          <ul className="plain">
            {p.ambiguous.map((f, i) => (
              <li key={i} className="wrap">
                {f.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
