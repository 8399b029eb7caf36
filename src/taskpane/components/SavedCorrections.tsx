import { Button, Text } from '@fluentui/react-components';
import { isSheetKind } from '../../core/import/classify-sheet';
import type { MappingFile } from '../../core/import/mapping-file';
import type { CodedField } from '../../core/import/value-labels';
import { KIND_LABEL, fieldLabel } from '../labels';
import { FIELD_NAMES, type Field } from '../../core/import/fields';

const isField = (f: string): f is Field => (FIELD_NAMES as string[]).includes(f);

export interface SavedCorrectionsProps {
  corrections: MappingFile | undefined;
  isExcel: boolean;
  busy: boolean;
  onExport: () => void;
  onReset: () => void;
}


/**
 * The corrections kept for next time (in the workbook, or in this browser), listed sheet by
 * sheet; exported as the mapping file the command line reads (`--mapping`); forgotten on demand.
 */
export function SavedCorrections({ corrections, isExcel, busy, onExport, onReset }: SavedCorrectionsProps) {
  const sheets =
    corrections?.sheets.filter((s) => Object.keys(s.columns).length || s.partner || s.year || s.kind || s.header || s.fillDown || s.unit || s.context || s.reuse === false) ?? [];
  const structures = corrections?.structures ?? [];
  // the coded values answered (an empty answer is a value still to answer, not a correction)
  const values = Object.entries(corrections?.values ?? {}).flatMap(([field, byPartner]) =>
    Object.entries(byPartner ?? {}).flatMap(([partner, byValue]) =>
      Object.entries(byValue ?? {})
        .filter(([, code]) => code !== '')
        .map(([value, code]) => ({ field: field as CodedField, partner, value, code })),
    ),
  );
  // the open-data grantors given a code (a proposal still without one is no correction)
  const grantors = (corrections?.partners ?? []).filter((p) => p.code);
  const none = sheets.length === 0 && structures.length === 0 && values.length === 0 && grantors.length === 0;
  return (
    <section aria-labelledby="corrections-titre" className="card" data-testid="saved-corrections">
      <h3 id="corrections-titre">Corrections</h3>
      <Text as="p" size={200}>
        Celles faites ici et celles déjà enregistrées ; « Enregistrer » les garde {isExcel ? 'dans ce classeur' : 'dans ce navigateur'}, le fichier exporté se donne aussi à la ligne de commande (--mapping).
      </Text>
      {none ? (
        <Text as="p">Aucune correction pour l'instant.</Text>
      ) : (
        <ul className="plain" data-testid="correction-list">
          {sheets.map((s) => {
            const cols = Object.entries(s.columns);
            // each column named with its field: « Montant » → montant voté, « Obs. » ignorée
            const named = cols.map(([h, f]) => `« ${h} » ${f === null ? 'ignorée' : `→ ${isField(f) ? fieldLabel(f).toLowerCase() : f}`}`);
            const shown = named.length > 4 ? [...named.slice(0, 3), `et ${named.length - 3} autres`] : named;
            const label = (f: string) => (isField(f) ? fieldLabel(f).toLowerCase() : f);
            const parts = [
              cols.length ? (cols.length > 1 ? `${cols.length} colonnes (${shown.join(', ')})` : `colonne ${shown[0]}`) : '',
              s.partner ? `partenaire ${s.partner}` : '',
              s.year ? `exercice ${s.year}` : '',
              isSheetKind(s.kind) ? `lue comme « ${KIND_LABEL[s.kind]} »` : '',
              s.header ? `en-tête en ligne ${s.header}` : '',
              s.fillDown ? (s.fillDown.length ? `recopié vers le bas : ${s.fillDown.map(label).join(', ')}` : 'sans recopie vers le bas') : '',
              s.unit ? `montants en ${s.unit === 'milliers' ? "milliers d'euros" : 'euros'}` : '',
              ...Object.entries(s.context ?? {}).map(([f, v]) => `${label(f)} : « ${v} »`),
              s.reuse === false ? "corrections de l'an dernier refusées" : '',
            ].filter(Boolean);
            return (
              <li key={`${s.file}|${s.sheet}`} className="wrap">
                {s.file} › {s.sheet} : {parts.join(', ')}
              </li>
            );
          })}
          {structures.map((c) => (
            <li key={`${c.name}|${c.commune ?? ''}`} className="wrap">
              « {c.name} »{c.commune ? ` (${c.commune})` : ''} : {c.code ?? 'aucune de ces structures'}
            </li>
          ))}
          {grantors.map((g) => (
            <li key={`attribuant|${g.siret ?? ''}|${g.name}`} className="wrap">
              attribuant « {g.name} »{g.siret ? ` (${g.siret})` : ''} : partenaire {g.code}
            </li>
          ))}
          {values.map((v) => (
            <li key={`${v.field}|${v.partner}|${v.value}`} className="wrap">
              « {v.value} » ({fieldLabel(v.field).toLowerCase()}, {v.partner}) : {v.code ?? 'aucun'}
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        <Button size="small" disabled={busy} onClick={onExport}>
          Exporter les correspondances (.json)
        </Button>
        <Button size="small" disabled={busy || none} onClick={onReset}>
          Oublier toutes les corrections
        </Button>
      </div>
    </section>
  );
}
