import { Button, Text } from '@fluentui/react-components';
import { useRef } from 'react';
import { HiddenFileInput } from './HiddenFileInput';

export interface ReferencePanelProps {
  isExcel: boolean;
  busy: boolean;
  /** Name of the reference in use, and where it was read (undefined: the embedded one). */
  name: string;
  source?: string;
  partners: number;
  dispositifs: number;
  /** Standalone: a Référentiel chosen as a file. */
  onFile: (f: File) => void;
  /** Excel: read the `Référentiel` sheet of the open workbook again. */
  onReadSheet?: () => void;
  /** Write the embedded Référentiel (as a sheet in Excel, a downloaded workbook standalone) to edit it. */
  onWriteDefault: () => void;
  onDrop: () => void;
}

/**
 * The Référentiel (partners, plan, dispositifs…): the embedded 2017-2020 agreement, or a
 * `Référentiel` sheet (the open workbook's, or a chosen file's), as the CLI's `--reference`.
 */
export function ReferencePanel(p: ReferencePanelProps) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <section aria-labelledby="referentiel-titre" className="card" data-testid="reference-panel">
      <h3 id="referentiel-titre">Référentiel</h3>
      <Text as="p" data-testid="reference-in-use" className="wrap">
        {p.source ? `« ${p.name} », lu dans ${p.source}` : `« ${p.name} » (référentiel intégré)`} : {p.partners} partenaires, {p.dispositifs} dispositifs.{' '}
      </Text>
      <Text as="p" size={200}>
        {p.isExcel
          ? 'Pour ajouter un partenaire, une action du plan ou un dispositif : écrivez la feuille « Référentiel », modifiez-la, puis relisez-la.'
          : 'Pour ajouter un partenaire, une action du plan ou un dispositif : téléchargez le référentiel, modifiez-le dans Excel, puis choisissez-le ici.'}
      </Text>
      <div className="actions">
        {p.isExcel ? (
          <Button size="small" disabled={p.busy} onClick={p.onReadSheet}>
            Relire la feuille « Référentiel »
          </Button>
        ) : (
          <>
            <HiddenFileInput ref={input} testId="reference-input" accept=".xlsx,.xlsm" onFiles={(fs) => p.onFile(fs[0])} />
            <Button size="small" disabled={p.busy} onClick={() => input.current?.click()}>
              Choisir un référentiel…
            </Button>
          </>
        )}
        <Button size="small" disabled={p.busy} onClick={p.onWriteDefault}>
          {p.isExcel ? 'Écrire le référentiel intégré dans le classeur' : 'Télécharger le référentiel intégré'}
        </Button>
        {p.source && (
          <Button size="small" disabled={p.busy} onClick={p.onDrop}>
            Revenir au référentiel intégré
          </Button>
        )}
      </div>
    </section>
  );
}
