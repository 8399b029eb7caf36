import { Button, Checkbox, ProgressBar, Text } from '@fluentui/react-components';
import type { SheetSpec } from '../../core/model/sheet-spec';

export interface ProgrammingStepProps {
  isExcel: boolean;
  busy: boolean;
  fundedYears: number[];
  years: number[];
  onYear: (year: number, ticked: boolean) => void;
  /** What will be written; empty when no year is ticked. */
  sheets: SheetSpec[];
  progress?: { value: number; label: string };
  onGenerate: () => void;
}

/** Step 5: the years (new ones ticked), then the generated sheets written in the workbook or downloaded. */
export function ProgrammingStep(p: ProgrammingStepProps) {
  const none = p.fundedYears.length > 0 && p.years.length === 0;
  return (
    <section aria-labelledby="prog-titre" className="step">
      <h2 id="prog-titre" tabIndex={-1}>Programmation et synthèse</h2>
      {p.fundedYears.length === 0 && <Text as="p">Aucun exercice financé pour l'instant : importez d'abord les classeurs des partenaires.</Text>}
      <fieldset className="years">
        <legend>Exercices</legend>
        {p.fundedYears.map((y) => (
          <Checkbox key={y} label={String(y)} checked={p.years.includes(y)} onChange={(_, d) => p.onYear(y, !!d.checked)} />
        ))}
      </fieldset>
      {none ? (
        <p className="rejected" role="status" data-testid="no-year">
          Aucun exercice coché : rien ne sera produit. Cochez au moins un exercice.
        </p>
      ) : (
        <Text as="p">Feuilles produites :</Text>
      )}
      <ul className="plain" data-testid="sheet-list">
        {p.sheets.map((s) => (
          <li key={s.name}>{s.name}</li>
        ))}
      </ul>
      {/* nothing to produce without a funded year ticked */}
      <Button appearance="primary" disabled={p.busy || p.sheets.length === 0 || p.years.length === 0} onClick={p.onGenerate}>
        {p.isExcel ? 'Écrire les feuilles dans le classeur' : 'Télécharger le classeur'}
      </Button>
      {p.progress && (
        <div aria-live="polite">
          <ProgressBar value={p.progress.value} thickness="large" aria-label="Écriture en cours" />
          <small>{p.progress.label}</small>
        </div>
      )}
    </section>
  );
}
