import { parseDate } from './parse-date';
import { tooLongForValue } from './value-text';

// a date written inside a longer text: 18/11/2016, 2016-11-18, 18.11.16, 1er janvier 2015, 31 déc. 2018, 6-déc-16
const DATE_IN_TEXT = [
  /(?<![\d/.-])\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})(?![\d/.-])/,
  /(?<![\d-])\d{4}-\d{1,2}-\d{1,2}(?![\d-])/,
  /(?<!\d)\d{1,2}(?:er)?\s+[a-zéûô]{3,9}\.?\s+\d{4}(?!\d)/i,
  // Excel's jj-mmm-aa: 6-déc-16, 21-janv-2015
  /(?<![\d-])\d{1,2}(?:er)?-[a-zéûô]{3,9}\.?-(?:\d{4}|\d{2})(?![\d-])/i,
];
// the words that join a reference and its date: "du", "signée le", "en date du", "–", "(", ","
const JOINERS = /^(?:[\s,;:/–—-]|\(|\)|\bsign[ée]+e?s?\b|\ben date du\b|\bdu\b|\ble\b|\bdate\b)+|(?:[\s,;:/–—-]|\(|\)|\bsign[ée]+e?s?\b|\ben date du\b|\bdu\b|\ble\b|\bdate\b)+$/gi;
const NUMBER_WORD = /^(?:n[°o]|num[ée]ro|r[ée]f(?:[ée]rence)?\.?)\s*:?\s*/i;

export interface ConventionCell {
  ref?: string;
  signedOn?: string;
}

/**
 * A convention's number and signature date written in one cell ("CPO-2017-003 du 18/11/2016",
 * "n° 12 signée le 4 mars 2019"): both parts, or undefined when the cell holds no date beside text.
 */
export function splitConventionCell(text: string): ConventionCell | undefined {
  const s = text.trim();
  if (!s || tooLongForValue(s)) return undefined;
  for (const re of DATE_IN_TEXT) {
    const m = re.exec(s);
    if (!m) continue;
    const d = parseDate(m[0].replace(/\s+/g, ' '));
    if (!d.ok) continue;
    const rest = (s.slice(0, m.index) + ' ' + s.slice(m.index + m[0].length)).replace(/\s+/g, ' ').replace(JOINERS, '').trim();
    const ref = rest.replace(NUMBER_WORD, '').replace(JOINERS, '').trim();
    return { ref: ref || undefined, signedOn: d.value };
  }
  return undefined;
}
