import { isCellError, type CellValue } from '../model/grid';

/** A cell as text, for labels and names; errors and empty cells give ''. */
export function cellText(v: CellValue): string {
  if (v === null || v === undefined || isCellError(v)) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  return String(v).trim();
}
