import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SheetSpec } from '../../core/model/sheet-spec';
import { FUNDINGS_SHEET } from '../../core/sheets/funding-formulas';
import { sofficeConvert, type SofficeResult } from '../node/soffice';
import { buildWorkbook, workbookBytes, writeFileAtomic } from './write-workbook';

/** Pages of a PDF: its page objects (`/Type /Page`, not `/Pages`). */
export const pdfPageCount = (pdf: Uint8Array) => (Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;

/**
 * The Synthèse COPIL sheets as one PDF through LibreOffice, with their native charts, a few A4
 * landscape pages per year (the page breaks of the spec). The Financements table goes along,
 * hidden (not printed), so that the SUMIFS formulas still have their source.
 */
export async function writeCopilPdf(specs: SheetSpec[], target: string): Promise<SofficeResult & { pages?: number }> {
  const copil = specs.filter((s) => s.role === 'synthese');
  const fundings = specs.find((s) => s.name === FUNDINGS_SHEET);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pilotage-pdf-'));
  try {
    const wb = await buildWorkbook([...copil, ...(fundings ? [fundings] : [])]);
    const hidden = fundings && wb.getWorksheet(FUNDINGS_SHEET);
    if (hidden) hidden.state = 'hidden';
    const xlsx = path.join(dir, 'synthese-copil.xlsx');
    await fs.writeFile(xlsx, await workbookBytes(wb, copil));
    const r = await sofficeConvert(xlsx, 'pdf', path.join(dir, 'pdf'), { locale: 'fr-FR' });
    if (!r.ok) return r;
    const pdf = new Uint8Array(await fs.readFile(r.files[0]));
    await writeFileAtomic(target, pdf);
    return { ok: true, files: [target], pages: pdfPageCount(pdf) };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
