import type { CellValue, Grid } from '../model/grid';

// 0x80–0x9F of Windows-1252 (Node's TextDecoder reads this label as Latin-1, browsers do not).
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    let s = '';
    for (const b of chunk) s += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
    out += s;
  }
  return out;
}

/**
 * The Windows-1252 bytes of a text, or null when a character has none. U+0080–U+009F (what a
 * Latin-1 reading gives for those bytes) go back to their byte too, so that text misread as
 * Latin-1 or as Windows-1252 can both be re-encoded.
 */
export function encodeWindows1252(text: string): Uint8Array | null {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0xff) out[i] = c;
    else {
      const k = CP1252_HIGH.indexOf(text[i]);
      if (k < 0) return null;
      out[i] = 0x80 + k;
    }
  }
  return out;
}

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  /** The encoding the bytes were read with (decided by the bytes, not by the BOM alone). */
  encoding: TextEncodingName;
  /** The bytes began with a byte-order mark (dropped from `text`). */
  bom: boolean;
  /** UTF-8 text that had been decoded twice (« Ã© » for « é ») was repaired. */
  repaired: boolean;
}

const strictUtf8 = (bytes: Uint8Array): string | null => {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
};

/**
 * UTF-16 without BOM: in text made mostly of Latin letters, one byte of each pair is zero. Counted
 * over the first few hundred bytes (a text may open with '’' or '€', whose high byte is not zero).
 */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 2) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] !== 0) continue;
    if (i % 2 === 0) even++;
    else odd++;
  }
  const pairs = n / 2;
  if (odd >= pairs * 0.3 && even <= odd / 10) return 'utf-16le';
  if (even >= pairs * 0.3 && odd <= even / 10) return 'utf-16be';
  return null;
}

// A lead byte of a 2- or 3-byte UTF-8 sequence (Ã Â â) followed by a continuation byte, as Windows-1252 or Latin-1 shows them.
const CONT = `\\u0080-\\u00bf${CP1252_HIGH}`;
const MOJIBAKE = new RegExp(`[\\u00c2-\\u00df][${CONT}]|[\\u00e0-\\u00ef][${CONT}]{2}`, 'g');
const mojibakeCount = (s: string): number => s.match(MOJIBAKE)?.length ?? 0;

/**
 * Text decoded twice (UTF-8 bytes read as Windows-1252 or Latin-1, then saved as UTF-8: « Ã© »,
 * « Ã¨ », « â€™ »): its Windows-1252 bytes are UTF-8 again. Repaired only when that is
 * unambiguous: every character re-encodes, the bytes are strict UTF-8, and there are fewer such
 * sequences afterwards. A file mixing right and doubled accents is left as it is.
 */
export function repairMojibake(text: string): string | null {
  const before = mojibakeCount(text);
  if (before === 0) return null;
  const bytes = encodeWindows1252(text);
  const again = bytes && strictUtf8(bytes);
  if (!again || mojibakeCount(again) >= before) return null;
  return again;
}

/**
 * Text of a CSV export, its encoding decided by its bytes. A UTF-16 BOM is trusted (UTF-16 cannot
 * be mistaken for anything else); a UTF-8 BOM is only a hint: real files carry one before
 * Windows-1252 text, so the rest must be strict UTF-8, else it is read as Windows-1252 (what Excel
 * on Windows writes for "CSV (séparateur : point-virgule)"). UTF-16 without BOM is recognised by
 * its zero bytes. Doubly decoded UTF-8 is repaired (repairMojibake).
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  let text: string;
  let encoding: TextEncodingName;
  let bom = false;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    [text, encoding, bom] = [new TextDecoder('utf-16le').decode(bytes.subarray(2)), 'utf-16le', true];
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    [text, encoding, bom] = [new TextDecoder('utf-16be').decode(bytes.subarray(2)), 'utf-16be', true];
  } else {
    bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    const body = bom ? bytes.subarray(3) : bytes;
    const utf16 = bom ? null : utf16WithoutBom(body);
    if (utf16) [text, encoding] = [new TextDecoder(utf16).decode(body), utf16];
    else {
      const utf8 = strictUtf8(body);
      [text, encoding] = utf8 !== null ? [utf8, 'utf-8'] : [decodeWindows1252(body), 'windows-1252'];
    }
  }
  // a BOM written twice, or one inside UTF-16 text
  text = text.replace(/^\uFEFF+/, '');
  const fixed = encoding === 'windows-1252' ? null : repairMojibake(text);
  return { text: fixed ?? text, encoding, bom, repaired: fixed !== null };
}

export const SEPARATORS = [';', ',', '\t', '|'] as const;

interface Parsed {
  rows: CellValue[][];
  /** per row: a field that does not start with a quote holds one (a sign of the wrong separator) */
  stray: boolean[];
  /** the text ended inside a record cut by `maxRecords` (not the text's end) */
  cut: boolean;
}

