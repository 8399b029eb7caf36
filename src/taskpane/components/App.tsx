import { Tab, TabList } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Field } from '../../core/import/fields';
import type { SheetKind } from '../../core/import/read-sheet';
import type { CodedField } from '../../core/import/value-labels';
import type { Finding } from '../../core/model/finding';
import type { PipelineResult } from '../../core/pipeline';
import { defaultReference } from '../../core/reference/default-reference';
import { referenceSheet } from '../../core/reference/referentiel-sheet';
import { totalsView } from '../../core/report/totals-view';
import type { PaneHost } from '../pane-host';
import { KIND_LABEL, fieldLabel } from '../labels';
import { valueChoices } from '../mapping-choices';
import { codeOutcome, grantorRows, ledgerSums, outcomeSentence, outsideLists } from '../open-data';
import { PaneSession, yieldToUi } from '../session';
import { ControlsStep } from './ControlsStep';
import { MappingStep } from './MappingStep';
import { Notice, type NoticeData } from './Notice';
import { ProgrammingStep } from './ProgrammingStep';
import { SourcesStep } from './SourcesStep';
import { TotalsStep } from './TotalsStep';

type Step = 'sources' | 'correspondances' | 'controles' | 'totaux' | 'programmation';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Saves bytes as a file in the browser (standalone mode). */
function download(bytes: Uint8Array | string, name: string, type = XLSX) {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));
const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;
/** After a render: the element to focus exists and is enabled again. */
const afterRender = (f: () => void) => setTimeout(f, 30);
const byLabel = (label: string | null | undefined) => (label ? document.querySelector<HTMLElement>(`[aria-label="${CSS.escape(label)}"]`) : null);
/** Nothing has the focus: it fell to the page when the element was disabled or removed. */
const focusLost = () => !document.activeElement || document.activeElement === document.body;

