/** CSV exports as partners make them, through csvToGrid and the whole pipeline. */
import { csvToGrid } from '../../../src/core/parse/parse-csv';
import { runPipeline } from '../../../src/core/pipeline';

const cp1252 = (s: string) => Uint8Array.from([...s].map((ch) => ({ '€': 0x80, '’': 0x92 })[ch] ?? ch.charCodeAt(0)));
const totals = (file: string, bytes: Uint8Array) => {
  const g = csvToGrid(file, bytes);
  const r = runPipeline({ sources: [{ file, grids: [g] }], asOf: '2020-01-01' });
  return { r, totals: r.report.totals.map((t) => [t.partner, t.year, t.voted, t.paid]) };
};

describe('CSV exports', () => {
  test('";", decimal commas, "€", Windows-1252 accents', () => {
    const text = 'Année;Bénéficiaire;Montant voté;Montant versé\r\n2019;Centre social Lé Pouzin;12 500,50 €;12 000,00 €\r\n2019;Espace de vie sociale d’Aubenas;5.000;5 000\r\n';
    const { r, totals: t } = totals('CD07_2019.csv', cp1252(text));
    expect(t).toEqual([['CD07', 2019, 17500.5, 17000]]);
    expect(r.dataset.fundings.map((l) => l.structureName)).toEqual(['Centre social Lé Pouzin', 'Espace de vie sociale d’Aubenas']);
  });

  test('",", decimal points, UTF-8 with BOM, quoted names with commas', () => {
    const text = '\uFEFFYear,Structure,Montant accordé,Montant payé\n2020,"CS Le Pouzin, Privas",1200.5,1200.5\n2020,EVS Les Oliviers,800,0\n';
    const { totals: t } = totals('MSA_2020.csv', new TextEncoder().encode(text));
    expect(t).toEqual([['MSA', 2020, 2000.5, 1200.5]]);
  });

  test('tab-separated UTF-16 ("Texte Unicode" from Excel)', () => {
    const text = 'Exercice\tNom de la structure\tMontant voté\r\n2019\tCentre social Le Pouzin\t1 000,00\r\n';
    const bytes = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(totals('CAF_2019.csv', bytes).totals).toEqual([['CAF', 2019, 1000, 0]]);
  });

  test('a cell "=SOMME(…)" or "-" in a CSV is text, never a formula', () => {
    const text = 'Année;Structure;Montant voté\n2019;=HYPERLINK("http://x");100\n';
    const { r } = totals('CAF_2019.csv', new TextEncoder().encode(text));
    expect(r.dataset.fundings[0].structureName).toBe('=HYPERLINK("http://x")');
  });
});