/** RFC 4180 reader: a quote opens a quoted field only at the field's start; elsewhere it is kept. */
function readRecords(text: string, sep: string, maxRecords = Infinity): Parsed {
  const rows: CellValue[][] = [];
  const stray: boolean[] = [];
  let row: CellValue[] = [];
  let cell = '';
  let quoted = false;
  let rowStray = false;
  let q = false;
  let i = 0;
  const pushCell = () => {
    if (!quoted && cell.includes('"')) rowStray = true;
    row.push(cell === '' ? null : cell);
    cell = '';
    quoted = false;
  };
  const pushRow = () => {
    rows.push(row);
    stray.push(rowStray);
    row = [];
    rowStray = false;
  };
  while (i < text.length) {
    const ch = text[i];
    if (q) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        q = false;
      } else cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell === '' && !quoted) {
      q = true;
      quoted = true;
    } else if (ch === sep) pushCell();
    else if (ch === '\r' || ch === '\n') {
      pushCell();
      pushRow();
      if (ch === '\r' && text[i + 1] === '\n') i++;
      if (rows.length >= maxRecords) return { rows, stray, cut: i + 1 < text.length };
    } else cell += ch;
    i++;
  }
  if (cell !== '' || row.length || quoted) {
    pushCell();
    pushRow();
  }
  return { rows, stray, cut: false };
}

const isBlank = (row: CellValue[]) =>
  row.every((v) => v === null || (typeof v === 'string' && v.trim() === ''));

/**
 * The separator that splits the first records most consistently: ';', ',', tab or '|', counted
 * outside quotes on records (a quoted field may span lines), not on physical lines. Score: the
 * records that have the most common field count (above 1) and no stray quote, i.e. no quote in
 * the middle of a field, which is what a quoted field cut by the wrong separator looks like.
 */
export function detectSeparator(text: string): string {
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  let best = ';';
  let bestScore = 0;
  for (const sep of SEPARATORS) {
    const p = readRecords(sample, sep, 50);
    // a record cut by the sample's end would not count right
    const n = sample.length < text.length && !p.cut ? p.rows.length - 1 : p.rows.length;
    const freq = new Map<number, number>();
    const kept: number[] = [];
    for (let k = 0; k < n; k++) {
      const len = p.rows[k].length;
      if (len < 2) continue;
      freq.set(len, (freq.get(len) ?? 0) + 1);
      kept.push(k);
    }
    if (freq.size === 0) continue;
    const [mode] = [...freq.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0];
    const good = kept.filter((k) => p.rows[k].length === mode && !p.stray[k]).length;
    const score = good * 1000 + Math.min(mode, 999);
    if (score > bestScore) {
      bestScore = score;
      best = sep;
    }
  }
  return best;
}

/**
 * RFC 4180 with the usual French variants; every cell stays text (parsed later by field). Quoted
 * fields may hold separators, doubled quotes and line breaks (CRLF, or a bare LF inside CRLF
 * records); a quote in the middle of an unquoted field is kept as is. Empty records at the end
 * (blank lines, `;;;;` rows that a spreadsheet leaves below the data) are dropped; those in the
 * middle stay (skipped later as blank rows).
 */
export function parseCsv(text: string, sep = detectSeparator(text)): CellValue[][] {
  const { rows } = readRecords(text, sep);
  while (rows.length && isBlank(rows[rows.length - 1])) rows.pop();
  return rows;
}

/** What reading a CSV file decided, for a caller to report. */
export interface CsvReading {
  grid: Grid;
  encoding: TextEncodingName;
  bom: boolean;
  repaired: boolean;
  separator: string;
}

export function readCsv(file: string, bytes: Uint8Array): CsvReading {
  const { text, encoding, bom, repaired } = decodeText(bytes);
  const separator = detectSeparator(text);
  const sheet = file.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  return { grid: { file, sheet, rows: parseCsv(text, separator) }, encoding, bom, repaired, separator };
}

export function csvToGrid(file: string, bytes: Uint8Array): Grid {
  return readCsv(file, bytes).grid;
}
