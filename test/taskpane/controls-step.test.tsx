/**
 * The Contrôles step drawn to static HTML (server rendering, no browser): one row per cause with
 * its count, the lines of an open cause, the lines of a closed one not drawn.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { makeFinding } from '../../src/core/checks/messages';
import { sortFindings } from '../../src/core/checks/run-checks';
import { ControlsStep } from '../../src/taskpane/components/ControlsStep';
import { groupFindings } from '../../src/taskpane/group-findings';

const at = (row: number) => ({ file: 'caf.xlsx', sheet: 'PS 2020', row, col: 'D' });
const unread = (row: number, value: string) => makeFinding('MONTANT_ILLISIBLE', { partner: 'CAF', year: 2020, field: 'Montant versé', value, structureName: `CS ${row}` }, at(row));
const findings = sortFindings([
  unread(3, 'en attente'),
  unread(4, 'en attente'),
  unread(5, 'en attente'),
  unread(6, 'à voir'),
  unread(7, 'à voir'),
  unread(8, '??'),
  makeFinding('MONTANT_NEGATIF', { partner: 'CD07', year: 2020, amount: -800 }, at(9)),
]);

const count = (html: string, testid: string) => html.split(`data-testid="${testid}"`).length - 1;

describe('Contrôles step: one row per cause', () => {
  test('the pane grouping: causes inside each type, counts that add up', () => {
    const groups = groupFindings(findings, { severities: ['erreur', 'alerte', 'info'] });
    const unreadable = groups.find((g) => g.code === 'MONTANT_ILLISIBLE')!;
    expect(unreadable.causes.map((c) => [c.count, c.findings.length])).toEqual([[3, 3], [2, 2], [1, 1]]);
    expect(unreadable.causes.reduce((n, c) => n + c.count, 0)).toBe(unreadable.findings.length);
    // a search keeps the matching lines of a cause only
    const searched = groupFindings(findings, { severities: ['erreur'], text: 'CS 4' });
    expect(searched.flatMap((g) => g.causes.map((c) => c.count))).toEqual([1]);
  });

  test('two causes of many lines and two single findings: the first cause open on its lines, the second closed', () => {
    const html = renderToStaticMarkup(<ControlsStep findings={findings} />);
    expect(count(html, 'finding-group')).toBe(2);
    expect(count(html, 'finding-cause')).toBe(2);
    expect(html).toContain('Montant versé illisible « en attente » (CAF) : 3 lignes.');
    expect(html).toContain('Montant versé illisible « à voir » (CAF) : 2 lignes.');
    // lines drawn: the 3 of the open cause, the single « ?? » and the negative amount; not the 2 of the closed cause
    expect(count(html, 'finding')).toBe(5);
    expect(html).not.toContain('CS 6');
    expect(html).toContain('CS 8');
  });
});
