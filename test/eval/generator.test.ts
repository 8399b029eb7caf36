import { encodeWindows1252 } from '../../scripts/world/encode-text';
import { generateWorld } from '../../scripts/world/generate';
import { makeWorld } from '../../scripts/world/make-world';
import { Random } from '../../scripts/world/random';
import { luhnOk } from '../../scripts/world/siret';
import { makeTruth } from '../../scripts/world/truth';
import { writeLayouts } from '../../scripts/world/write-layouts';

/** World and truth without writing bytes (fast): the truth only depends on where things were written. */
const truthOf = (seed: number) => {
  const world = makeWorld(seed);
  const written = writeLayouts(world, new Random(seed).fork('layout'));
  return { world, written, truth: makeTruth(world, written) };
};
const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);
const worlds = SEEDS.map(truthOf);

describe('world generator', () => {
  test('same seed, same bytes and same truth', async () => {
    const a = await generateWorld(7);
    const b = await generateWorld(7);
    expect(b.files.map((f) => f.name)).toEqual(a.files.map((f) => f.name));
    a.files.forEach((f, i) => expect(Buffer.from(b.files[i].bytes).equals(Buffer.from(f.bytes))).toBe(true));
    expect(JSON.stringify(b.truth)).toBe(JSON.stringify(a.truth));
  });

  test('different seeds, different worlds and files', async () => {
    const a = await generateWorld(8);
    const b = await generateWorld(9);
    expect(a.truth.structures.map((s) => s.name)).not.toEqual(b.truth.structures.map((s) => s.name));
    expect(Buffer.concat(a.files.map((f) => Buffer.from(f.bytes))).equals(Buffer.concat(b.files.map((f) => Buffer.from(f.bytes))))).toBe(false);
  });

  test.each(SEEDS.slice(0, 10))('seed %i: totals are the sum of the truth lines, counts agree', (seed) => {
    const { truth } = worlds[seed - 1];
    for (const t of truth.totals) {
      const ls = truth.detail.fundingLines.filter((l) => l.partner === t.partner && l.year === t.year);
      expect(Math.round(ls.reduce((a, l) => a + l.voted, 0) * 100) / 100).toBeCloseTo(t.voted, 2);
      expect(Math.round(ls.reduce((a, l) => a + (l.paid ?? 0), 0) * 100) / 100).toBeCloseTo(t.paid, 2);
    }
    expect(truth.counts.fundingLines).toBe(truth.detail.fundingLines.length);
    expect(truth.counts.conventions).toBe(truth.detail.conventions.length);
    expect(truth.counts.structures).toBe(truth.structures.length);
  });

  test('15 to 40 structures plus the federation, valid SIRET (14 digits, Luhn), unique names', () => {
    for (const { world } of worlds) {
      const avs = world.structures.filter((s) => s.kind !== 'FEDERATION');
      expect(avs.length).toBeGreaterThanOrEqual(15);
      expect(avs.length).toBeLessThanOrEqual(40);
      expect(world.structures.filter((s) => s.kind === 'FEDERATION')).toHaveLength(1);
      for (const s of world.structures) {
        expect(s.siret).toMatch(/^\d{14}$/);
        expect(luhnOk(s.siret)).toBe(true);
        expect(luhnOk(s.siret.slice(0, 9))).toBe(true);
      }
      expect(new Set(world.structures.map((s) => s.core)).size).toBe(world.structures.length);
      expect(world.years.length).toBeGreaterThanOrEqual(3);
      expect(world.years.every((y) => y >= 2017 && y <= 2020)).toBe(true);
    }
  });

  test('every injected anomaly kind and flag occurs over 40 seeds, and not in every world', () => {
    const codes = new Map<string, number>();
    for (const { truth } of worlds) for (const c of new Set(truth.expectedFindings.map((e) => (e.code === 'CONVENTION_MANQUANTE' ? `${e.code}:${e.reason}` : e.code)))) codes.set(c, (codes.get(c) ?? 0) + 1);
    for (const c of ['DISPOSITIF_NON_AUTORISE', 'AGREMENT_ABSENT_OU_EXPIRE', 'MONTANT_ILLISIBLE', 'DOUBLON', 'MONTANT_NEGATIF', 'VERSE_SUPERIEUR_VOTE', 'STRUCTURE_INCONNUE', 'CONVENTION_MANQUANTE:dispositif', 'CONVENTION_MANQUANTE:seuil_23000', 'AXE_NON_FINANCE', 'FICHIER_REJETE']) {
      expect({ c, seen: (codes.get(c) ?? 0) > 0 }).toEqual({ c, seen: true });
      expect(codes.get(c)).toBeLessThan(SEEDS.length + (c === 'CONVENTION_MANQUANTE:dispositif' ? 1 : 0));
    }
    expect(worlds.some(({ truth }) => truth.epciWithoutStructure.length > 0)).toBe(true);
    expect(worlds.some(({ world }) => world.lines.some((l) => l.other))).toBe(true);
  });

  test('layouts vary: CSV and xlsx, hidden sheets, legends, sub-totals, two-row headers, several header wordings', () => {
    const files = worlds.flatMap(({ written }) => written.files);
    expect(files.some((f) => f.csv?.encoding === 'cp1252')).toBe(true);
    expect(files.some((f) => f.csv?.encoding === 'utf8-bom')).toBe(true);
    expect(files.some((f) => f.csv?.sep === ',')).toBe(true);
    expect(files.some((f) => f.raw)).toBe(true);
    const sheets = files.flatMap((f) => f.sheets ?? []);
    expect(sheets.some((s) => s.hidden)).toBe(true);
    expect(sheets.some((s) => /Légende|Codes|Nomenclature/.test(s.name))).toBe(true);
    const texts = sheets.flatMap((s) => s.rows.flat()).filter((c): c is string => typeof c === 'string');
    expect(texts.some((t) => /^(Sous-total|S\/Total|Sous total|SOUS-TOTAL)/.test(t))).toBe(true);
    expect(texts.some((t) => /\u00a0€$/.test(t))).toBe(true);
    expect(texts.some((t) => /^\d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) 20\d\d$/.test(t))).toBe(true);
    expect(sheets.some((s) => s.merges.some((m) => m.bottom > m.top))).toBe(true);
    expect(sheets.some((s) => s.rows.flat().some((c) => c && typeof c === 'object' && 'formula' in c && /^SUM\(/.test(c.formula)))).toBe(true);
    for (const w of ['Montant voté', 'Mt accordé', 'Bénéficiaire', 'Equipement']) expect(texts.some((t) => t.toLowerCase() === w.toLowerCase())).toBe(true);
  });

  test('Windows-1252 by its table for French letters, the euro sign and no-break spaces', () => {
    expect([...encodeWindows1252('éèàçô€\u00a0’–')]).toEqual([0xe9, 0xe8, 0xe0, 0xe7, 0xf4, 0x80, 0xa0, 0x92, 0x96]);
    expect(() => encodeWindows1252('✓')).toThrow();
  });
});
