import { INPUT_LIMITS, sniffFormat } from '../exceljs/sniff-format';
import { outlineWorkbook } from '../exceljs/zip-outline';

const mo = (n: number) => `${Math.round(n / 1048576).toLocaleString('fr-FR')} Mo`;
const cells = (n: number) => n.toLocaleString('fr-FR');

/**
 * Checks an input against INPUT_LIMITS from its ZIP directory (read by fflate) and sheet
 * dimensions only, before exceljs inflates anything. Returns the French reason for rejecting it (naming the sheet when
 * one sheet is at fault) and the cells it declares, counted towards the build's total.
 */
export function checkInputLimits(name: string, bytes: Uint8Array, cellsSoFar: number): { error?: string; cells: number } {
  if (sniffFormat(name, bytes).kind !== 'xlsx') return { cells: 0 };
  // over the unzipped limit, the directory alone answers: no sheet is inflated
  const outline = outlineWorkbook(bytes, INPUT_LIMITS.unzippedBytes);
  if (!outline) return { cells: 0 }; // not a readable ZIP: exceljs says why
  if (outline.unzippedBytes > INPUT_LIMITS.unzippedBytes)
    return {
      error: `${name} : contenu décompressé trop volumineux (${mo(outline.unzippedBytes)} pour un fichier de ${mo(bytes.length)}, limite ${mo(INPUT_LIMITS.unzippedBytes)}) : fichier refusé sans être ouvert (archive anormale ou « bombe de décompression »)`,
      cells: 0,
    };
  let total = 0;
  for (const s of outline.sheets) {
    if ((s.cells ?? 0) > INPUT_LIMITS.cellsPerSheet)
      return {
        error: `${name} › ${s.name} : feuille trop grande (${cells(s.cells ?? 0)} cellules déclarées, limite ${cells(INPUT_LIMITS.cellsPerSheet)} par feuille) : fichier refusé sans être ouvert ; supprimez les lignes et colonnes inutiles ou découpez le fichier`,
        cells: 0,
      };
    if (s.xmlBytes > INPUT_LIMITS.sheetXmlBytes)
      return { error: `${name} › ${s.name} : feuille trop volumineuse (${mo(s.xmlBytes)} décompressés, limite ${mo(INPUT_LIMITS.sheetXmlBytes)}) : fichier refusé sans être ouvert`, cells: 0 };
    // a sheet without <dimension>: a written cell takes 20 bytes of XML or more, so this over-counts
    total += s.cells ?? Math.ceil(s.xmlBytes / 20);
  }
  if (cellsSoFar + total > INPUT_LIMITS.totalCells)
    return {
      error: `${name} : limite de ${cells(INPUT_LIMITS.totalCells)} cellules pour l'ensemble des fichiers atteinte (${cells(cellsSoFar)} déjà lues, ${cells(total)} dans ce fichier) : fichier non lu ; lancez la construction en plusieurs fois`,
      cells: 0,
    };
  return { cells: total };
}
