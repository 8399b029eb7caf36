/**
 * One rule for every suite that needs something outside the repo (LibreOffice, poppler, openpyxl,
 * Chromium, ../shared/samples): outside CI a missing tool or data set skips the suite with a
 * printed French notice; under CI (`CI` set, as `.ci/run` does) it is a failure, so that CI never
 * goes green while a suite it claims to run was skipped.
 */

/** `CI` set to anything but '', '0' or 'false'. Read at each call (tests change it). */
export function inCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = (env.CI ?? '').trim().toLowerCase();
  return v !== '' && v !== '0' && v !== 'false';
}

/**
 * True when `available`. Otherwise: under CI, throws (the suite or test fails with `why`);
 * elsewhere, prints `[what] ignoré : why` and returns false (the caller skips).
 */
export function requireOrSkip(
  what: string,
  available: boolean,
  why: string,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (available) return true;
  if (inCi(env)) throw new Error(`[${what}] ne peut pas être ignoré en CI (CI=${env.CI}) : ${why}`);
  // straight to stderr: jest drops the console output of a file whose tests are all skipped
  process.stderr.write(`[${what}] ignoré : ${why}\n`);
  return false;
}

/** `describe` when `available`; otherwise a skipped suite with a notice, or a failure under CI. */
export function describeIf(name: string, available: boolean, why: string, fn: () => void): void {
  if (requireOrSkip(name, available, why)) describe(name, fn);
  else describe.skip(name, fn);
}
