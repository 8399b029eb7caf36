/**
 * True when [start, end] (ISO dates, open on a missing side) covers at least one day of `year`.
 * A period with neither date is unknown: it covers nothing (a convention "en cours" hides no flag).
 */
export function coversYear(start: string | undefined, end: string | undefined, year: number): boolean {
  if (!start && !end) return false;
  return (!start || start <= `${year}-12-31`) && (!end || end >= `${year}-01-01`);
}
