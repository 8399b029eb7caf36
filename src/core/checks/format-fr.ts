import type { Provenance } from '../model/domain';

/** fr-FR money without Intl locale data (the add-in may run where ICU is small): 12 500,00 €. */
export function formatEuros(n: number | undefined): string {
  if (n === undefined || n === null || !Number.isFinite(n)) return '? €';
  const neg = n < 0;
  const [int, dec] = Math.abs(n).toFixed(2).split('.');
  return `${neg ? '-' : ''}${groupDigits(int)},${dec} €`;
}

/** A whole count grouped as French writes it: 32 767, 5 242 880. */
export function formatCount(n: number): string {
  return groupDigits(String(Math.round(n)));
}

/** Digits in groups of three, separated by a narrow no-break space. */
const groupDigits = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');

/** Money as a threshold is said: no cents when there are none (30 000 €), else as formatEuros. */
export function formatEurosShort(n: number | undefined): string {
  return formatEuros(n).replace(/,00 €$/, ' €');
}

/** ISO date to dd/mm/yyyy. */
export function formatDateFr(iso: string | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** file › sheet › cell (or row), as users read it; a whole file (no sheet, row 0) is just its name. */
export function formatLocation(p: Provenance): string {
  const where = p.row > 0 ? (p.col ? `${p.col}${p.row}` : `ligne ${p.row}`) : '';
  return [p.file, p.sheet, where].filter(Boolean).join(' › ');
}
