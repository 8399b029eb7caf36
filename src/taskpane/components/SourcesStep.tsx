import { Badge, Button, Caption1, Checkbox, Dropdown, Option, ProgressBar, Text } from '@fluentui/react-components';
import { useRef, type ReactNode } from 'react';
import { SHEET_KINDS } from '../../core/import/classify-sheet';
import type { SheetKind, SheetReading } from '../../core/import/read-sheet';
import type { RejectedInput } from '../../core/model/grid';
import { KIND_CHOICE, KIND_LABEL, kindBadge } from '../labels';
import { FAMILY_LABEL, ledgerSentence, readingLedger, unexplainedSentences } from '../open-data';
import type { ColumnSource } from '../session';
import { GrantorCodes, type GrantorCodesProps } from './GrantorCodes';
import { HiddenFileInput } from './HiddenFileInput';
import { ReferencePanel, type ReferencePanelProps } from './ReferencePanel';

export interface SourcesStepProps {
  isExcel: boolean;
  canInsert: boolean;
  insert: boolean;
  onInsertChange: (v: boolean) => void;
  busy: boolean;
  progress?: { value: number; label: string };
  readings: SheetReading[];
  /** Every file read (in order), even one where no sheet gave a reading. */
  readFiles: string[];
  rejected: RejectedInput[];
  onFiles: (files: File[]) => void;
  onReadWorkbook: () => void;
  onRemove: (file: string) => void;
  /** Where a sheet's kind comes from (by hand, saved correction, detection). */
  kindSource: (file: string, sheet: string) => ColumnSource;
  /** The user chose what the sheet is: it is read again as that kind. */
  onKind: (file: string, sheet: string, kind: SheetKind) => void;
  onResetKind: (file: string, sheet: string) => void;
  /** « Refuser » last year's corrections applied to this renamed sheet. */
  onRefuseReuse: (file: string, sheet: string, from: { file: string; sheet: string }) => void;
  /** Opens the Correspondances step on this column's field (a column whose money no line holds). */
  onOpenColumn: (file: string, sheet: string, header: string) => void;
  reference: ReferencePanelProps;
  /** The grantors of open-data exports that are no partner, to give a code. */
  grantors: GrantorCodesProps;
}

const rowsOf = (r: SheetReading) => r.records.length;

/** One input (read or refused) with its « Retirer » button. */
function FileCard({ file, busy, onRemove, children }: { file: string; busy: boolean; onRemove: (f: string) => void; children: ReactNode }) {
  return (
    <div className="card" data-testid="source-file" data-file={file}>
      <div className="card-head">
        <h3 className="wrap file-name">{file}</h3>
        <Button size="small" appearance="subtle" disabled={busy} onClick={() => onRemove(file)} aria-label={`Retirer ${file}`} data-testid="remove-file">
          Retirer
        </Button>
      </div>
      {children}
    </div>
  );
}

/** A sheet's kind with its confidence, the choice of another kind, and « Rétablir la détection ». */
function SheetKindChoice({ r, p }: { r: SheetReading; p: SourcesStepProps }) {
  const where = `${r.file} › ${r.sheet}`;
  const source = p.kindSource(r.file, r.sheet);
  const badge = kindBadge(r.kind, source, r.kindConfidence);
  return (
    <div className="mapping-row">
      <Badge appearance="tint" color={badge.color} data-testid="kind-badge" className="wrap kind-badge">
        {badge.text}
      </Badge>
      <Dropdown
        size="small"
        aria-label={`Nature de la feuille ${where}`}
        // a sheet the detection did not recognise: its kind is to choose, not « Ignorée » by anyone's choice
        value={r.kind === 'ignored' && source === 'detection' ? 'Choisir sa nature…' : KIND_CHOICE[r.kind]}
        selectedOptions={r.kind === 'ignored' && source === 'detection' ? [] : [r.kind]}
        disabled={p.busy}
        onOptionSelect={(_, d) => d.optionValue && d.optionValue !== r.kind && p.onKind(r.file, r.sheet, d.optionValue as SheetKind)}
      >
        {SHEET_KINDS.map((k) => (
          <Option key={k} value={k}>
            {KIND_CHOICE[k]}
          </Option>
        ))}
      </Dropdown>
      {source === 'main' && (
        <Button size="small" appearance="subtle" disabled={p.busy} onClick={() => p.onResetKind(r.file, r.sheet)} aria-label={`Rétablir la détection pour la nature de ${where}`}>
          Rétablir la détection
        </Button>
      )}
    </div>
  );
}

/**
 * Where a funding sheet's lines and euros went (its ledger): lines read, counted, set aside by
 * reason with their amounts, and money found in no line with its range; the open-data schema.
 */
