import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import { strFromU8, unzipSync } from 'fflate';
import { writeWorkbook } from '../../src/adapters/exceljs/write-workbook';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { excelHost, standaloneHost } from '../../src/taskpane/pane-host';
import { PaneSession } from '../../src/taskpane/session';
import { countBySeverity, groupFindings } from '../../src/taskpane/group-findings';
import { ambiguousChoices, columnRows } from '../../src/taskpane/mapping-choices';
import type { Grid } from '../../src/core/model/grid';
import { FakeWorkbook } from '../adapters/office/fake-excel';
import { EXAMPLES_DIR } from '../adapters/office/example-pipeline';

const picked = () =>
  readdirSync(EXAMPLES_DIR)
    .sort()
    .map((name) => ({ name, bytes: async () => new Uint8Array(readFileSync(path.join(EXAMPLES_DIR, name))) }));

async function loadedSession() {
  const s = new PaneSession();
  s.asOf = '2020-12-31';
  const progress: string[] = [];
  await s.addFiles(picked(), (done, total, label) => progress.push(`${done}/${total} ${label}`));
  return { s, progress };
}

describe('PaneSession: the pane state on the one core pipeline', () => {
  it('reads the picked files with progress, then runs the pipeline', async () => {
    const { s, progress } = await loadedSession();
    expect(progress.at(-1)).toBe('4/4 MSA_ADL_2019-2020.xlsx');
    expect(s.sources.map((x) => x.file)).toHaveLength(4);
    const r = s.run();
    expect(r.findings.length).toBeGreaterThan(0);
    expect(r.sheets.map((x) => x.name)).toContain('Financements');
    expect(s.mappingToSave().sheets.length).toBe(r.readings.filter((x) => x.kind !== 'ignored').length);
  });

  it('a rejected file is listed with its French reason and the others still count', async () => {
    const s = new PaneSession();
    await s.addFiles([...picked(), { name: 'ancien.xls', bytes: async () => new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]) }]);
    expect(s.rejected).toEqual([{ file: 'ancien.xls', error: expect.stringMatching(/^ancien\.xls : classeur Excel 97-2003 illisible ou endommagé/) }]);
    const r = s.run();
    expect(r.findings.some((f) => f.code === 'FICHIER_REJETE')).toBe(true);
  });

  it('a column the user sets to "ignore" is no longer read, and the choice survives the re-run', async () => {
    const { s } = await loadedSession();
    const before = s.run();
    const sheet = before.readings.find((x) => x.kind === 'fundings' && x.columns.some((c) => c.field === 'paid'))!;
    const paidHeader = sheet.columns.find((c) => c.field === 'paid')!.header;
    s.setColumnField(sheet.file, sheet.sheet, paidHeader, null);
    const after = s.run();
    const again = after.readings.find((x) => x.file === sheet.file && x.sheet === sheet.sheet)!;
    expect(again.columns.some((c) => c.field === 'paid')).toBe(false);
    const paidOf = (r: typeof before) => r.dataset.fundings.filter((l) => l.source.file === sheet.file && l.source.sheet === sheet.sheet && l.paid !== undefined).length;
    expect(paidOf(before)).toBeGreaterThan(0);
    expect(paidOf(after)).toBe(0);
  });

  it('the partner and year the user sets for a sheet are used by the next run', async () => {
    const { s } = await loadedSession();
    const sheet = s.run().readings.find((x) => x.kind === 'fundings' && x.partner === 'CAF')!;
    s.setSheetPartnerYear(sheet.file, sheet.sheet, 'MSA', 2018);
    const again = s.run().readings.find((x) => x.file === sheet.file && x.sheet === sheet.sheet)!;
    expect([again.partner, again.year]).toEqual(['MSA', 2018]);
  });

  it('builds the .xlsx of the standalone mode with exceljs', async () => {
    const { s } = await loadedSession();
    const r = s.run();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await s.workbookBytes()) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(r.sheets.map((x) => x.name));
  });

  it('downloads the package the CLI writes: its tables streamed by the same writer, part for part', async () => {
    const { s } = await loadedSession();
    const r = s.run();
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'avs-pane-bytes-'));
    try {
      await writeWorkbook(path.join(tmp, 'cli.xlsx'), r.sheets);
      const cli = unzipSync(new Uint8Array(readFileSync(path.join(tmp, 'cli.xlsx'))));
      const pane = unzipSync(await s.workbookBytes());
      // the package's dates (docProps/core.xml) are the moment each was written
      const parts = (z: Record<string, Uint8Array>) => Object.keys(z).filter((k) => k !== 'docProps/core.xml');
      expect(parts(pane)).toEqual(parts(cli));
      for (const k of parts(cli)) expect([k, strFromU8(pane[k])]).toEqual([k, strFromU8(cli[k])]);
      // tables streamed: the Financements sheet's rows are in the package, not an empty placeholder
      expect(Object.values(pane).some((b) => strFromU8(b).includes('<tableParts'))).toBe(true);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('groups findings by severity then code, with filters', async () => {
    const { s } = await loadedSession();
    const { findings } = s.run();
    const all = groupFindings(findings, { severities: ['erreur', 'alerte', 'info'] });
    expect(all.reduce((n, g) => n + g.findings.length, 0)).toBe(findings.length);
    expect(all.map((g) => g.severity)).toEqual([...all.map((g) => g.severity)].sort((a, b) => ['erreur', 'alerte', 'info'].indexOf(a) - ['erreur', 'alerte', 'info'].indexOf(b)));
    const c = countBySeverity(findings);
    expect(groupFindings(findings, { severities: ['erreur'] }).reduce((n, g) => n + g.findings.length, 0)).toBe(c.erreur);
    const code = findings[0].code;
    expect(groupFindings(findings, { severities: ['erreur', 'alerte', 'info'], code }).every((g) => g.code === code)).toBe(true);
    expect(groupFindings(findings, { severities: ['erreur', 'alerte', 'info'], text: 'zzz-introuvable' })).toEqual([]);
  });
});

