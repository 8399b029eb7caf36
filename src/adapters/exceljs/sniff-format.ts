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

export type Format = { kind: 'xlsx' } | { kind: 'csv' } | { kind: 'xls' } | { kind: 'ods' } | { kind: 'rejected'; reason: string };

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

export const PASSWORD_REASON = 'classeur protégé par mot de passe (chiffré) : retirez la protection (Fichier › Informations › Protéger le classeur) puis enregistrez-le à nouveau';

/** UTF-16LE `name` at offset `at`. */
function utf16At(b: Uint8Array, at: number, name: string): boolean {
  for (let i = 0; i < name.length; i++) if (b[at + 2 * i] !== name.charCodeAt(i) || b[at + 2 * i + 1] !== 0) return false;
  return true;
}

/**
 * An OLE compound file holding an `EncryptionInfo` or `EncryptedPackage` stream: an encrypted
 * .xlsx. Directory entries are 128 bytes, aligned on 128 bytes, the name first (UTF-16LE).
 */
function holdsEncryptedPackage(b: Uint8Array): boolean {
  for (let at = 512; at + 128 <= b.length; at += 128)
    if (b[at] === 0x45 && (utf16At(b, at, 'EncryptionInfo') || utf16At(b, at, 'EncryptedPackage'))) return true;
  return false;
}

/**
 * Text rather than a workbook: no NUL byte and almost no control character in its first 64 KB
 * (or a UTF-16 byte order mark). An export saved as CSV but named .xlsx or .xls is read as CSV.
 */
function looksLikeText(b: Uint8Array): boolean {
  if (startsWith(b, [0xff, 0xfe]) || startsWith(b, [0xfe, 0xff])) return true;
  const n = Math.min(b.length, 65536);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const x = b[i];
    if (x === 0) return false;
    if (x < 0x20 && x !== 0x09 && x !== 0x0a && x !== 0x0d && x !== 0x0c) control++;
  }
  return control <= n / 1000;
}

/** What an input really is, from its first bytes rather than its name. */
export function sniffFormat(file: string, bytes: Uint8Array): Format {
  const ext = (/\.([a-z0-9]+)$/i.exec(file)?.[1] ?? '').toLowerCase();
  if (bytes.length === 0) return { kind: 'rejected', reason: 'fichier vide' };
  if (bytes.length > INPUT_LIMITS.fileBytes)
    return { kind: 'rejected', reason: `fichier trop volumineux (${Math.round(bytes.length / 1048576)} Mo, limite ${INPUT_LIMITS.fileBytes / 1048576} Mo)` };
  // an OLE compound file: an Excel 97-2003 workbook, or an encrypted .xlsx
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return holdsEncryptedPackage(bytes) ? { kind: 'rejected', reason: PASSWORD_REASON } : { kind: 'xls' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 200)));
    // an .xlsb is a ZIP too, its workbook in binary records (xl/workbook.bin)
    if (ext === 'xlsb' || /xl\/workbook\.bin/.test(new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 65536)))) || /xl\/workbook\.bin/.test(new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 65536)))))
      return { kind: 'rejected', reason: 'classeur binaire Excel (.xlsb) non pris en charge : enregistrez-le au format .xlsx' };
    // OpenDocument: its first entry, stored, is `mimetype`
    if (head.includes('mimetypeapplication/vnd.oasis.opendocument.spreadsheet')) return { kind: 'ods' };
    if (head.includes('mimetypeapplication/vnd.oasis.opendocument'))
      return { kind: 'rejected', reason: "document OpenDocument qui n'est pas un classeur (texte, présentation…) : fournissez un classeur .ods, .xlsx ou un export .csv" };
    if (ext === 'ods') return { kind: 'ods' };
    return { kind: 'xlsx' };
  }
  if (ext === 'csv' || ext === 'txt' || ext === 'tsv') return { kind: 'csv' };
  if (ext === 'xlsx' || ext === 'xlsm' || ext === 'xls' || ext === 'ods') {
    // a CSV export named like a workbook; a web page or XML named .xls is not a table we read
    if (looksLikeText(bytes) && !/^(\ufeff)?\s*</.test(new TextDecoder().decode(bytes.subarray(0, 1024)))) return { kind: 'csv' };
    if (ext === 'ods') return { kind: 'rejected', reason: "ce n'est pas un classeur OpenDocument valide (contenu endommagé ou d'un autre format)" };
    if (ext === 'xls')
      return { kind: 'rejected', reason: "ce n'est pas un classeur Excel 97-2003 valide (page web, XML ou contenu d'un autre format) : ouvrez-le dans Excel et enregistrez-le au format .xlsx" };
    return { kind: 'rejected', reason: "ce n'est pas un classeur Excel valide (contenu endommagé ou d'un autre format)" };
  }
  return { kind: 'rejected', reason: `format non pris en charge (.${ext || 'sans extension'}) : fournissez un classeur .xlsx, .xlsm, .xls, .ods ou un export .csv` };
}
