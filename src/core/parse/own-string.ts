/**
 * A copy of `s` that does not point into the text it was cut from. XML parsers cut cell texts out
 * of a sheet's whole XML, and V8 keeps such a cut as a view on that text: one structure name kept
 * in the dataset kept its sheet's XML alive (a national build held ~240 Mo of XML this way).
 * Short strings are always copied by V8 (its slices start at 13 characters).
 */
export function ownString(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

/**
 * One copy of each distinct text of a workbook (a structure's name on each of its lines is one
 * string in memory), each copied out of the text it was cut from (ownString).
 */
export function textInterner(): <T>(v: T) => T {
  const texts = new Map<string, string>();
  return <T>(v: T): T => {
    if (typeof v !== 'string') return v;
    const known = texts.get(v);
    if (known !== undefined) return known as T;
    const own = ownString(v);
    texts.set(own, own); // the key too: a cut-out key would keep its piece of text alive
    return own as T;
  };
}
