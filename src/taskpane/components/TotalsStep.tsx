import { Text } from '@fluentui/react-components';
import { formatEuros } from '../../core/checks/format-fr';
import type { Partner } from '../../core/model/domain';
import type { TotalsView } from '../../core/report/totals-view';

export interface TotalsStepProps {
  totals: TotalsView | undefined;
  partners: Partner[];
}

/** Step 4: voted and paid per partner and year, and per axis, before anything is written (the report's figures). */
export function TotalsStep({ totals, partners }: TotalsStepProps) {
  const name = (code: string) => partners.find((p) => p.code === code)?.name ?? code;
  return (
    <section aria-labelledby="totaux-titre" className="step">
      <h2 id="totaux-titre">Totaux</h2>
      {!totals || totals.years.length === 0 ? (
        <Text as="p">Aucun financement lu pour l'instant : importez d'abord les classeurs des partenaires.</Text>
      ) : (
        <Text as="p">Montants lus dans les fichiers (doublons comptés une fois), à comparer avec vos propres comptes avant d'écrire le classeur.</Text>
      )}
      {totals?.years.map((year) => {
        const rows = totals.byPartnerYear.filter((t) => t.year === year);
        const axes = totals.byAxis.filter((a) => a.year === year && (a.voted || a.paid));
        const sum = (k: 'voted' | 'paid') => rows.reduce((s, t) => s + t[k], 0);
        return (
          <div key={year} className="card" data-testid="totals-year" data-year={year}>
            <table className="totals" data-testid="totals-partners">
              <caption>Exercice {year} : par partenaire</caption>
              <thead>
                <tr>
                  <th scope="col">Partenaire</th>
                  <th scope="col">Voté</th>
                  <th scope="col">Versé</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((t) => (
                  <tr key={t.partner} data-partner={t.partner}>
                    <th scope="row" className="wrap" title={name(t.partner)}>
                      {t.partner}
                    </th>
                    <td>{formatEuros(t.voted)}</td>
                    <td>{formatEuros(t.paid)}</td>
                  </tr>
                ))}
                <tr className="total-row">
                  <th scope="row">Total</th>
                  <td>{formatEuros(sum('voted'))}</td>
                  <td>{formatEuros(sum('paid'))}</td>
                </tr>
              </tbody>
            </table>
            <table className="totals" data-testid="totals-axes">
              <caption>Exercice {year} : par axe du plan</caption>
              <thead>
                <tr>
                  <th scope="col">Axe</th>
                  <th scope="col">Voté</th>
                  <th scope="col">Versé</th>
                </tr>
              </thead>
              <tbody>
                {axes.map((a) => (
                  <tr key={a.label}>
                    <th scope="row" className="wrap">
                      {a.label}
                      <small className="wrap"> {a.byPartner.map((b) => `${b.partner} ${formatEuros(b.voted)}`).join(' ; ')}</small>
                    </th>
                    <td>{formatEuros(a.voted)}</td>
                    <td>{formatEuros(a.paid)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </section>
  );
}