describe('PaneSession: any column by hand, ambiguous structures confirmed', () => {
  const sheet = (name: string, rows: Grid['rows']): Grid => ({ file: 'Classeur.xlsx', sheet: name, rows });
  const list = sheet('Liste', [
    ['Nom', 'Type', 'Commune', 'EPCI'],
    ['Centre social Les Oliviers', 'CS', 'Aubenas', "CC du Bassin d'Aubenas"],
    ['Espace de vie sociale Les Oliviers', 'EVS', 'Privas', 'CA Privas Centre Ardèche'],
  ]);
  const aides = sheet('CD07 2019', [
    ['Structure', 'Dispositif', 'Montant voté', 'Zone libre'],
    ['CS Les Oliviers', 'AJIR', 1000, 800],
    ['Les Oliviers', 'AJIR', 200, 150],
  ]);
  const session = () => {
    const s = new PaneSession();
    s.asOf = '2019-12-31';
    s.setWorkbookGrids([list, aides]);
    return s;
  };

  it('every header label gets a row, recognised or not; a column assigned by hand is read, saved and kept', async () => {
    const s = session();
    const before = s.run();
    const reading = before.readings.find((r) => r.sheet === 'CD07 2019')!;
    const rows = columnRows(reading);
    expect(rows.map((r) => [r.header, r.choice?.field])).toEqual([
      ['Structure', 'structureName'],
      ['Dispositif', 'dispositif'],
      ['Montant voté', 'voted'],
      ['Zone libre', undefined],
    ]);
    expect(before.dataset.fundings.every((l) => l.paid === undefined)).toBe(true);
    s.setColumnField('Classeur.xlsx', 'CD07 2019', 'Zone libre', 'paid');
    const after = s.run();
    expect(after.dataset.fundings.map((l) => l.paid).sort()).toEqual([150, 800]);
    const again = after.readings.find((r) => r.sheet === 'CD07 2019')!;
    expect(columnRows(again).find((r) => r.header === 'Zone libre')?.choice).toMatchObject({ field: 'paid', confidence: 1 });
    // saved where the pane saves mappings, and used by a new session (next year's import)
    const store = new Map<string, string>();
    const host = standaloneHost({ getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) } as unknown as Storage);
    await host.saveMappings(s.mappings!);
    const next = session();
    next.mappings = await host.loadMappings();
    expect(next.run().dataset.fundings.map((l) => l.paid).sort()).toEqual([150, 800]);
    // and back to « ignorer la colonne »
    s.setColumnField('Classeur.xlsx', 'CD07 2019', 'Zone libre', null);
    const ignored = s.run();
    expect(ignored.dataset.fundings.every((l) => l.paid === undefined)).toBe(true);
    expect(columnRows(ignored.readings.find((r) => r.sheet === 'CD07 2019')!).find((r) => r.header === 'Zone libre')).toMatchObject({ choice: undefined, ignored: true });
  });

  it('an ambiguous structure confirmed in the pane is linked on the next run, saved with the mappings', async () => {
    const s = session();
    const first = s.run();
    const choices = ambiguousChoices(first.findings);
    expect(choices).toHaveLength(1);
    expect(choices[0].name).toBe('Les Oliviers');
    const evs = first.dataset.structures.find((x) => x.kind === 'EVS')!.code;
    expect(choices[0].candidates.map((c) => c.code)).toContain(evs);
    expect(choices[0].candidates.find((c) => c.code === evs)!.label).toMatch(/^Espace de vie sociale Les Oliviers \(Privas\)$/);
    s.confirmStructure(choices[0].name, choices[0].commune, evs);
    const second = s.run();
    expect(ambiguousChoices(second.findings)).toEqual([]);
    expect(second.dataset.fundings.find((l) => l.structureName === 'Les Oliviers')!.structure).toBe(evs);
    // the re-run keeps the answer in the mappings the pane saves (workbook settings or browser storage)
    expect(s.mappings?.structures).toEqual([{ name: 'Les Oliviers', code: evs }]);
    expect(s.run().dataset.fundings.find((l) => l.structureName === 'Les Oliviers')!.structure).toBe(evs);
    const wb = new FakeWorkbook();
    const host = excelHost(wb.run, { api19: true, api110: true, api113: false });
    await host.saveMappings(s.mappings!);
    expect((await host.loadMappings())?.structures).toEqual([{ name: 'Les Oliviers', code: evs }]);
    // « aucune de ces structures »: unlinked, no longer asked
    s.confirmStructure('Les Oliviers', undefined, null);
    const third = s.run();
    expect(ambiguousChoices(third.findings)).toEqual([]);
    expect(third.dataset.fundings.find((l) => l.structureName === 'Les Oliviers')!.structure).toBeUndefined();
    expect(s.mappings?.structures).toEqual([{ name: 'Les Oliviers', code: null }]);
  });
});

