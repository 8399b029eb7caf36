/**
 * No date, amount, year, period or SIRET is written in more than this many characters. A longer
 * text (a pasted paragraph, a 5 Mo CSV field) is not one, and is never handed to their patterns:
 * on a text of millions of characters, a pattern's backtracking can exhaust V8's regexp stack
 * (« Maximum call stack size exceeded », seen in CI on the hostile corpus).
 */
export const MAX_VALUE_TEXT = 200;

export const tooLongForValue = (s: string): boolean => s.length > MAX_VALUE_TEXT;
