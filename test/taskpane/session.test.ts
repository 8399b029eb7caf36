import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { excelHost, standaloneHost } from '../../src/taskpane/pane-host';
import { PaneSession } from '../../src/taskpane/session';
import { countBySeverity, groupFindings } from '../../src/taskpane/group-findings';
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
    expect(s.mappings?.sheets.length).toBe(r.readings.filter((x) => x.kind !== 'ignored').length);
  });

  it('a rejected file is listed with its French reason and the others still count', async () => {
    const s = new PaneSession();
    await s.addFiles([...picked(), { name: 'ancien.xls', bytes: async () => new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]) }]);
    expect(s.rejected).toEqual([{ file: 'ancien.xls', error: expect.stringMatching(/^ancien\.xls : ancien format Excel 97-2003/) }]);
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
