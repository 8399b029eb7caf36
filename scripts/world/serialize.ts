/** Files as bytes: xlsx by exceljs (formulas with their cached results), CSV encoded by hand. */
import ExcelJS from 'exceljs';
import { encodeText } from './encode-text';
import type { Random } from './random';
import type { Cell, SheetOut } from './sheet-builder';
import type { FileOut } from './write-layouts';

const FIXED_DATE = new Date(Date.UTC(2021, 0, 15, 9, 0, 0));

/** Zip entries carry the time they were written: set them all to one date so that bytes depend on the seed only. */
export function fixZipTimes(bytes: Uint8Array): Uint8Array {
  const b = Buffer.from(bytes);
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 65557); i--)
    if (b.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) return bytes;
  const count = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  const time = (9 << 11) | 0;
  const date = ((2021 - 1980) << 9) | (1 << 5) | 15;
  for (let k = 0; k < count && b.readUInt32LE(p) === 0x02014b50; k++) {
    b.writeUInt16LE(time, p + 12);
    b.writeUInt16LE(date, p + 14);
    const local = b.readUInt32LE(p + 42);
    if (b.readUInt32LE(local) === 0x04034b50) {
      b.writeUInt16LE(time, local + 10);
      b.writeUInt16LE(date, local + 12);
    }
    p += 46 + b.readUInt16LE(p + 28) + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
  }
  return new Uint8Array(b);
}

function toExcel(v: Cell): ExcelJS.CellValue {
  if (v === null) return null;
  if (v instanceof Date || typeof v !== 'object') return v;
  if ('formula' in v) return (v.result === undefined ? { formula: v.formula } : { formula: v.formula, result: v.result }) as ExcelJS.CellFormulaValue;
  return { error: v.error } as ExcelJS.CellErrorValue;
}

export async function xlsxBytes(sheets: SheetOut[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Partenaire';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { state: s.hidden ? 'hidden' : 'visible' });
    s.rows.forEach((row, ri) =>
      row.forEach((v, ci) => {
        if (v === null) return;
        const cell = ws.getCell(ri + 1, ci + 1);
        cell.value = toExcel(v);
        const fmt = s.formats[ci + 1];
        if (v instanceof Date) cell.numFmt = 'dd/mm/yyyy';
        else if (fmt && (typeof v === 'number' || (typeof v === 'object' && 'formula' in v))) cell.numFmt = fmt.includes('yy') ? '#,##0.00' : fmt;
      }),
    );
    for (const m of s.merges) ws.mergeCells(m.top, m.left, m.bottom, m.right);
    (ws.columns ?? []).forEach((col) => (col.width = 18));
    for (const c of s.hiddenCols ?? []) ws.getColumn(c).hidden = true;
  }
  const buf = await wb.xlsx.writeBuffer();
  return fixZipTimes(new Uint8Array(buf as ArrayBuffer));
}

function csvText(v: Cell, decimal: ',' | '.'): string {
  if (v === null) return '';
  if (v instanceof Date) return `${String(v.getUTCDate()).padStart(2, '0')}/${String(v.getUTCMonth() + 1).padStart(2, '0')}/${v.getUTCFullYear()}`;
  if (typeof v === 'number') {
    // as Excel writes a number in General format: 4.1 stays « 4,1 », 1234.5 « 1234,5 »
    const s = String(v);
    return decimal === ',' ? s.replace('.', ',') : s;
  }
  if (typeof v === 'object') return 'formula' in v ? csvText(v.result ?? null, decimal) : v.error;
  return v;
}

export function csvBytes(sheet: SheetOut, sep: ';' | ',', encoding: 'utf8' | 'utf8-bom' | 'cp1252', decimal: ',' | '.', eol: string): Uint8Array {
  const width = Math.max(1, ...sheet.rows.map((r) => r.length));
  const lines = sheet.rows.map((r) => {
    const cells = Array.from({ length: r.length ? width : 0 }, (_, i) => csvText(r[i] ?? null, decimal));
    return cells.map((t) => (t.includes(sep) || t.includes('"') || /[\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t)).join(sep);
  });
  return encodeText(lines.join(eol) + eol, encoding);
}

export async function fileBytes(f: FileOut, rnd: Random): Promise<Uint8Array> {
  if (f.raw === 'garbage') return Uint8Array.from({ length: rnd.int(300, 3000) }, () => rnd.int(0, 255));
  if (f.raw === 'truncate') {
    const full = await xlsxBytes([{ name: 'Feuil1', rows: [['Structure', 'Montant'], ['x', 1000]], merges: [], formats: {} }]);
    return full.slice(0, Math.floor(full.length / 2));
  }
  if (f.csv) return csvBytes(f.sheets![0], f.csv.sep, f.csv.encoding, f.csv.style.csvDecimal ?? (f.csv.sep === ',' ? '.' : ','), rnd.chance(0.6) ? '\r\n' : '\n');
  return xlsxBytes(f.sheets!);
}
