import { Button, Caption1, Checkbox, ProgressBar, Text } from '@fluentui/react-components';
import { useRef } from 'react';
import type { SheetReading } from '../../core/import/read-sheet';
import type { RejectedInput } from '../../core/model/grid';
import { KIND_LABEL } from '../labels';

export interface SourcesStepProps {
  isExcel: boolean;
  canInsert: boolean;
  insert: boolean;
  onInsertChange: (v: boolean) => void;
  busy: boolean;
  progress?: { value: number; label: string };
  readings: SheetReading[];
  rejected: RejectedInput[];
  onFiles: (files: File[]) => void;
  onReadWorkbook: () => void;
  onRemove: (file: string) => void;
}

const rowsOf = (r: SheetReading) => r.records.length;

/** Step 1: what is read, from the open workbook and from partner files, and what it was recognised as. */
export function SourcesStep(p: SourcesStepProps) {
  const input = useRef<HTMLInputElement>(null);
  const files = [...new Set(p.readings.map((r) => r.file))];
  return (
    <section aria-labelledby="sources-titre" className="step">
      <h2 id="sources-titre">Sources</h2>
      <Text as="p">Choisissez les classeurs des partenaires (.xlsx, .xlsm ou export .csv){p.isExcel ? ' ou lisez les feuilles du classeur ouvert' : ''}.</Text>
      <div className="actions">
        <input
          ref={input}
          id="fichiers"
          data-testid="file-input"
          type="file"
          multiple
          accept=".xlsx,.xlsm,.csv,.txt"
          className="visually-hidden"
          onChange={(e) => {
            const list = Array.from(e.target.files ?? []);
            e.target.value = '';
            if (list.length) p.onFiles(list);
          }}
        />
        <Button appearance="primary" disabled={p.busy} onClick={() => input.current?.click()}>
          Choisir des fichiers…
        </Button>
        {p.isExcel && (
          <Button disabled={p.busy} onClick={p.onReadWorkbook}>
            Lire les feuilles du classeur
          </Button>
        )}
      </div>
      {p.isExcel && p.canInsert && (
        <Checkbox checked={p.insert} onChange={(_, d) => p.onInsertChange(!!d.checked)} label="Copier les feuilles des fichiers choisis dans ce classeur" />
      )}
      {p.progress && (
        <div aria-live="polite">
          <ProgressBar value={p.progress.value} thickness="large" aria-label="Lecture en cours" />
          <Caption1>{p.progress.label}</Caption1>
        </div>
      )}
      {p.rejected.map((r) => (
        <p key={r.file} className="rejected" role="alert">
          {r.error}
        </p>
      ))}
      {files.map((file) => (
        <div key={file} className="card" data-testid="source-file">
          <div className="card-head">
            <strong className="wrap">{file}</strong>
            <Button size="small" appearance="subtle" disabled={p.busy} onClick={() => p.onRemove(file)} aria-label={`Retirer ${file}`}>
              Retirer
            </Button>
          </div>
          <ul className="plain">
            {p.readings
              .filter((r) => r.file === file)
              .map((r) => (
                <li key={r.sheet} data-testid="source-sheet">
                  <span className="wrap">« {r.sheet} »</span> — {KIND_LABEL[r.kind]}
                  {r.kind !== 'ignored' && (
                    <>
                      {r.partner ? `, ${r.partner}` : ', partenaire inconnu'}
                      {r.year ? `, ${r.year}` : ''}, {rowsOf(r)} ligne{rowsOf(r) > 1 ? 's' : ''}
                    </>
                  )}
                  {r.kind === 'ignored' && r.reason ? ` (${r.reason})` : ''}
                </li>
              ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
