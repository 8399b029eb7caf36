import { Tab, TabList } from '@fluentui/react-components';
import { useCallback, useRef, useState } from 'react';
import { fundedYears } from '../../core/checks/check-plan-coverage';
import type { Field } from '../../core/import/fields';
import type { Finding } from '../../core/model/finding';
import type { PipelineResult } from '../../core/pipeline';
import type { PaneHost } from '../pane-host';
import { PaneSession, yieldToUi } from '../session';
import { ControlsStep } from './ControlsStep';
import { MappingStep } from './MappingStep';
import { Notice, type NoticeData } from './Notice';
import { ProgrammingStep } from './ProgrammingStep';
import { SourcesStep } from './SourcesStep';

type Step = 'sources' | 'correspondances' | 'controles' | 'programmation';

/** Saves bytes as a file in the browser (standalone mode). */
function download(bytes: Uint8Array, name: string) {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The pane: four steps on one session; every change re-runs the core and refreshes all steps. */
export function App({ host }: { host: PaneHost }) {
  const session = useRef(new PaneSession()).current;
  const [step, setStep] = useState<Step>('sources');
  const [result, setResult] = useState<PipelineResult | undefined>();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ value: number; label: string } | undefined>();
  const [notice, setNotice] = useState<NoticeData | undefined>();
  const [insert, setInsert] = useState(false);
  const [years, setYears] = useState<number[]>([]);

  /** Runs one piece of work with the pane marked busy; errors become a French message. */
  const work = useCallback(async (what: string, f: () => Promise<void>) => {
    setBusy(true);
    setNotice(undefined);
    try {
      await f();
    } catch (e) {
      setNotice({ intent: 'error', title: `${what} : échec`, text: `${errorText(e)}. Vérifiez le fichier ou le classeur puis réessayez ; si le problème persiste, transmettez ce message à votre référent.` });
    } finally {
      setBusy(false);
      setProgress(undefined);
    }
  }, []);

  const rerun = useCallback(async () => {
    if (session.mappings === undefined && session.sources.length) session.mappings = await host.loadMappings();
    setProgress({ value: 0, label: 'Contrôles en cours…' });
    await yieldToUi();
    const r = session.run();
    setResult(r);
    setYears(session.years ?? fundedYears(r.dataset));
  }, [host, session]);

  const onFiles = (files: File[]) =>
    work('Lecture des fichiers', async () => {
      const notCopied: string[] = [];
      const keep = insert && host.insertFile ? (name: string, bytes: Uint8Array) => host.insertFile!(name, bytes).then((o) => (o.message && notCopied.push(o.message), o.sheets.length > 0)) : undefined;
      await session.addFiles(
        files.map((f) => ({ name: f.name, bytes: async () => new Uint8Array(await f.arrayBuffer()) })),
        (done, total, label) => setProgress({ value: total ? done / total : 0, label: `${label} (${done}/${total})` }),
        keep,
      );
      await rerun();
      const bad = session.rejected.length;
      setNotice(
        bad
          ? { intent: 'warning', title: `${bad} fichier(s) non lu(s)`, text: ['Les autres fichiers sont pris en compte. Enregistrez les fichiers refusés au format .xlsx puis choisissez-les à nouveau.', ...notCopied].join(' ') }
          : notCopied.length
            ? { intent: 'warning', title: `${notCopied.length} fichier(s) lu(s) sans être copié(s)`, text: notCopied.join(' ') }
            : { intent: 'success', title: 'Fichiers lus', text: `${files.length} fichier(s) lu(s). Vérifiez les correspondances puis les contrôles.` },
      );
    });

  const onReadWorkbook = () =>
    work('Lecture du classeur', async () => {
      const { sources, existing } = await host.readWorkbook!((done, total, label) => setProgress({ value: total ? done / total : 0, label }));
      session.setWorkbookGrids(sources, existing);
      await rerun();
    });

  const onField = (file: string, sheet: string, header: string, field: Field | null) =>
    work('Correspondance', async () => {
      session.setColumnField(file, sheet, header, field);
      await rerun();
    });

  const onSave = () =>
    work('Enregistrement des correspondances', async () => {
      if (session.mappings) await host.saveMappings(session.mappings);
      setNotice({
        intent: 'success',
        title: 'Correspondances enregistrées',
        text: host.kind === 'excel' ? "Elles sont gardées dans ce classeur : l'import de l'an prochain les reprendra." : 'Elles sont gardées dans ce navigateur pour le prochain import.',
      });
    });

  const onSelect = host.selectCell
    ? (f: Finding) =>
        void work('Affichage de la cellule', async () => {
          const loc = f.location;
          const ok = loc && loc.row > 0 && session.inWorkbook(loc.file, loc.sheet) && (await host.selectCell!(loc.sheet, `${loc.col ?? 'A'}${loc.row}`));
          if (!ok)
            setNotice({ intent: 'info', title: 'Cellule hors du classeur', text: `Cette anomalie concerne ${loc ? `${loc.file} › ${loc.sheet}` : 'un fichier'}, qui n'est pas une feuille de ce classeur : ouvrez ce fichier pour la corriger.` });
        })
    : undefined;

  const onYears = (ys: number[]) =>
    work('Choix des exercices', async () => {
      session.years = ys;
      setYears(ys);
      await rerun();
    });

  const onGenerate = () =>
    work(host.kind === 'excel' ? 'Écriture des feuilles' : 'Construction du classeur', async () => {
      if (host.kind === 'excel' && host.writeSheets) {
        // the notes typed since the last reading are kept: read the workbook again first
        const { existing } = await host.readWorkbook!();
        session.existing = existing;
        await rerun();
        const out = await host.writeSheets(session.sheetsToWrite(), (done, total, label) => setProgress({ value: done / total, label: `${label} (${done}/${total})` }));
        await host.applyPatches?.(session.result?.patches ?? [], out.sheetNames);
        setNotice(
          out.refused.length || out.renamed.length
            ? { intent: 'warning', title: out.refused.length ? `${out.refused.length} feuille(s) non écrite(s)` : `${out.renamed.length} feuille(s) écrite(s) sous un autre nom`, text: [...out.refused, ...out.renamed].map((r) => r.reason).join(' ') }
            : { intent: 'success', title: 'Feuilles écrites', text: `${out.written.length} feuilles mises à jour dans le classeur.` },
        );
      } else {
        setProgress({ value: 0.5, label: 'Construction du classeur…' });
        await yieldToUi();
        download(await session.workbookBytes(), `pilotage-avs-${session.asOf}.xlsx`);
        setNotice({ intent: 'success', title: 'Classeur construit', text: 'Le classeur a été téléchargé : ouvrez-le dans Excel.' });
      }
    });

  const findings = result?.findings ?? [];
  return (
    <div className="pane">
      <header>
        <h1>Pilotage AVS</h1>
        {host.kind === 'standalone' && <p className="mode">Mode autonome (hors Excel) : le résultat est téléchargé.</p>}
      </header>
      <TabList className="steps" selectedValue={step} onTabSelect={(_, d) => setStep(d.value as Step)} size="small" aria-label="Étapes">
        <Tab value="sources">1. Sources</Tab>
        <Tab value="correspondances">2. Correspondances</Tab>
        <Tab value="controles">3. Contrôles</Tab>
        <Tab value="programmation">4. Programmation</Tab>
      </TabList>
      {notice && <Notice n={notice} />}
      <main>
        {step === 'sources' && (
          <SourcesStep
            isExcel={host.kind === 'excel'}
            canInsert={host.canInsertFiles}
            insert={insert}
            onInsertChange={setInsert}
            busy={busy}
            progress={progress}
            readings={result?.readings ?? []}
            rejected={session.rejected}
            onFiles={onFiles}
            onReadWorkbook={onReadWorkbook}
            onRemove={(file) =>
              work('Retrait du fichier', async () => {
                session.removeFile(file);
                await rerun();
              })
            }
          />
        )}
        {step === 'correspondances' && (
          <MappingStep
            readings={result?.readings ?? []}
            partners={result?.reference.partners ?? []}
            ambiguous={findings.filter((f) => f.code === 'STRUCTURE_AMBIGUE')}
            busy={busy}
            onField={onField}
            onPartnerYear={(file, sheet, partner, year) =>
              work('Correspondance', async () => {
                session.setSheetPartnerYear(file, sheet, partner, year);
                await rerun();
              })
            }
            onStructure={(name, commune, code) =>
              work('Confirmation de la structure', async () => {
                session.confirmStructure(name, commune, code);
                await rerun();
                // the answer is kept with the correspondances, so that next year's import links it too
                if (session.mappings) await host.saveMappings(session.mappings);
              })
            }
            onSave={onSave}
          />
        )}
        {step === 'controles' && <ControlsStep findings={findings} onSelect={onSelect} />}
        {step === 'programmation' && (
          <ProgrammingStep
            isExcel={host.kind === 'excel'}
            busy={busy}
            fundedYears={result ? fundedYears(result.dataset) : []}
            years={years}
            onYears={onYears}
            sheets={result?.sheets ?? []}
            progress={progress}
            onGenerate={onGenerate}
          />
        )}
      </main>
    </div>
  );
}
