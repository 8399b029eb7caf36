import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** LibreOffice binary: `soffice` on the PATH unless PILOTAGE_SOFFICE names another one. */
export const sofficeBinary = () => process.env.PILOTAGE_SOFFICE ?? 'soffice';

export const SOFFICE_MISSING =
  "LibreOffice (soffice) n'est pas installé sur cette machine : le PDF n'a pas été produit. Installez LibreOffice (paquet libreoffice-calc) ou imprimez la feuille « Synthèse COPIL » depuis Excel.";

// LibreOffice keeps the cached values of .xlsx formulas unless told to recalculate on load:
// a throw-away profile asks it to, so the PDF and the tests show what the formulas compute.
// `locale` (fr-FR for the PDF) sets how numbers and dates are shown: 12 500,00 €, 31/12/2020.
const profileXcu = (locale?: string) => `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
${locale ? `<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>${locale}</value></prop></item>\n` : ''}</oor:items>
`;

export type SofficeResult = { ok: true; files: string[] } | { ok: false; missing: boolean; error: string };

/**
 * `soffice --headless --convert-to <filter> <input> --outdir <dir>` with its own profile
 * (formulas recalculated on load; no clash with a LibreOffice the user has open).
 * Returns the files written in `outdir`, or a French error.
 */
export async function sofficeConvert(
  input: string,
  filter: string,
  outdir: string,
  opts: { locale?: string; timeoutMs?: number } = {},
): Promise<SofficeResult> {
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'pilotage-lo-'));
  try {
    await fs.mkdir(path.join(profile, 'user'), { recursive: true });
    await fs.writeFile(path.join(profile, 'user', 'registrymodifications.xcu'), profileXcu(opts.locale));
    await fs.mkdir(outdir, { recursive: true });
    const before = new Set(await fs.readdir(outdir));
    const args = [
      `-env:UserInstallation=file://${profile}`,
      '--headless',
      '--norestore',
      '--convert-to',
      filter,
      '--outdir',
      outdir,
      input,
    ];
    const run = await new Promise<{
      error?: { code?: string | number | null; message: string };
      stderr: string;
    }>((resolve) =>
      execFile(sofficeBinary(), args, { timeout: opts.timeoutMs ?? 180000 }, (error, _stdout, stderr) =>
        resolve({ error: error ?? undefined, stderr: String(stderr) }),
      ),
    );
    if (run.error?.code === 'ENOENT') return { ok: false, missing: true, error: SOFFICE_MISSING };
    const files = (await fs.readdir(outdir)).filter((f) => !before.has(f)).map((f) => path.join(outdir, f));
    if (run.error || files.length === 0)
      return {
        ok: false,
        missing: false,
        error: `LibreOffice n'a pas pu convertir ${path.basename(input)} : ${(run.error?.message ?? run.stderr).trim().slice(0, 300) || 'aucun fichier produit'}`,
      };
    return { ok: true, files };
  } finally {
    await fs.rm(profile, { recursive: true, force: true });
  }
}