function SheetLedgerText({ r, p }: { r: SheetReading; p: SourcesStepProps }) {
  const l = readingLedger(r);
  if (!l && !r.openData) return null;
  const lost = l ? unexplainedSentences(l) : [];
  // « colonne « Subvention 2019 » non utilisée »: the column whose field the user can choose
  const columnOf = (i: number) => /colonne « (.+) » non utilisée/.exec(l?.unexplained[i]?.reason ?? '')?.[1];
  return (
    <div className="ledger" data-testid="sheet-ledger">
      {r.openData && (
        <p className="wrap" data-testid="open-data">
          Export de {FAMILY_LABEL[r.openData.family]} : chaque ligne désigne son attribuant.
        </p>
      )}
      {l && (
        <p className="wrap" data-testid="ledger-text">
          {ledgerSentence(l)}.
        </p>
      )}
      {lost.length > 0 && (
        <>
          <p className="wrap">Montants lus dans aucune ligne (non comptés) :</p>
          <ul className="wrap" data-testid="ledger-unexplained">
            {lost.map((t, i) => {
              const header = columnOf(i);
              return (
                <li key={t}>
                  {t}
                  {header && (
                    <>
                      {' '}
                      <Button
                        size="small"
                        appearance="transparent"
                        className="inline-action"
                        disabled={p.busy}
                        onClick={() => p.onOpenColumn(r.file, r.sheet, header)}
                        aria-label={`Choisir le champ de la colonne « ${header} » de ${r.file} › ${r.sheet}`}
                      >
                        Choisir son champ
                      </Button>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </div>
  );
}

/** Step 1: what is read, from the open workbook and from partner files, and what it was recognised as. */
export function SourcesStep(p: SourcesStepProps) {
  const input = useRef<HTMLInputElement>(null);
  const files = [...new Set([...p.readFiles, ...p.readings.map((r) => r.file)])];
  // a sheet ignored by the user's choice: not « non reconnue », and no reason of detection
  const byHand = (r: SheetReading) => r.kind === 'ignored' && p.kindSource(r.file, r.sheet) !== 'detection';
  return (
    <section aria-labelledby="sources-titre" className="step">
      <h2 id="sources-titre" tabIndex={-1}>
        Sources
      </h2>
      <Text as="p">Choisissez les classeurs des partenaires (.xlsx, .xlsm, .xls, .ods ou export .csv){p.isExcel ? ' ou lisez les feuilles du classeur ouvert' : ''}.</Text>
      <div className="actions">
        <HiddenFileInput ref={input} testId="file-input" multiple accept=".xlsx,.xlsm,.xls,.ods,.csv,.txt" onFiles={p.onFiles} />
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
        <FileCard key={r.file} file={r.file} busy={p.busy} onRemove={p.onRemove}>
          <p className="rejected">Non lu : {r.error}</p>
        </FileCard>
      ))}
      {files.map((file) => (
        <FileCard key={file} file={file} busy={p.busy} onRemove={p.onRemove}>
          {!p.readings.some((r) => r.file === file) && <p>Ce fichier ne contient aucune feuille.</p>}
          {p.readings.some((r) => r.file === file) && p.readings.filter((r) => r.file === file).every((r) => r.kind === 'ignored') && (
            <p className="wrap" data-testid="nothing-recognised">
              Aucune feuille reconnue : dites ce qu'est chaque feuille (« Nature de la feuille »), puis ses colonnes à l'étape Correspondances.
            </p>
          )}
          <ul className="plain">
            {p.readings
              .filter((r) => r.file === file)
              .map((r) => (
                <li key={r.sheet} className="source-sheet">
                  <span data-testid="source-sheet">
                    <span className="wrap">« {r.sheet} »</span> — {byHand(r) ? 'Ignorée' : KIND_LABEL[r.kind]}
                    {r.kind === 'legend' && `, ${r.legend?.length ?? 0} code${(r.legend?.length ?? 0) > 1 ? 's' : ''}`}
                    {r.kind !== 'ignored' && r.kind !== 'legend' && (
                      <>
                        {r.partner ? `, ${r.partner}` : ', partenaire inconnu'}
                        {r.year ? `, ${r.year}` : ''}, {rowsOf(r)} ligne{rowsOf(r) > 1 ? 's' : ''}
                      </>
                    )}
                    {r.kind === 'ignored' && r.reason && !byHand(r) ? ` (${r.reason})` : ''}
                  </span>
                  {r.appliedFrom && (
                    <p className="wrap applied-from" data-testid="applied-from">
                      Corrections de l'an dernier appliquées (enregistrées pour {r.appliedFrom.file} › {r.appliedFrom.sheet}, même en-tête).{' '}
                      <Button
                        size="small"
                        disabled={p.busy}
                        onClick={() => p.onRefuseReuse(r.file, r.sheet, r.appliedFrom!)}
                        aria-label={`Refuser les corrections de l'an dernier pour ${r.file} › ${r.sheet}`}
                      >
                        Refuser
                      </Button>
                    </p>
                  )}
                  {r.kind === 'fundings' && <SheetLedgerText r={r} p={p} />}
                  <SheetKindChoice r={r} p={p} />
                </li>
              ))}
          </ul>
        </FileCard>
      ))}
      <GrantorCodes {...p.grantors} />
      <ReferencePanel {...p.reference} />
    </section>
  );
}
