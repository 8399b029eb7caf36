/**
 * A copy of `s` that does not point into the text it was cut from. XML parsers cut cell texts out
 * of a sheet's whole XML, and V8 keeps such a cut as a view on that text: one structure name kept
 * in the dataset kept its sheet's XML alive (a national build held ~240 Mo of XML this way).
 * Short strings are always copied by V8 (its slices start at 13 characters).
 */
export function ownString(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}
