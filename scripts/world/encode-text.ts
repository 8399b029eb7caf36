/** Text to bytes as partners' tools write CSV: UTF-8 (with or without BOM) or Windows-1252. */

/** Windows-1252 bytes 0x80–0x9F that are not Latin-1; the rest of 0xA0–0xFF is Latin-1 itself. */
const CP1252_HIGH: Record<string, number> = {
  '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89, 'Š': 0x8a, '‹': 0x8b,
  'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99,
  'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
};

export function encodeWindows1252(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) out.push(code);
    else if (CP1252_HIGH[ch] !== undefined) out.push(CP1252_HIGH[ch]);
    else if (ch === '\u202f') out.push(0xa0); // narrow no-break space: the no-break space
    else throw new Error(`caractère ${JSON.stringify(ch)} absent de Windows-1252`);
  }
  return Uint8Array.from(out);
}

export function encodeText(text: string, encoding: 'utf8' | 'utf8-bom' | 'cp1252'): Uint8Array {
  if (encoding === 'cp1252') return encodeWindows1252(text);
  const body = new TextEncoder().encode(text);
  if (encoding === 'utf8') return body;
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}
