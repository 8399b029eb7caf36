import { makeFinding } from '../checks/messages';
import type { FundingLine } from '../model/domain';
import type { Finding } from '../model/finding';
import { normaliseText } from '../parse/normalise-text';

/** A file's name without its extension, as compared: « Suivi_2019_complement.csv » follows « Suivi_2019.csv ». */
const stem = (file: string) => file.replace(/\.[a-z0-9]+$/i, '').toLowerCase();

/**
 * Files in the order their lines count: by name without extension, so that a file named after
 * another (« …_complement », « … (2) ») comes after it whatever the extension's or collation's order.
 */
export function compareSourceFiles(a: string, b: string): number {
  // code points, not a collation: ICU puts « _ » before « . », so « x_complement.csv » before « x.csv »
  const sa = stem(a);
  const sb = stem(b);
  return sa < sb ? -1 : sa > sb ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The same funding (partner, structure, year, dispositif, voted amount) found again in another
 * sheet or file — typically a décision modificative repeating a line — is a DOUBLON: the first
 * one counts (files in `compareSourceFiles` order, sheets and rows in reading order), the repeat
 * is marked and never counted. One hash pass after a sort by file: O(n log n) in files only.
 */
export function findDuplicates(
  all: FundingLine[],
  dispositifNamed: (text: string, partner: string) => string | undefined = () => undefined,
): Finding[] {
  // an « Intitulé » that only repeats the line's own dispositif (« Insertion » on a PDI line) says nothing of the action
  const objectOf = (l: FundingLine) =>
    l.object && l.dispositif && dispositifNamed(l.object, l.partner) === l.dispositif ? undefined : l.object;
  const files = [...new Set(all.map((l) => l.source.file))];
  const rank = new Map(files.sort(compareSourceFiles).map((f, i) => [f, i]));
  const lines =
    files.length > 1 ? [...all].sort((a, b) => rank.get(a.source.file)! - rank.get(b.source.file)!) : all;
  const first = new Map<string, FundingLine[]>();
  const out: Finding[] = [];
  // names and labels repeat on thousands of lines: normalise each distinct text once
  const norm = new Map<string, string>();
  const normalised = (s: string) => {
    let n = norm.get(s);
    if (n === undefined) norm.set(s, (n = normaliseText(s)));
    return n;
  };
  for (const l of lines) {
    if (l.voted === undefined) continue;
    const who = l.structure ?? l.siret ?? normalised(l.structureName);
    const key = `${l.partner}|${who}|${l.year}|${l.dispositif ?? normalised(l.dispositifLabel ?? '')}|${l.voted.toFixed(2)}`;
    const seen = first.get(key);
    // two objects that say different things (« Accueil de loisirs ados », « Départs en vacances ») are two fundings
    const prev = seen?.find((p) => sameObject(objectOf(p), objectOf(l), normalised));
    if (!prev) {
      if (seen) seen.push(l);
      else first.set(key, [l]);
      continue;
    }
    if (prev.source.file === l.source.file && prev.source.sheet === l.source.sheet) continue;
    l.duplicateOf = prev.source;
    out.push(
      makeFinding(
        'DOUBLON',
        {
          partner: l.partner,
          structure: l.structure,
          structureName: l.structureName,
          siret: l.siret,
          year: l.year,
          dispositif: l.dispositif,
          voted: l.voted,
          duplicateOf: prev.source,
        },
        l.source,
      ),
    );
  }
  return out;
}

/** Objects compatible when one is missing or one contains the other (« Vacances » / « Vacances familles 2020 »). */
function sameObject(
  a: string | undefined,
  b: string | undefined,
  normalised: (s: string) => string,
): boolean {
  if (!a || !b) return true;
  const x = normalised(a);
  const y = normalised(b);
  return !x || !y || x.includes(y) || y.includes(x);
}
