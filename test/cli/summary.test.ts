import { summaryText } from '../../src/cli/summary';
import { checkConventions } from '../../src/core/checks/check-conventions';
import { buildReport } from '../../src/core/report/build-report';
import { defaultReference } from '../../src/core/reference/default-reference';
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
});
