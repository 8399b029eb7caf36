import { existsSync } from 'node:fs';
import path from 'node:path';
import { describeIf } from './require-or-skip';

/** ../shared beside the checkout (or PILOTAGE_SHARED): acceptance data that is not in the repo. */
export const SHARED_DIR = process.env.PILOTAGE_SHARED ?? path.resolve(__dirname, '../../../shared');
export const SAMPLES_DIR = path.join(SHARED_DIR, 'samples');
export const hasSamples = existsSync(path.join(SAMPLES_DIR, 'truth.json'));

/** `describe` when the shared samples are there; otherwise skipped with a notice (a failure under CI). */
export function describeWithSamples(name: string, fn: () => void): void {
  describeIf(
    name,
    hasSamples,
    `${path.join(SAMPLES_DIR, 'truth.json')} absent (dossier ../shared non fourni)`,
    fn,
  );
}
