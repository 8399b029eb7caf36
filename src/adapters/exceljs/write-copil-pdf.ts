import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SheetSpec } from '../../core/model/sheet-spec';
import { FUNDINGS_SHEET } from '../../core/sheets/funding-formulas';
import { sofficeConvert, type SofficeResult } from '../node/soffice';
import { buildWorkbook, writeFileAtomic } from './write-workbook';

/**
 * The Synthèse COPIL sheets as one PDF (one page per year) through LibreOffice. The Financements
 * table goes along, hidden (not printed), so that the SUMIFS formulas still have their source.
 */
export async function writeCopilPdf(specs: SheetSpec[], target: string): Promise<SofficeResult> {
  const copil = specs.filter((s) => s.role === 'synthese');
  const fundings = specs.find((s) => s.name === FUNDINGS_SHEET);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pilotage-pdf-'));
  try {
    const wb = await buildWorkbook([...copil, ...(fundings ? [fundings] : [])]);
    const hidden = fundings && wb.getWorksheet(FUNDINGS_SHEET);
    if (hidden) hidden.state = 'hidden';
    const xlsx = path.join(dir, 'synthese-copil.xlsx');
    await wb.xlsx.writeFile(xlsx);
    const r = await sofficeConvert(xlsx, 'pdf', path.join(dir, 'pdf'), { locale: 'fr-FR' });
    if (!r.ok) return r;
    await writeFileAtomic(target, new Uint8Array(await fs.readFile(r.files[0])));
    return { ok: true, files: [target] };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
