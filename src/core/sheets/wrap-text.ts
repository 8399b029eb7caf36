/**
 * How many lines a text takes once wrapped in a column `width` characters wide, and the row
 * height that shows them all. Column widths count digits of the default font; a letter of
 * Calibri 11 is narrower (about 0.8), and LibreOffice's substitute when Calibri is missing (DejaVu
 * Sans) about as wide, so one character is counted as CHAR_UNITS of width: the estimate errs on
 * the tall side, and a printed label is never cut.
 */
export const CHAR_UNITS = 1;
export const LINE_POINTS = 15;

export function wrappedLines(text: string, width: number): number {
  const cap = Math.max(1, Math.floor(width / CHAR_UNITS));
  let lines = 0;
  for (const para of text.split('\n')) {
    let line = 0;
    lines++;
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const len = word.length;
      if (line === 0) line = len;
      else if (line + 1 + len <= cap) line += 1 + len;
      else {
        lines++;
        line = len;
      }
      while (line > cap) {
        lines++;
        line -= cap;
      }
    }
  }
  return lines;
}

/** Row height (points) for cells of text wrapped in columns of these widths. */
export function wrappedRowHeight(texts: (string | null | undefined)[], widths: number[]): number {
  const lines = Math.max(1, ...texts.map((t, i) => (t ? wrappedLines(t, widths[i] ?? 10) : 1)));
  return lines * LINE_POINTS;
}
