/** True when [start, end] (ISO dates, open when missing) covers at least one day of `year`. */
export function coversYear(start: string | undefined, end: string | undefined, year: number): boolean {
  return (!start || start <= `${year}-12-31`) && (!end || end >= `${year}-01-01`);
}
