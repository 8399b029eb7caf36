/** A partner's funding sheet written by a script: amounts as formulas without stored results, read through the CLI. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Report } from '../../src/core/report/build-report';
import { runCli } from '../helpers/run-cli';
import { workbookBytes } from '../fixtures/build';

const f = (formula: string) => ({ formula }) as ExcelJS.CellFormulaValue;

test('voted and paid amounts as formulas without results: the totals are their values; a formula it cannot work out is no zero', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'avs-formules-'));
  const file = path.join(dir, 'CAF_2019.xlsx');
  writeFileSync(
    file,
    await workbookBytes([
      {
        name: 'PS 2019',
        rows: [
          ['Structure', 'Prestation', 'Montant demandé', 'Montant voté', 'Montant versé'],
          ['CS Les Oliviers', 'Subvention fonds propres', 2000, f('C2/2'), f('D2*0.8')],
          ['CS Le Chambon', 'Subvention fonds propres', 3000, f('C3-500'), f('D3')],
          ['CS La Source', 'Subvention fonds propres', 1500, f('SUM(C4,500)'), f('SOMME(D4;0)')],
          ['CS Les Tilleuls', 'Subvention fonds propres', 1000, f('VLOOKUP(A5,A1:C4,3,0)'), 0],
          ['Total', '', f('SUM(C2:C5)'), f('SUBTOTAL(9,D2:D5)'), f('SUM(E2:E5)')],
        ],
      },
    ]),
  );
  const report = path.join(dir, 'r.json');
  const r = await runCli(['build', file, '-o', path.join(dir, 'p.xlsx'), '-q', '--report', report]);
  expect(r.code).toBe(0);
  const rep = JSON.parse(readFileSync(report, 'utf8')) as Report;
  // 1 000 + 2 500 + 2 000 voted; 800 + 2 500 + 2 000 paid; the VLOOKUP line is not counted (not as zero either)
  expect(rep.totals.filter((t) => t.partner === 'CAF')).toEqual([{ partner: 'CAF', year: 2019, voted: 5500, paid: 5300 }]);
  expect(rep.findings.filter((x) => x.code === 'TOTAL_SOURCE_ECART')).toEqual([]);
  // the line whose voted amount is the marker: read as unreadable, never as an empty amount
  const unreadable = rep.findings.filter((x) => x.code === 'MONTANT_ILLISIBLE');
  expect(unreadable).toEqual([expect.objectContaining({ field: 'Montant voté', value: '#SANS_RESULTAT', cell: 'D5' })]);
  expect(rep.findings.filter((x) => x.code === 'CHAMP_OBLIGATOIRE')).toEqual([]);
});
