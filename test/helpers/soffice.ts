import { spawnSync } from 'node:child_process';
import { sofficeBinary } from '../../src/adapters/node/soffice';
import { describeIf } from './require-or-skip';

/** LibreOffice and poppler are installed by .ci/run; elsewhere these checks skip with a notice. */
export const hasSoffice = spawnSync(sofficeBinary(), ['--version'], { timeout: 60000 }).status === 0;
export const hasPoppler = spawnSync('pdftotext', ['-v']).status === 0;
export const POPPLER_MISSING =
  'pdftotext absent de cette machine (paquet poppler-utils, installé par .ci/run)';

/** `describe` when LibreOffice runs; otherwise skipped with a notice (a failure under CI). */
export function describeWithSoffice(name: string, fn: () => void): void {
  describeIf(
    name,
    hasSoffice,
    `LibreOffice (${sofficeBinary()}) absent de cette machine (installé par .ci/run)`,
    fn,
  );
}