/** The pane: five steps on one session; every change re-runs the core and refreshes all steps. */
export function App({ host }: { host: PaneHost }) {
  const session = useRef(new PaneSession()).current;
  const [step, setStep] = useState<Step>('sources');
  const [result, setResult] = useState<PipelineResult | undefined>();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ value: number; label: string } | undefined>();
  const [notice, setNotice] = useState<NoticeData | undefined>();
  const [insert, setInsert] = useState(false);
  /** What a change said without moving the focus (a polite live region). */
  const [said, setSaid] = useState('');
  const noticeBox = useRef<HTMLDivElement>(null);
  const hasInputs = session.sources.length > 0 || session.rejected.length > 0;

  // files and choices live only in this page: say so before a reload or a close loses them
  useEffect(() => {
    if (!hasInputs) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [hasInputs]);

  /** A message after an action the user started: shown, and the focus moves to it (not to the page body). */
  const tell = useCallback((n: NoticeData) => {
    setNotice(n);
    afterRender(() => noticeBox.current?.focus());
  }, []);

  /**
   * Runs one piece of work with the pane marked busy; errors become a French message. The control
   * that started it is disabled meanwhile: the focus goes back to it (found again by its name), or
   * to `focus` (the name of the control that takes its place), or to the step's title; never to the page.
   */
  const work = useCallback(
    async (what: string, f: () => Promise<void>, focus?: string) => {
      const from = (document.activeElement as HTMLElement | null)?.getAttribute('aria-label');
      setBusy(true);
      setNotice(undefined);
      setSaid('');
      try {
        await f();
      } catch (e) {
        tell({ intent: 'error', title: `${what} : échec`, text: `${errorText(e)}. Vérifiez le fichier ou le classeur puis réessayez ; si le problème persiste, transmettez ce message à votre référent.` });
      } finally {
        setBusy(false);
        setProgress(undefined);
        // checked once the pane is drawn again, and once more after a slower render (a remounted field)
        const restore = () => {
          if (focusLost()) (byLabel(from) ?? byLabel(focus) ?? document.querySelector<HTMLElement>('main h2'))?.focus();
        };
        afterRender(restore);
        setTimeout(restore, 250);
      }
    },
    [tell],
  );

  const rerun = useCallback(async () => {
    if (session.sources.length) await session.loadSaved(host.loadMappings);
    setProgress({ value: 0, label: 'Contrôles en cours…' });
    await yieldToUi();
    setResult(session.run());
  }, [host, session]);

  const onFiles = (files: File[]) =>
    work('Lecture des fichiers', async () => {
      const notCopied: string[] = [];
      const keep = insert && host.insertFile ? (name: string, bytes: Uint8Array) => host.insertFile!(name, bytes).then((o) => (o.message && notCopied.push(o.message), o.sheets.length > 0)) : undefined;
      const { read, refused } = await session.addFiles(
        files.map((f) => ({ name: f.name, bytes: async () => new Uint8Array(await f.arrayBuffer()) })),
        (done, total, label) => setProgress({ value: total ? done / total : 0, label: `${label} (${done}/${total})` }),
        keep,
      );
      await rerun();
      // what this choice of files gave: read, refused, and read files where no sheet was recognised
      const readings = session.result?.readings ?? [];
      const empty = read.filter((f) => !readings.some((r) => r.file === f && r.kind !== 'ignored'));
      const useful = read.length - empty.length;
      const carried = readings.filter((r) => r.appliedFrom && read.includes(r.file));
      const parts = [
        read.length ? `${plural(read.length, 'fichier lu', 'fichiers lus')} sur ${files.length}` : files.length > 1 ? `Aucun des ${files.length} fichiers choisis n'a pu être lu` : "Le fichier choisi n'a pas pu être lu",
        ...notCopied,
        refused.length
          ? `non lu${refused.length > 1 ? 's' : ''} : ${refused.join(', ')} (${refused.length > 1 ? 'enregistrez-les au format .xlsx puis choisissez-les' : 'enregistrez-le au format .xlsx puis choisissez-le'} à nouveau)`
          : '',
        empty.length
          ? `aucune feuille reconnue dans ${empty.join(', ')} (ni structures, ni conventions, ni financements, ni plan) : dites ce qu'est chaque feuille ci-dessous (« Nature de la feuille »), ou ses colonnes à l'étape Correspondances`
          : '',
        carried.length ? `corrections de l'an dernier appliquées à ${plural(carried.length, 'feuille renommée', 'feuilles renommées')} (${carried.map((r) => `${r.file} › ${r.sheet}`).join(', ')} : « Refuser » sur sa carte si elles ne conviennent pas)` : '',
        grantorCount() ? `${plural(grantorCount(), 'attribuant hors référentiel', 'attribuants hors référentiel')} : leurs lignes ne sont pas comptées, rattachez-les à un partenaire plus bas` : '',
        useful ? 'Vérifiez les correspondances puis les contrôles.' : '',
      ].filter(Boolean);
      const text = parts.join(' ; ').replace(/ ; (Vérifiez)/, '. $1');
      tell(
        refused.length || empty.length || notCopied.length
          ? { intent: 'warning', title: refused.length ? plural(refused.length, 'fichier non lu', 'fichiers non lus') : 'Aucune feuille reconnue', text }
          : { intent: 'success', title: 'Fichiers lus', text },
      );
    });

  const grantorCount = () => grantorRows(session.result?.unknownGrantors ?? []).length;

  /** The user gave an open-data grantor a code: checked, saved with the correspondances, its lines read again. */
  const onGrantorCode = (g: { name: string; siret?: string; files: string[] }, code: string, isNew: boolean) => {
    const refused = session.givePartnerCode(g, code, isNew);
    if (refused) return refused;
    const before = session.result?.readings ?? [];
    void work('Rattachement de l’attribuant', async () => {
      await rerun();
      await saveNow();
      const outcome = outcomeSentence(codeOutcome(before, session.result?.readings ?? [], g.files));
      tell({
        intent: 'success',
        title: 'Attribuant rattaché',
        text: `« ${g.name} » est ${isNew ? 'le nouveau partenaire' : 'le partenaire'} ${code.trim()} : ses lignes sont relues, ${outcome}. Choix enregistré avec les correspondances.`,
      });
    });
    return undefined;
  };

  const onGrantorDrop = (g: { name: string; siret?: string }) =>
    work('Rattachement de l’attribuant', async () => {
      session.dropPartnerCode(g);
      await rerun();
      await saveNow();
      tell({ intent: 'info', title: 'Rattachement annulé', text: `« ${g.name} » n'est plus un partenaire : ses lignes sont mises de côté. Choix enregistré avec les correspondances.` });
    });

  const readWorkbook = async () => {
    const { sources, existing, unread } = await host.readWorkbook!((done, total, label) => setProgress({ value: total ? done / total : 0, label }));
    const errors = session.setWorkbookGrids(sources, existing);
    await rerun();
    return { errors, unread };
  };

  const onReadWorkbook = () =>
    work('Lecture du classeur', async () => {
      const { errors, unread } = await readWorkbook();
      if (unread.length) tell({ intent: 'warning', title: 'Feuilles non lues', text: `${unread.map((u) => u.error).join(' ; ')}. Les autres feuilles sont lues.${errors.length ? ` Référentiel : ${errors.join(' ; ')}.` : ''}` });
      else if (errors.length) tell({ intent: 'warning', title: 'Feuille « Référentiel » inutilisable', text: `${errors.join(' ; ')}. Le référentiel intégré reste utilisé.` });
      else tell({ intent: 'success', title: 'Classeur lu', text: `${plural(session.sources.find((s) => s.file === sources0(session))?.grids.length ?? 0, 'feuille lue', 'feuilles lues')}${session.referenceSource ? ` ; référentiel : ${session.referenceSource}` : ''}.` });
    });

  /** Lines read on a sheet after a change, for what the live region says. */
  const linesOf = (file: string, sheet: string) => {
    const r = session.shownReadings().find((x) => x.file === file && x.sheet === sheet);
    return r ? `${r.kind === 'ignored' ? 'feuille non lue' : `${plural(r.records.length, 'ligne lue', 'lignes lues')}`}` : 'feuille relue';
  };

  /** A column's field chosen: no confirmation asked, the sheet read again and the change said (the focus stays on the list). */
  const onField = (file: string, sheet: string, header: string, field: Field | null) =>
    work('Correspondance', async () => {
      session.setColumnField(file, sheet, header, field);
      await rerun();
      await saveNow();
      setSaid(`Colonne « ${header} » : ${field ? fieldLabel(field) : 'ignorée'} ; ${linesOf(file, sheet)}. Choix enregistré avec les correspondances.`);
    });

  /** A sheet-level choice (structure, header row, unit, fill-down): read again, saved, and said without moving the focus. */
  const sheetChoice = (file: string, sheet: string, change: () => void, what: string, focus?: string) =>
    work(
      'Correspondance',
      async () => {
        change();
        await rerun();
        await saveNow();
        setSaid(`${file} › ${sheet} : ${what} ; ${linesOf(file, sheet)}. Choix enregistré avec les correspondances.`);
      },
      focus,
    );

  /** « Refuser » last year's corrections applied to a renamed sheet: `reuse: false` saved, the sheet read on its own evidence. */
  const onRefuseReuse = (file: string, sheet: string, from: { file: string; sheet: string }) =>
    work('Corrections de l’an dernier', async () => {
      session.refuseReuse(file, sheet);
      await rerun();
      await saveNow();
      tell({
        intent: 'info',
        title: 'Corrections de l’an dernier refusées',
        text: `${file} › ${sheet} est lue sans les corrections enregistrées pour ${from.file} › ${from.sheet} ; ce refus est enregistré avec les correspondances.`,
      });
    });

  /** From a Sources card: the Correspondances step opened on this sheet, the focus on this column's field. */
  const openColumn = (file: string, sheet: string, header: string) => {
    setStep('correspondances');
    afterRender(() => {
      const card = document.querySelector<HTMLDetailsElement>(`details[data-file="${CSS.escape(file)}"][data-sheet="${CSS.escape(sheet)}"]`);
      if (card) card.open = true;
      setTimeout(() => (byLabel(`Champ de la colonne « ${header} » de ${file} › ${sheet}`) ?? card?.querySelector('summary'))?.focus(), 0);
    });
  };

  const saveNow = async () => host.saveMappings(session.mappingToSave());

  /** The user said what a sheet is: read again as that kind, and saved with the correspondances. */
  const onKind = (file: string, sheet: string, kind: SheetKind) =>
    work('Nature de la feuille', async () => {
      session.setSheetKind(file, sheet, kind);
      await rerun();
      await saveNow();
      const read = kind === 'ignored' ? "n'est plus lue" : `est lue comme « ${KIND_LABEL[kind]} »`;
      tell({ intent: 'success', title: 'Nature de la feuille enregistrée', text: `${file} › ${sheet} ${read} ; choix enregistré avec les correspondances.` });
    });

  const onResetKind = (file: string, sheet: string) =>
    work('Nature de la feuille', async () => {
      session.resetKind(file, sheet);
      await rerun();
      await saveNow();
      tell({ intent: 'info', title: 'Détection rétablie', text: `${file} › ${sheet} est lue avec la nature détectée.` });
    });

  /** The user answered an unknown coded value: its lines are read with that code from now on, and the answer is saved. */
  const onValue = (field: CodedField, partner: string, value: string, code: string | null) =>
    work('Correspondance de valeur', async () => {
      session.answerValue(field, partner, value, code);
      await rerun();
      await saveNow();
      tell({
        intent: 'success',
        title: 'Valeur enregistrée',
        text: `« ${value} » (${fieldLabel(field).toLowerCase()}, ${partnerNames.get(partner) ?? partner}) : ${code ?? 'aucun'} ; choix enregistré avec les correspondances.`,
      });
    });

  const onSave = () =>
    work('Enregistrement des correspondances', async () => {
      await saveNow();
      tell({
        intent: 'success',
        title: 'Correspondances enregistrées',
        text: host.kind === 'excel' ? "Elles sont gardées dans ce classeur : l'import de l'an prochain les reprendra." : 'Elles sont gardées dans ce navigateur pour le prochain import.',
      });
    });

  const onSelect = host.selectCell
    ? async (f: Finding) => {
        const loc = f.location;
        try {
          return !!loc && loc.row > 0 && session.inWorkbook(loc.file, loc.sheet) && (await host.selectCell!(loc.sheet, `${loc.col ?? 'A'}${loc.row}`, loc.file));
        } catch {
          return false;
        }
      }
    : undefined;

  const onGenerate = () =>
    work(host.kind === 'excel' ? 'Écriture des feuilles' : 'Construction du classeur', async () => {
      if (host.kind === 'excel' && host.generate) {
        // the notes typed since the last reading are kept: read the workbook again first
        const { existing } = await host.readWorkbook!();
        session.existing = existing;
        await rerun();
        // sheets and patches under one take of the generation lock: no other pane writes in between
        const out = await host.generate(session.sheetsToWrite(), session.result?.patches ?? [], (done, total, label) =>
          setProgress({ value: done / total, label: `${label} (${done}/${total})` }),
        );
        tell(
          out.refused.length || out.renamed.length || out.notes.length
            ? {
                intent: 'warning',
                title: out.refused.length ? plural(out.refused.length, 'feuille non écrite', 'feuilles non écrites') : out.renamed.length ? plural(out.renamed.length, 'feuille écrite sous un autre nom', 'feuilles écrites sous un autre nom') : 'Feuilles écrites, avec une réserve',
                text: [...[...out.refused, ...out.renamed].map((r) => r.reason), ...out.notes].join(' '),
              }
            : { intent: 'success', title: 'Feuilles écrites', text: `${plural(out.written.length, 'feuille mise à jour', 'feuilles mises à jour')} dans le classeur.` },
        );
      } else {
        setProgress({ value: 0.5, label: 'Construction du classeur…' });
        await yieldToUi();
        download(await session.workbookBytes(), `pilotage-avs-${session.asOf}.xlsx`);
        tell({ intent: 'success', title: 'Classeur construit', text: 'Le classeur a été téléchargé : ouvrez-le dans Excel.' });
      }
    });

  const onRemove = (file: string) => {
    const buttons = () => Array.from(document.querySelectorAll<HTMLButtonElement>('[data-testid="remove-file"]'));
    const index = buttons().findIndex((b) => b.getAttribute('aria-label') === `Retirer ${file}`);
    return work('Retrait du fichier', async () => {
      session.removeFile(file);
      await rerun();
      // the focus goes to the next « Retirer » (or the previous one, or the step's title)
      afterRender(() => {
        const left = buttons();
        (left[Math.min(index, left.length - 1)] ?? document.getElementById('sources-titre'))?.focus();
      });
    });
  };

  const reference = result?.reference ?? defaultReference();
  const partnerNames = useMemo(() => new Map(reference.partners.map((p) => [p.code, p.name])), [reference]);
  const totals = useMemo(() => (result ? totalsView(result.dataset, result.reference) : undefined), [result]);
  const findings = result?.findings ?? [];
  // every sheet of every file read, those of a file where nothing was recognised included
  const shownReadings = useMemo(() => session.shownReadings(), [result, session]);
  const shownFindings = useMemo(() => session.shownFindings(), [result, session]);
  const structureNames = useMemo(() => [...new Set((result?.dataset.structures ?? []).map((s) => s.name))].sort((a, b) => a.localeCompare(b, 'fr')), [result]);
  const values = useMemo(() => (result ? valueChoices(result.unknownValues, result.reference) : []), [result]);
  const fundedYears = session.fundedYears();
  const grantors = useMemo(() => grantorRows(result?.unknownGrantors ?? []), [result]);
  const ledger = useMemo(() => (result ? ledgerSums(result.readings) : undefined), [result]);
  const outside = useMemo(() => outsideLists(findings), [findings]);
  return (
    <div className="pane" aria-busy={busy}>
      <header>
        <h1>Pilotage AVS</h1>
        {host.kind === 'standalone' && <p className="mode">Mode autonome (hors Excel) : le résultat est téléchargé.</p>}
      </header>
      <nav aria-label="Étapes">
        <TabList className="steps" selectedValue={step} onTabSelect={(_, d) => setStep(d.value as Step)} size="small" aria-label="Étapes">
          <Tab value="sources">1. Sources</Tab>
          <Tab value="correspondances">2. Correspondances</Tab>
          <Tab value="controles">3. Contrôles</Tab>
          <Tab value="totaux">4. Totaux</Tab>
          <Tab value="programmation">5. Programmation</Tab>
        </TabList>
      </nav>
      <div ref={noticeBox} tabIndex={-1} className="notice" data-testid="notice">
        {notice && <Notice n={notice} />}
      </div>
      <div role="status" aria-live="polite" className="visually-hidden" data-testid="announce">
        {said}
      </div>
      <main>
        {step === 'sources' && (
          <SourcesStep
            isExcel={host.kind === 'excel'}
            canInsert={host.canInsertFiles}
            insert={insert}
            onInsertChange={setInsert}
            busy={busy}
            progress={progress}
            readings={shownReadings}
            readFiles={session.sources.map((s) => s.file)}
            rejected={session.rejected}
            onFiles={onFiles}
            onReadWorkbook={onReadWorkbook}
            onRemove={onRemove}
            kindSource={(file, sheet) => session.kindSource(file, sheet)}
            onKind={onKind}
            onResetKind={onResetKind}
            onRefuseReuse={onRefuseReuse}
            onOpenColumn={openColumn}
            grantors={{ grantors, saved: session.mappings?.partners, partners: reference.partners, busy, onCode: onGrantorCode, onDrop: onGrantorDrop }}
            reference={{
              isExcel: host.kind === 'excel',
              busy,
              name: reference.name,
              source: session.referenceSource,
              partners: reference.partners.length,
              dispositifs: reference.dispositifs.length,
              onFile: (f) =>
                work('Lecture du référentiel', async () => {
                  const errors = await session.readReferenceFile({ name: f.name, bytes: async () => new Uint8Array(await f.arrayBuffer()) });
                  if (errors.length) return tell({ intent: 'warning', title: 'Référentiel inutilisable', text: `${errors.join(' ; ')}. Le référentiel en cours reste utilisé.` });
                  await rerun();
                  tell({ intent: 'success', title: 'Référentiel lu', text: `${f.name} : ${plural(session.reference!.partners.length, 'partenaire', 'partenaires')}, utilisé pour tous les fichiers.` });
                }),
              onReadSheet: host.readWorkbook ? onReadWorkbook : undefined,
              onWriteDefault: () =>
                work('Écriture du référentiel', async () => {
                  const sheet = referenceSheet(defaultReference());
                  if (host.kind === 'excel' && host.writeSheets) {
                    const out = await host.writeSheets([sheet]);
                    tell(
                      out.refused.length
                        ? { intent: 'warning', title: 'Référentiel non écrit', text: out.refused.map((r) => r.reason).join(' ') }
                        : { intent: 'success', title: 'Feuille « Référentiel » écrite', text: 'Modifiez-la (partenaires, plan, dispositifs…) puis « Relire la feuille « Référentiel » ».' },
                    );
                  } else {
                    download(await session.workbookBytes([sheet]), 'referentiel.xlsx');
                    tell({ intent: 'success', title: 'Référentiel téléchargé', text: 'Modifiez-le dans Excel (partenaires, plan, dispositifs…) puis choisissez-le avec « Choisir un référentiel… ».' });
                  }
                }),
              onDrop: () =>
                work('Référentiel', async () => {
                  session.dropReference();
                  await rerun();
                }),
            }}
          />
        )}
        {step === 'correspondances' && (
          <MappingStep
            readings={shownReadings}
            structureNames={structureNames}
            partners={reference.partners}
            ambiguous={findings.filter((f) => f.code === 'STRUCTURE_AMBIGUE')}
            values={values}
            onValue={onValue}
            busy={busy}
            columnSource={(file, sheet, header) => session.columnSource(file, sheet, header)}
            hasCorrections={(file, sheet) => session.hasCorrections(file, sheet)}
            onField={onField}
            onResetColumn={(file, sheet, header) =>
              work(
                'Correspondance',
                async () => {
                  session.resetColumn(file, sheet, header);
                  await rerun();
                  await saveNow();
                  setSaid(`Colonne « ${header} » : détection rétablie ; ${linesOf(file, sheet)}.`);
                },
                `Champ de la colonne « ${header} » de ${file} › ${sheet}`,
              )
            }
            onSheetValue={(file, sheet, field, value) =>
              sheetChoice(file, sheet, () => session.setSheetValue(file, sheet, field, value), value ? `${fieldLabel(field).toLowerCase()} de toute la feuille : « ${value} »` : `${fieldLabel(field).toLowerCase()} de toute la feuille retiré`)
            }
            onHeaderRow={(file, sheet, row) =>
              sheetChoice(file, sheet, () => session.setHeaderRow(file, sheet, row), row ? `en-tête lu en ligne ${row}` : "ligne d'en-tête détectée")
            }
            onUnit={(file, sheet, unit) =>
              sheetChoice(file, sheet, () => session.setUnit(file, sheet, unit), unit ? `montants en ${unit === 'milliers' ? "milliers d'euros" : 'euros'}` : 'unité détectée')
            }
            onFillDown={(file, sheet, field, on, detected) =>
              sheetChoice(file, sheet, () => session.setFillDown(file, sheet, field, on, detected), `${fieldLabel(field).toLowerCase()} ${on ? 'recopié' : 'non recopié'} vers le bas`)
            }
            onResetSheet={(file, sheet) =>
              work('Correspondance', async () => {
                session.resetSheet(file, sheet);
                await rerun();
                tell({ intent: 'info', title: 'Détection rétablie', text: `${file} › ${sheet} est lue comme détectée. « Enregistrer » garde ce choix pour la prochaine fois.` });
              })
            }
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
                await saveNow();
                tell({ intent: 'success', title: 'Structure confirmée', text: `« ${name} » : choix enregistré avec les correspondances.` });
              })
            }
            onSave={onSave}
            corrections={session.mappings}
            isExcel={host.kind === 'excel'}
            onExport={() => {
              download(JSON.stringify(session.mappingToSave(), null, 2), 'correspondances.json', 'application/json');
              tell({ intent: 'success', title: 'Correspondances exportées', text: 'Fichier correspondances.json : à garder, ou à donner à la ligne de commande (--mapping).' });
            }}
            onResetAll={() =>
              work('Oubli des corrections', async () => {
                session.resetAll();
                await host.saveMappings({ version: 1, sheets: [] });
                await rerun();
                tell({ intent: 'info', title: 'Corrections oubliées', text: 'Toutes les feuilles sont lues comme détectées.' });
              })
            }
          />
        )}
        {step === 'controles' && <ControlsStep findings={shownFindings} onSelect={onSelect} partnerNames={partnerNames} />}
        {step === 'totaux' && <TotalsStep totals={totals} partners={reference.partners} ledger={ledger} outside={outside} />}
        {step === 'programmation' && (
          <ProgrammingStep
            isExcel={host.kind === 'excel'}
            busy={busy}
            fundedYears={fundedYears}
            years={session.chosenYears()}
            onYear={(y, ticked) =>
              work('Choix des exercices', async () => {
                session.setYear(y, ticked);
                await rerun();
              })
            }
            sheets={result ? session.sheetsToWrite() : []}
            progress={progress}
            onGenerate={onGenerate}
          />
        )}
      </main>
    </div>
  );
}

/** The open workbook's file name in the session (its sheets are one source). */
const sources0 = (s: PaneSession) => s.existing?.[0]?.file;
