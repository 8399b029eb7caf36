import { summaryText } from '../../src/cli/summary';
import { checkConventions } from '../../src/core/checks/check-conventions';
import { buildReport } from '../../src/core/report/build-report';
import { defaultReference } from '../../src/core/reference/default-reference';
import type { FundingLine, Structure } from '../../src/core/model/domain';
import { dataset, line, structure } from '../fixtures/build';

describe('summaryText: structures without convention', () => {
  test('a reference at 30 000 €: the summary says « plus de 30 000 € », never 23 000', () => {
    const reference = { ...defaultReference(), conventionThreshold: 30000 };
    const ds = dataset({
      structures: [structure('CS-A', { name: 'Centre social A' })],
      fundings: [line({ partner: 'CD07', structure: 'CS-A', dispositif: 'CD_AJIR', year: 2019, voted: 31000 })],
    });
    const findings = checkConventions(ds, reference);
    const report = buildReport({ dataset: ds, findings, readings: [], rejected: [], files: [], reference, generatedAt: '2020-01-15T00:00:00Z' });
    const text = summaryText(report);
    expect(text).toContain('Centre social A — CD07 2019 (plus de 30\u202f000 €)');
    expect(text).not.toMatch(/23\D?000/);
  });
  const reportOf = (fundings: FundingLine[], structures: Structure[]) => {
    const reference = defaultReference();
    const ds = dataset({ structures, fundings });
    return buildReport({ dataset: ds, findings: checkConventions(ds, reference), readings: [], rejected: [], files: [], reference, generatedAt: '2020-01-15T00:00:00Z' });
  };
  test('one line per structure, partner and reason, with its years', () => {
    const text = summaryText(
      reportOf(
        [2019, 2020, 2018].map((year) => line({ partner: 'CD07', structure: 'CS-A', dispositif: 'CD_AJIR', year, voted: 31000 })),
        [structure('CS-A', { name: 'Centre social A' })],
      ),
    );
    expect(text).toContain('Structures sans convention : 1\n  - Centre social A — CD07 2018, 2019, 2020 (plus de 23\u202f000 €)');
    expect(text.match(/Centre social A/g)).toHaveLength(1);
  });
  test('thousands of cases: the first 20 and a count, not thousands of lines', () => {
    const structures = Array.from({ length: 50 }, (_, i) => structure(`CS-${i}`, { name: `Centre social ${i}` }));
    const text = summaryText(reportOf(structures.map((s) => line({ partner: 'CD07', structure: s.code, dispositif: 'CD_AJIR', year: 2019, voted: 31000 })), structures));
    expect(text).toContain('Structures sans convention : 50 (liste complète dans la feuille Contrôles)');
    expect(text.split('\n').filter((l) => l.startsWith('  - '))).toHaveLength(20);
    expect(text).toContain('  … et 30 autre(s) cas');
  });
  test('a name of a whole paragraph is cut to one line (80 characters), a name of 80 is not', () => {
    const long = 'Centre social ' + 'x'.repeat(5000);
    const exact = 'E'.repeat(80);
    const text = summaryText(
      reportOf(
        [line({ partner: 'CD07', structure: 'CS-L', dispositif: 'CD_AJIR', year: 2019, voted: 31000 }), line({ partner: 'CD07', structure: 'CS-E', dispositif: 'CD_AJIR', year: 2019, voted: 31000 })],
        [structure('CS-L', { name: long }), structure('CS-E', { name: exact })],
      ),
    );
    expect(text).toContain(`  - ${long.slice(0, 79)}… — CD07 2019`);
    expect(text).toContain(`  - ${exact} — CD07 2019`);
    expect(Math.max(...text.split('\n').map((l) => l.length))).toBeLessThan(200);
  });
});
