/**
 * The pane's words for ledgers (issue 23), without a browser: a sheet's ledger with counted lines,
 * paid amounts and money found in no line; the sums Totaux shows next to the totals; the Sources
 * card and the Totaux step drawn to static HTML (server rendering).
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { formatEuros as eur } from '../../src/core/checks/format-fr';
import { ASIDE, newLedger, countLine, setAside, type SheetLedger } from '../../src/core/import/ledger';
import type { SheetReading } from '../../src/core/import/read-sheet';
import { SourcesStep, type SourcesStepProps } from '../../src/taskpane/components/SourcesStep';
import { TotalsStep } from '../../src/taskpane/components/TotalsStep';
import { grantorRows, ledgerSentence, ledgerSums, readingLedger, unexplainedSentences } from '../../src/taskpane/open-data';

function ledger(): SheetLedger {
  const l = newLedger();
  countLine(l, 1000, 800);
  countLine(l, 250.5, 0);
  setAside(l, ASIDE.outsideAgreement, 5000);
  setAside(l, ASIDE.unreadableAmount);
  l.unexplained.push({ range: 'H40:H41', amountCents: 120000, reason: 'colonne non utilisée' });
  return l;
}

const reading = (file: string, l: SheetLedger): SheetReading =>
  ({ file, sheet: 'Subventions', kind: 'fundings', partner: 'CD07', year: 2019, columns: [], records: [], totals: [], skipped: { blank: 0, total: 0, otherDepartement: 0 }, ledger: l, openData: { family: 'etalab2016', known: [] } }) as unknown as SheetReading;

describe('ledger words in the pane', () => {
  it('a sheet: lines read, counted with their amount, set aside by reason, money in no line with its range', () => {
    const l = readingLedger(reading('a.csv', ledger()))!;
    expect(ledgerSentence(l)).toBe(
      `4 lignes lues : 2 comptées (${eur(1250.5)} votés, ${eur(800)} versés), 2 mises de côté (${ASIDE.outsideAgreement} : 1 ligne, ${eur(5000)} ; ${ASIDE.unreadableAmount} : 1 ligne, ${eur(0)})`,
    );
    expect(unexplainedSentences(l)).toEqual([`H40:H41 (colonne non utilisée) : ${eur(1200)}`]);
  });

  it('the run: ledgers added up to the cent, by reason', () => {
    const sums = ledgerSums([reading('a.csv', ledger()), reading('b.csv', ledger())]);
    expect(sums).toMatchObject({ sheets: 2, read: 8, counted: 4, asideLines: 4, asideVoted: 10000, unexplained: 2400, unexplainedRanges: 2 });
    expect(sums.setAside.map((a) => [a.reason, a.lines, a.voted])).toEqual([
      [ASIDE.outsideAgreement, 2, 10000],
      [ASIDE.unreadableAmount, 2, 0],
    ]);
  });

  it('one grantor over two files is one row, its lines and amounts added', () => {
    const rows = grantorRows([
      { file: 'a.csv', name: 'Commune X', siret: '21310458100011', lines: 2, amount: 10.1 },
      { file: 'b.csv', name: 'COMMUNE X', siret: '21310458100011', lines: 3, amount: 0.2 },
      { file: 'b.csv', name: 'Autre', lines: 1, amount: 50 },
    ]);
    expect(rows.map((r) => [r.name, r.files, r.lines, r.amount])).toEqual([
      ['Autre', ['b.csv'], 1, 50],
      ['Commune X', ['a.csv', 'b.csv'], 5, 10.3],
    ]);
  });

  it('drawn: the Sources card says the schema, the ledger and the money in no line; Totaux says what it does not count', () => {
    const r = reading('a.csv', ledger());
    const noop = () => undefined;
    const props: SourcesStepProps = {
      isExcel: false,
      canInsert: false,
      insert: false,
      onInsertChange: noop,
      busy: false,
      readings: [r],
      readFiles: ['a.csv'],
      rejected: [],
      onFiles: noop,
      onReadWorkbook: noop,
      onRemove: noop,
      kindSource: () => 'detection',
      onKind: noop,
      onResetKind: noop,
      onRefuseReuse: noop,
      onOpenColumn: noop,
      reference: { isExcel: false, busy: false, name: 'Accord', partners: 4, dispositifs: 15, onFile: noop, onWriteDefault: noop, onDrop: noop },
      grantors: { grantors: grantorRows([{ file: 'a.csv', name: 'Commune X', siret: '21310458100011', lines: 2, amount: 10 }]), saved: undefined, partners: [], busy: false, onCode: () => undefined, onDrop: noop },
    };
    const html = renderToStaticMarkup(<SourcesStep {...props} />);
    expect(html).toContain('Export de données ouvertes au format Etalab 2016');
    expect(html).toContain(ledgerSentence(readingLedger(r)!));
    expect(html).toContain('H40:H41 (colonne non utilisée)');
    expect(html).toContain('data-testid="unknown-grantor"');
    expect(html).toContain('aria-label="Partenaire pour l&#x27;attribuant « Commune X »"');

    const totals = renderToStaticMarkup(<TotalsStep totals={undefined} partners={[]} ledger={ledgerSums([r])} outside={[{ file: 'a.csv', count: 1, amount: 5000, candidates: ['ASSO (123) : 5 000,00 €'] }]} />);
    expect(totals).toContain('Aucune ligne comptée');
    expect(totals).toContain('Non compté dans ces totaux :');
    expect(totals).toContain(`2 lignes mises de côté sur 4 lignes lues, ${eur(5000)}`);
    expect(totals).toContain(`${eur(1200)} lus dans aucune ligne (1 plage, voir Sources)`);
    expect(totals).toContain('data-testid="outside-list"');
  });
});
