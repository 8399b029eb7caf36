import { FUNDING_COLUMNS } from '../../src/core/sheets/canonical-tables';
import { LEVEL } from '../../src/core/sheets/programming-sheet';
import type { PipelineResult } from '../../src/core/pipeline';
import { cents, num, runExamples, sheet, shown, tableRows } from './examples-pipeline';

/** The Financements table as written (what the SUMIFS formulas read), summed independently. */
function fundingTable(r: PipelineResult) {
  const rows = tableRows(sheet(r, 'Financements'));
  return (f: (row: Record<string, unknown>) => boolean) =>
    rows.filter(f).reduce((t, x) => t + Number(x.voted ?? 0), 0);
}

describe('golden: Programmation and Synthèse COPIL on examples/partenaires', () => {
  let r: PipelineResult;
  beforeAll(async () => {
    r = await runExamples();
  });

  test('one programming sheet and one COPIL sheet per funded year, plus Changements', () => {
    const names = r.sheets.map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'Programmation 2019',
        'Programmation 2020',
        'Synthèse COPIL 2019',
        'Synthèse COPIL 2020',
        'Changements',
      ]),
    );
    expect(names.filter((n) => n.startsWith('Programmation'))).toHaveLength(2);
  });

  test('--year keeps only the years asked', async () => {
    const only = await runExamples({ years: [2020] });
    expect(only.sheets.map((s) => s.name).filter((n) => /\d{4}$/.test(n))).toEqual([
      'Programmation 2020',
      'Synthèse COPIL 2020',
    ]);
  });

  for (const year of [2019, 2020]) {
    test(`Programmation ${year}: subtotals equal the sum of their rows, totals equal the Financements table`, () => {
      const s = sheet(r, `Programmation ${year}`);
      const rows = tableRows(s);
      const amountKeys = s.tables[0].columns.filter((c) => c.type === 'amount').map((c) => c.key);
      expect(amountKeys).toEqual(['voted_CAF', 'voted_CD07', 'voted_MSA', 'voted_FACS', 'total', 'paid']);
      const isLeaf = (x: Record<string, unknown>) => x.level === LEVEL.action || x.level === LEVEL.direct;
      const sum = (from: number, until: (x: Record<string, unknown>) => boolean, key: string) => {
        let t = 0;
        for (let i = from + 1; i < rows.length && !until(rows[i]); i++)
          if (isLeaf(rows[i])) t += num(rows[i][key]);
        return cents(t);
      };
      let checked = 0;
      rows.forEach((x, i) => {
        for (const key of amountKeys) {
          if (x.level === LEVEL.axis)
            expect([x.code, key, cents(num(x[key]))]).toEqual([
              x.code,
              key,
              sum(i, (y) => y.level === LEVEL.axis || y.level === LEVEL.outside, key),
            ]);
          if (x.level === LEVEL.objective)
            expect([x.code, key, cents(num(x[key]))]).toEqual([
              x.code,
              key,
              sum(i, (y) => y.level !== LEVEL.action && y.level !== LEVEL.direct, key),
            ]);
        }
        if (x.level === LEVEL.axis || x.level === LEVEL.objective) checked++;
      });
      expect(checked).toBe(20); // 4 axes, 16 objectives
      // formulas: subtotals are SUBTOTAL(9,…) over their detail rows, leaves SUMIFS over Financements
      const axis2 = rows.find((x) => x.level === LEVEL.axis && x.code === '2')!;
      expect((axis2.voted_CAF as { formula: string }).formula).toMatch(/^SUBTOTAL\(9,E\d+:E\d+\)$/);
      const n = tableRows(sheet(r, 'Financements')).length + 1;
      const leaf = rows.find((x) => x.level === LEVEL.action && x.code === '4.6.1')!;
      expect((leaf.voted_CAF as { formula: string }).formula).toBe(
        `SUMIFS('Financements'!$J$2:$J$${n},'Financements'!$A$2:$A$${n},"CAF",'Financements'!$E$2:$E$${n},${year},'Financements'!$G$2:$G$${n},"4.6.1")`,
      );
      expect(FUNDING_COLUMNS[9].key).toBe('voted');

      const table = fundingTable(r);
      const total = rows.find((x) => x.level === LEVEL.total)!;
      const outside = rows.find((x) => x.level === LEVEL.outside)!;
      for (const p of ['CAF', 'CD07', 'MSA', 'FACS']) {
        expect([p, cents(num(total[`voted_${p}`]))]).toEqual([
          p,
          cents(table((f) => f.partner === p && f.year === year)),
        ]);
        const axes = rows.filter((x) => x.level === LEVEL.axis).reduce((t, x) => t + num(x[`voted_${p}`]), 0);
        expect(cents(axes + num(outside[`voted_${p}`]))).toBe(cents(num(total[`voted_${p}`])));
      }
      expect(num(total.share)).toBeCloseTo(1, 10);
      const report = r.report.totals.filter((t) => t.year === year);
      expect(cents(num(total.total))).toBe(cents(report.reduce((t, x) => t + x.voted, 0)));
      expect(cents(num(total.paid))).toBe(cents(report.reduce((t, x) => t + x.paid, 0)));
    });
  }

  test('Programmation 2019: key cells of the examples', () => {
    const rows = tableRows(sheet(r, 'Programmation 2019'));
    const row = (level: string, code: string) => rows.find((x) => x.level === level && x.code === code)!;
    expect(num(row(LEVEL.action, '1.1.2').voted_CAF)).toBe(6500);
    expect(shown(row(LEVEL.action, '1.1.2').structures)).toBe('Fédération Ardéchoise des Centres Sociaux');
    expect(num(row(LEVEL.action, '4.7.1').voted_CD07)).toBe(3800);
    expect(num(row(LEVEL.objective, '4.6').voted_CAF)).toBe(21400);
    // PS AGC and PS AL are funded at axis level (dispositif default: axis 2)
    expect(num(row(LEVEL.direct, '2').voted_CAF)).toBe(286301.55);
    expect(num(row(LEVEL.axis, '2').total)).toBe(320401.55);
    expect(shown(row(LEVEL.axis, '3').flags)).toContain('Axe sans action financée');
    expect(shown(row(LEVEL.objective, '3.3').flags)).toContain('Objectif sans action');
    expect(String(shown(row(LEVEL.direct, '2').flags))).toContain(
      'Convention MSA manquante : Centre social Le Chambon',
    );
    const cols = sheet(r, 'Programmation 2019').tables[0].columns;
    expect(cols.filter((c) => c.userInput).map((c) => c.header)).toEqual([
      'Décision comité technique',
      'Commentaire',
      'Priorité',
    ]);
    expect(sheet(r, 'Programmation 2019').tables[0].outline!.filter((l) => l === 2).length).toBeGreaterThan(
      40,
    );
  });

  for (const year of [2019, 2020]) {
    test(`Synthèse COPIL ${year}: partner × axis totals equal the Financements table; key figures equal the report`, () => {
      const s = sheet(r, `Synthèse COPIL ${year}`);
      const cells = new Map<string, (typeof s.blocks)[0]['cells'][0]>();
      for (const b of s.blocks)
        for (const row of b.cells)
          if (typeof row[0] === 'string' && !cells.has(row[0])) cells.set(row[0], row);
      const table = fundingTable(r);
      const partners = ['CAF', 'CD07', 'MSA', 'FACS'];
      for (const a of r.reference.plan) {
        const row = cells.get(`${a.code} — ${a.label}`)!;
        partners.forEach((p, i) =>
          expect([a.code, p, cents(num(row[i + 1]))]).toEqual([
            a.code,
            p,
            cents(table((f) => f.partner === p && f.year === year && f.axis === a.code)),
          ]),
        );
        expect(cents(num(row[5]))).toBe(cents(table((f) => f.year === year && f.axis === a.code)));
      }
      const total = cells.get('Total voté')!;
      partners.forEach((p, i) =>
        expect(cents(num(total[i + 1]))).toBe(cents(table((f) => f.partner === p && f.year === year))),
      );
      const report = r.report.totals.filter((t) => t.year === year);
      expect(cents(num(cells.get('Total voté, tous partenaires')![1]))).toBe(
        cents(report.reduce((t, x) => t + x.voted, 0)),
      );
      expect(cents(num(cells.get('Versé')![1]))).toBe(cents(report.reduce((t, x) => t + x.paid, 0)));
      expect(num(cells.get('Centres sociaux financés')![1])).toBe(4);
      expect(num(cells.get('Espaces de vie sociale financés')![1])).toBe(2);
      const sev = r.findings.filter((f) => f.year === year);
      expect(cells.get(`Anomalies ${year} : erreurs / alertes / infos`)!.slice(1).map(num)).toEqual(
        ['erreur', 'alerte', 'info'].map((k) => sev.filter((f) => f.severity === k).length),
      );
      // flags and the signature block
      const text = s.blocks
        .flatMap((b) => b.cells.flat())
        .map((v) => String(shown(v) ?? ''))
        .join('\n');
      for (const f of r.findings.filter((x) => x.code === 'AXE_NON_FINANCE' && x.year === year))
        expect(text).toContain(`${f.axis} — ${f.detail}`);
      for (const f of r.findings.filter((x) => x.code === 'CONVENTION_MANQUANTE' && x.year === year))
        expect(text).toContain(`${f.structureName} — ${f.partner}`);
      for (const e of r.report.flags.epciWithoutStructure.slice(0, 8)) expect(text).toContain(e);
      for (const p of r.reference.partners)
        for (const sig of p.signatories ?? []) expect(text).toContain(sig);
      expect(s.print).toMatchObject({
        orientation: 'landscape',
        paperSize: 'A4',
        fitToWidth: true,
        header: `Synthèse COPIL ${year}`,
        headerRight: 'Accord-cadre AVS Ardèche',
        footerLeft: 'Situation au 31/12/2020',
        footer: 'Page &P / &N',
      });
      expect(s.print!.fitToHeight).toBeUndefined();
      // the signature block starts a page of its own
      const sigRow = s.blocks.find((b) => String(b.cells[0][0]).startsWith('Signatures des participants'))!.startRow;
      expect(s.print!.rowBreaks!.at(-1)).toBe(sigRow - 1);
      // charts: per axis and partner (stacked), voted vs paid, evolution; series read the sheet's cells
      const [byAxis, votedPaid, evolution] = s.charts!;
      expect(s.charts!.map((c) => c.kind)).toEqual(['barStacked', 'barClustered', 'columnClustered']);
      expect(byAxis.series.map((x) => x.name)).toEqual(partners);
      expect(byAxis.categoryLabels).toEqual(r.reference.plan.map((a) => `${a.code} — ${a.label}`));
      const at = (a1: string) => {
        const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
        const row = Number(m[2]);
        const col = m[1].charCodeAt(0) - 64;
        const b = s.blocks.find((x) => row >= x.startRow && row < x.startRow + x.cells.length)!;
        return b.cells[row - b.startRow][col - 1];
      };
      const cellsOf = (range: string) => {
        const [a, b] = range.split(':');
        const out: string[] = [];
        const [ca, ra] = [a.charCodeAt(0), Number(a.slice(1))];
        const [cb, rb] = [b.charCodeAt(0), Number(b.slice(1))];
        for (let row = ra; row <= rb; row++) for (let c = ca; c <= cb; c++) out.push(`${String.fromCharCode(c)}${row}`);
        return out;
      };
      for (const c of s.charts!) {
        expect(cellsOf(c.categories).map((a) => String(at(a)))).toEqual(c.categoryLabels);
        for (const x of c.series) {
          expect(cellsOf(x.values).map((a) => cents(num(at(a))))).toEqual(x.cached.map(cents));
          expect(at(x.nameCell!)).toBe(x.name);
        }
      }
      expect(votedPaid.series.map((x) => x.name)).toEqual(['Total voté', 'Versé']);
      expect(votedPaid.categoryLabels).toEqual(partners);
      expect(votedPaid.series[0].cached.map(cents)).toEqual(partners.map((p) => cents(table((f) => f.partner === p && f.year === year))));
      expect(evolution.categoryLabels).toEqual(year === 2019 ? ['2019'] : ['2019', '2020']);
    });
  }

  test('evolution vs the previous year: amount and percentage', () => {
    const s = sheet(r, 'Synthèse COPIL 2020');
    const find = (label: string) => s.blocks.flatMap((b) => b.cells).find((row) => row[0] === label)!;
    const t19 = r.report.totals.filter((t) => t.year === 2019).reduce((a, x) => a + x.voted, 0);
    const t20 = r.report.totals.filter((t) => t.year === 2020).reduce((a, x) => a + x.voted, 0);
    expect(cents(num(find('Total voté 2019')[1]))).toBe(cents(t19));
    expect(cents(num(find('Évolution par rapport à 2019 (montant)')[1]))).toBe(cents(t20 - t19));
    expect(num(find('Évolution par rapport à 2019 (%)')[1])).toBeCloseTo((t20 - t19) / t19, 10);
  });
});
