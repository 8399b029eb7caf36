/** The strict acceptance comparison fails when the samples lose what explains their findings. */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { runFolder } from '../../scripts/eval/run-world';
import { truthFromSamples } from '../../scripts/eval/sample-truth';
import { strictProblems } from '../../scripts/eval/strict-problems';
import { describeWithSamples, SAMPLES_DIR } from '../helpers/shared';

describeWithSamples('strict acceptance on a broken copy of ../shared/samples', () => {
  test('CAF COF periods removed: false AGREMENT_ABSENT_OU_EXPIRE and undated conventions are reported', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'avs-acc-broken-'));
    try {
      for (const f of readdirSync(SAMPLES_DIR)) copyFileSync(path.join(SAMPLES_DIR, f), path.join(dir, f));
      const file = path.join(dir, 'CAF07_PS_AVS_2017-2020.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const ws = wb.getWorksheet('Conventions COF')!;
      expect(ws.getRow(1).values).toEqual([undefined, 'Equipement', 'N° convention', 'Début', 'Fin']);
      ws.spliceColumns(3, 2); // the agrément history: Début, Fin
      await wb.xlsx.writeFile(file);
      const truth = truthFromSamples(JSON.parse(readFileSync(path.join(SAMPLES_DIR, 'truth.json'), 'utf8')));
      const p = strictProblems(truth, await runFolder(dir, '2020-06-30'));
      expect(p.score.falseAlarms.byCode.AGREMENT_ABSENT_OU_EXPIRE).toBeGreaterThan(0);
      expect(p.falseAlarms[0]).toMatch(/^\d+ constat\(s\) erreur\/alerte non expliqué\(s\) par la vérité : .*AGREMENT_ABSENT_OU_EXPIRE × \d+/);
      expect(p.falseAlarms).toContainEqual(expect.stringMatching(/^AGREMENT_ABSENT_OU_EXPIRE CAF07_PS_AVS_2017-2020\.xlsx › 2017 › \d+ \(CAF 2017 CS07-.*\) : .{20,}/));
      expect(p.conventions).toContainEqual(expect.stringMatching(/^convention mal datée : CAF\|COF-/));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
