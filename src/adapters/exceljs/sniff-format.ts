/** Limits checked before a file is loaded, so that memory stays bounded (see docs/limites.md). */
export const INPUT_LIMITS = {
  fileBytes: 50 * 1024 * 1024,
  /** Sum of the declared uncompressed sizes of an .xlsx (decompression bombs). */
  unzippedBytes: 500 * 1024 * 1024,
  /** Uncompressed XML of one sheet. */
  sheetXmlBytes: 200 * 1024 * 1024,
  cellsPerSheet: 1_000_000,
  /**
   * A sheet already loaded (the tool's own output read back for a rebuild holds the national
   * Financements table: 250 000 × 16 cells): only a guard for the conversion to grids.
   */
  loadedCellsPerSheet: 5_000_000,
  /** All inputs of one build together. */
  totalCells: 10_000_000,
  columns: 500,
};

export type Format = { kind: 'xlsx' } | { kind: 'csv' } | { kind: 'rejected'; reason: string };

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

/** What an input really is, from its first bytes rather than its name. */
export function sniffFormat(file: string, bytes: Uint8Array): Format {
  const ext = (/\.([a-z0-9]+)$/i.exec(file)?.[1] ?? '').toLowerCase();
  if (bytes.length === 0) return { kind: 'rejected', reason: 'fichier vide' };
  if (bytes.length > INPUT_LIMITS.fileBytes)
    return { kind: 'rejected', reason: `fichier trop volumineux (${Math.round(bytes.length / 1048576)} Mo, limite ${INPUT_LIMITS.fileBytes / 1048576} Mo)` };
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
    return {
      kind: 'rejected',
      reason:
        ext === 'xls'
          ? 'ancien format Excel 97-2003 (.xls) non pris en charge : ouvrez-le dans Excel et enregistrez-le au format .xlsx'
          : 'classeur protégé par mot de passe (chiffré) ou au format Excel 97-2003 : retirez la protection ou enregistrez-le au format .xlsx',
    };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 200)));
    // an .xlsb is a ZIP too, its workbook in binary records (xl/workbook.bin)
    if (ext === 'xlsb' || /xl\/workbook\.bin/.test(new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 65536)))) || /xl\/workbook\.bin/.test(new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 65536)))))
      return { kind: 'rejected', reason: 'classeur binaire Excel (.xlsb) non pris en charge : enregistrez-le au format .xlsx' };
    if (head.includes('mimetypeapplication/vnd.oasis.opendocument'))
      return { kind: 'rejected', reason: 'format OpenDocument (.ods) non pris en charge : enregistrez-le au format .xlsx' };
    return { kind: 'xlsx' };
  }
  if (ext === 'xlsx' || ext === 'xlsm') return { kind: 'rejected', reason: "ce n'est pas un classeur Excel valide (contenu endommagé ou d'un autre format)" };
  if (ext === 'xls') return { kind: 'rejected', reason: 'ancien format Excel (.xls) non pris en charge : enregistrez-le au format .xlsx' };
  if (ext === 'ods') return { kind: 'rejected', reason: 'format OpenDocument (.ods) non pris en charge : enregistrez-le au format .xlsx' };
  if (ext === 'csv' || ext === 'txt' || ext === 'tsv') return { kind: 'csv' };
  return { kind: 'rejected', reason: `format non pris en charge (.${ext || 'sans extension'}) : fournissez un classeur .xlsx, .xlsm ou un export .csv` };
}
