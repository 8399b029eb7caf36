import { spawnSync } from 'node:child_process';
import { sofficeBinary } from '../../src/adapters/node/soffice';

/** LibreOffice is installed by .ci/run; on a machine without it these suites skip with a notice. */
export const hasSoffice = spawnSync(sofficeBinary(), ['--version'], { timeout: 60000 }).status === 0;
export const hasPoppler = spawnSync('pdftotext', ['-v']).status === 0;

export function describeWithSoffice(name: string, fn: () => void): void {
  if (hasSoffice) describe(name, fn);
  else {
    console.warn(`[${name}] ignoré : LibreOffice (soffice) absent de cette machine (installé par .ci/run)`);
    describe.skip(name, fn);
  }
}
