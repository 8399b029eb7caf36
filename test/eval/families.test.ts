/**
 * The layout families of issue 24 (scripts/world/families.ts) write the same facts as the default
 * layouts: same lines, same totals, each truth line at a row that shows its amount; and without an
 * option the generator draws exactly what it drew before (the 20-world slice keeps its baseline).
 */
import { FAMILY_NAMES, kiloText } from '../../scripts/world/families';
import { makeWorld } from '../../scripts/world/make-world';
import { Random } from '../../scripts/world/random';
import type { Cell } from '../../scripts/world/sheet-builder';
import { makeTruth } from '../../scripts/world/truth';
import { writeLayouts, type LayoutOptions } from '../../scripts/world/write-layouts';

const truthOf = (seed: number, opts: LayoutOptions = {}) => {
  const world = makeWorld(seed);
  const written = writeLayouts(world, new Random(seed).fork('layout'), opts);
  return { world, written, truth: makeTruth(world, written) };
};

/** What a cell can write for `v` euros in some family: the number, thousands, « k€ » text, or a formula without result. */
const shows = (c: Cell, v: number) => {
  if (typeof c === 'number') return Math.abs(c - v) < 0.005 || Math.abs(c * 1000 - v) < 0.005;
  if (typeof c === 'string')
    return (
      c === kiloText(v) || c.replace(/[\s\u00a0\u202f]/g, '') === kiloText(v).replace(/[\s\u00a0\u202f]/g, '')
    );
  return (
    !!c &&
    typeof c === 'object' &&
    'formula' in c &&
    (c.result === undefined ? true : Math.abs(c.result - v) < 0.005)
  );
};

describe('layout families', () => {
  const SEEDS = [3, 8];
  test.each(FAMILY_NAMES.flatMap((f) => SEEDS.map((s) => [f, s] as const)))(
    '%s (seed %i): same lines and voted totals as the default layouts, each at a row showing its amount',
    (family, seed) => {
      const base = truthOf(seed).truth;
      const { truth, written } = truthOf(seed, { family });
      expect(truth.counts.fundingLines).toBe(base.counts.fundingLines);
      // voted totals: the paid ones depend on whether the layout has a paid column
      expect(truth.totals.map(({ paid: _p, ...t }) => t)).toEqual(base.totals.map(({ paid: _p, ...t }) => t));
      expect(truth.structures.map((s) => s.code)).toEqual(base.structures.map((s) => s.code));
      const sheet = (file: string, name: string) => {
        const f = written.files.find((x) => x.name === file);
        return f?.sheets?.find((s) => s.name === name || f.csv !== undefined);
      };
      // the funding files a family rewrote (agrementRows rewrites the structures lists only)
      for (const l of family === 'agrementRows' ? [] : truth.detail.fundingLines) {
        const row = sheet(l.file, l.sheet)?.rows[l.row - 1] ?? [];
        expect({
          at: `${l.file} › ${l.sheet} › ${l.row}`,
          shown: row.some((c) => shows(c, l.voted)),
        }).toEqual({ at: `${l.file} › ${l.sheet} › ${l.row}`, shown: true });
      }
    },
  );

  test('a family changes only the files it rewrites (its draws come from its own stream)', () => {
    const base = truthOf(5).written.files;
    const fam = truthOf(5, { family: 'agrementRows' }).written.files;
    const names = (fs: typeof base) => fs.map((f) => f.name);
    expect(names(fam)).toEqual(names(base));
    const differ = fam
      .filter((f, i) => JSON.stringify(f.sheets) !== JSON.stringify(base[i].sheets))
      .map((f) => f.name);
    expect(differ.length).toBeGreaterThan(0);
    expect(differ.every((n) => /FACS|CAF07_|CAF_liste|Annuaire/.test(n))).toBe(true);
  });

  test('agrementRows: the same structure on several rows with its SIRET, one agrément each', () => {
    const { written } = truthOf(3, { family: 'agrementRows' });
    const list = written.files.find((f) => /structures|equipements|adherents|Annuaire/i.test(f.name))!;
    const rows = list.sheets![0].rows.map((r) => r.join('|'));
    const sirets = [...written.listed.keys()].length;
    expect(rows.length).toBeGreaterThan(sirets);
    expect([...written.listed.values()].some((x) => (x.more?.length ?? 0) >= 2)).toBe(true);
  });

  test('mix draws families in some worlds only, and no option draws none', () => {
    const sheetsOf = (o: LayoutOptions, seed: number) =>
      JSON.stringify(truthOf(seed, o).written.files.map((f) => f.sheets));
    const seeds = Array.from({ length: 12 }, (_, i) => i + 1);
    const changed = seeds.filter((s) => sheetsOf({ family: 'mix' }, s) !== sheetsOf({}, s));
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.length).toBeLessThan(seeds.length);
  });
});
