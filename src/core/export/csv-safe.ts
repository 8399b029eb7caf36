/**
 * CSV formula injection ("CSV injection", OWASP): a spreadsheet opening a CSV reads a field that
 * starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula (or a DDE call such as
 * `=cmd|' /C calc'!A0`). OWASP's recommendation, followed here: such a text field is prefixed with
 * a single quote and the field is enclosed in double quotes (embedded quotes doubled), so Excel,
 * LibreOffice and Google Sheets show it as text. A number (`-12.50`, `+3`, `1e5`) is left as is:
 * it is data, not a formula, and the SCDL amounts must stay machine-readable. See docs/securite.md.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?(\d+([.,]\d+)?|[.,]\d+)([eE][+-]?\d+)?$/;

/** True when a spreadsheet would read this text field as a formula. */
export function isFormulaLike(v: string): boolean {
  return FORMULA_START.test(v) && !NUMBER.test(v);
}

/** One CSV field, neutralised when formula-like, quoted when it holds a separator, quote or line break. */
export function csvField(v: string, separator = ','): string {
  if (isFormulaLike(v)) return `"'${v.replace(/"/g, '""')}"`;
  const special = new RegExp(`["\\r\\n${separator === '\t' ? '\\t' : separator};,]`);
  return special.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Rows as CSV text (CRLF line ends, as RFC 4180 and the SCDL ask), every field through `csvField`. */
export function toCsvText(rows: string[][], separator = ','): string {
  return rows.map((r) => r.map((v) => csvField(v, separator)).join(separator) + '\r\n').join('');
}
