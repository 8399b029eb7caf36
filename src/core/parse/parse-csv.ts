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
 * Text of a CSV export, whatever its encoding: BOM (UTF-8, UTF-16 LE/BE) first, then strict
 * UTF-8, then Windows-1252 (what Excel on Windows writes for "CSV (séparateur : point-virgule)").
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  // UTF-16 without BOM: every other byte zero in the first characters
  if (bytes.length >= 4 && bytes[1] === 0 && bytes[3] === 0 && bytes[0] !== 0) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/** The separator used most consistently on the first lines, outside quotes: ';', ',' or tab. */
export function detectSeparator(text: string): string {
  const lines = text.split(/\r\n|\n|\r/).filter((l) => l.trim()).slice(0, 20);
  let best = ';';
  let bestScore = -1;
  for (const sep of [';', ',', '\t', '|']) {
    const counts = lines.map((l) => {
      let n = 0;
      let q = false;
      for (const ch of l) {
        if (ch === '"') q = !q;
        else if (ch === sep && !q) n++;
      }
      return n;
    });
    const nonZero = counts.filter((c) => c > 0);
    if (nonZero.length === 0) continue;
    // lines that agree with the most common count, weighted by that count
    const freq = new Map<number, number>();
    for (const c of nonZero) freq.set(c, (freq.get(c) ?? 0) + 1);
    const [mode, times] = [...freq.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0];
    const score = times * 1000 + mode;
    if (score > bestScore) {
      bestScore = score;
      best = sep;
    }
  }
  return best;
}

/** RFC 4180 with the usual French variants; every cell stays text (parsed later by field). */
export function parseCsv(text: string, sep = detectSeparator(text)): CellValue[][] {
  const rows: CellValue[][] = [];
  let row: CellValue[] = [];
  let cell = '';
  let q = false;
  let i = 0;
  const pushCell = () => {
    row.push(cell === '' ? null : cell);
    cell = '';
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
    if (ch === '"' && cell === '') q = true;
    else if (ch === sep) pushCell();
    else if (ch === '\r' || ch === '\n') {
      pushCell();
      rows.push(row);
      row = [];
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else cell += ch;
    i++;
  }
  if (cell !== '' || row.length) {
    pushCell();
    rows.push(row);
  }
  return rows;
}

export function csvToGrid(file: string, bytes: Uint8Array): Grid {
  const { text } = decodeText(bytes);
  const sheet = file.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  return { file, sheet, rows: parseCsv(text.replace(/^\uFEFF/, '')) };
}
