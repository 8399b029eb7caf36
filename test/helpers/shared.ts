import { existsSync } from 'node:fs';
import path from 'node:path';

/** ../shared beside the checkout (or PILOTAGE_SHARED): acceptance data that is not in the repo. */
export const SHARED_DIR = process.env.PILOTAGE_SHARED ?? path.resolve(__dirname, '../../../shared');
export const SAMPLES_DIR = path.join(SHARED_DIR, 'samples');
export const hasSamples = existsSync(path.join(SAMPLES_DIR, 'truth.json'));

/** `describe` when the shared samples are there, otherwise a skipped suite with a printed notice. */
export function describeWithSamples(name: string, fn: () => void): void {
  if (hasSamples) describe(name, fn);
  else {
    // eslint-disable-next-line no-console
    console.warn(`[${name}] ignoré : ${SAMPLES_DIR} absent (dossier ../shared non fourni)`);
    describe.skip(name, fn);
  }
}