describe('pane hosts', () => {
  it('standalone: mappings kept in the browser storage', async () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) } as unknown as Storage;
    const host = standaloneHost(storage);
    expect(host.kind).toBe('standalone');
    expect(await host.loadMappings()).toBeUndefined();
    await host.saveMappings({ version: 1, sheets: [] });
    expect(await host.loadMappings()).toEqual({ version: 1, sheets: [] });
  });

  it('excel: reads the workbook, writes the generated sheets, selects a finding cell', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet('CAF 2019', [['Bénéficiaire', 'Dispositif', 'Montant voté'], ['CS du Pouzin', 'PS AGC', { error: '#REF!' }]]);
    const host = excelHost(wb.run, { api19: true, api110: true, api113: false });
    expect(host.canInsertFiles).toBe(false);
    const s = new PaneSession();
    const read = await host.readWorkbook!();
    s.setWorkbookGrids(read.sources, read.existing);
    const r = s.run();
    const bad = r.findings.find((f) => f.code === 'MONTANT_ILLISIBLE')!;
    expect(bad.location).toMatchObject({ sheet: 'CAF 2019', row: 2, col: 'C' });
    const out = await host.writeSheets!(s.sheetsToWrite());
    expect(out.written).toContain('Contrôles');
    expect(wb.modified.has('CAF 2019')).toBe(false);
    expect(s.inWorkbook(bad.location!.file, bad.location!.sheet)).toBe(true);
    expect(s.inWorkbook('CAF07_PS_2019-2020.xlsx', 'CAF 2019')).toBe(false);
    expect(await host.selectCell!(bad.location!.sheet, `${bad.location!.col}${bad.location!.row}`)).toBe(true);
    expect(wb.sheet('CAF 2019').selected).toBe('C2');
    // next reading: the generated sheets are "existing", not sources
    const again = await host.readWorkbook!();
    expect(again.sources.map((g) => g.sheet)).toEqual(['CAF 2019']);
    expect(again.existing.map((g) => g.sheet)).toEqual(expect.arrayContaining(['CAF 2019', 'Financements', 'Contrôles']));
    // the Contrôles sheet links to the cell of the source sheet in the workbook
    s.setWorkbookGrids(again.sources, again.existing);
    const ctrl = s.run().sheets.find((x) => x.name === 'Contrôles')!;
    const linked = ctrl.tables[0].rows.flat().find((v) => v && typeof v === 'object' && 'target' in v);
    expect(linked).toMatchObject({ target: "'CAF 2019'!C2" });
  });
});
