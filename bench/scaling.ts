/**
 * Growth of structure linking and duplicate detection: the same kind of data at n and 4n
 * (structures and lines), timed in-process. A near-linear (n log n) stage grows ≤ 5× for a 4× input.
 */
import { findDuplicates } from '../src/core/link/find-duplicates';
import { StructureMatcher } from '../src/core/link/match-structures';
import type { FundingLine, Structure } from '../src/core/model/domain';

const NAMES = ['Les Oliviers', 'La Cascade', 'Le Lavoir', 'Les Terrasses', 'Le Chambon', 'Mont Toulon', 'Les Tilleuls', 'La Passerelle', 'Le Moulin', 'Les Cèdres'];

function data(structures: number, linesPer: number) {
  const list: Structure[] = [];
  for (let i = 0; i < structures; i++) {
    const commune = `Commune ${Math.floor(i / 40)}-${i % 40}`;
    list.push({ code: `S${i}`, name: `Centre social ${NAMES[i % NAMES.length]} ${i}`, kind: 'CS', commune, siret: String(10000000000008 + i * 17), agrements: [], aliases: [] });
  }
  const lines: FundingLine[] = [];
  for (let j = 0; j < structures * linesPer; j++) {
    const s = list[j % structures];
    // one line in three without SIRET, written "CS <name> (<commune>)": linked by name
    const byName = j % 3 === 0;
    lines.push({
      id: j,
      partner: ['CAF', 'CD07', 'MSA'][j % 3],
      structureName: byName ? `CS ${NAMES[(j % structures) % NAMES.length]} ${j % structures} (${s.commune})` : s.name,
      siret: byName ? undefined : s.siret,
      year: 2017 + (Math.floor(j / structures) % 4),
      dispositif: `D${Math.floor(j / (structures * 4)) % 5}`,
      voted: 1000 + j / 100,
      status: 'voté',
      source: { file: `f${Math.floor(j / 600)}.xlsx`, sheet: 'PS', row: j },
    } as FundingLine);
  }
  // 1 % of lines repeated in a "décision modificative" sheet: DOUBLON findings grow with n too
  for (let j = 7; j < structures * linesPer; j += 100) lines.push({ ...lines[j], id: lines.length, source: { ...lines[j].source, sheet: 'DM' } });
  return { list, lines };
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

function time(structures: number, linesPer: number): { link: number; dup: number; lines: number } {
  const { list, lines } = data(structures, linesPer);
  gc(); // a collection left over from building the data must not land inside the measure
  const t0 = performance.now();
  const m = new StructureMatcher(list);
  let matched = 0;
  for (const l of lines) if (m.match({ name: l.structureName, siret: l.siret }).kind === 'matched') matched++;
  const link = performance.now() - t0;
  if (matched < lines.length * 0.8) throw new Error(`rapprochement anormal : ${matched}/${lines.length}`);
  gc();
  const t1 = performance.now();
  findDuplicates(lines);
  const dup = performance.now() - t1;
  return { link, dup, lines: lines.length };
}

/** Best of five runs at n = `structures` and at 4n (after a collection, when node runs with --expose-gc). */
export function scaling(structures = 1000, linesPer = 62) {
  const best = (s: number) => {
    const runs = [time(s, linesPer), time(s, linesPer), time(s, linesPer), time(s, linesPer), time(s, linesPer)];
    return { link: Math.min(...runs.map((r) => r.link)), dup: Math.min(...runs.map((r) => r.dup)), lines: runs[0].lines };
  };
  const small = best(structures);
  const big = best(structures * 4);
  return { small, big, linkRatio: big.link / small.link, dupRatio: big.dup / small.dup, structures };
}

if (require.main === module) process.stdout.write(JSON.stringify(scaling(), null, 2) + '\n');
