import { Input, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { formatEuros } from '../../core/checks/format-fr';
import { normaliseText } from '../../core/parse/normalise-text';
import type { Partner } from '../../core/model/domain';
import type { TotalsView } from '../../core/report/totals-view';
import { money, type LedgerSums, type OutsideList } from '../open-data';

export interface TotalsStepProps {
  totals: TotalsView | undefined;
  partners: Partner[];
  /** Every funding sheet's ledger added up: what the totals leave aside, and money found in no line. */
  ledger?: LedgerSums;
  /** The beneficiaries beyond the agreement, set aside, one list per file. */
  outside?: OutsideList[];
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`;

/** What the totals do not count, said next to them: never a silently lower total. */
function NotCounted({ l }: { l: LedgerSums }) {
  if (!l.asideLines && !l.unexplainedRanges) return null;
  return (
    <div className="card" data-testid="not-counted">
      <p className="wrap">
        <strong>Non compté dans ces totaux :</strong>{' '}
        {l.asideLines > 0 && `${plural(l.asideLines, 'ligne mise', 'lignes mises')} de côté sur ${plural(l.read, 'ligne lue', 'lignes lues')}, ${money(l.asideVoted, l.asidePaid)}`}
        {l.asideLines > 0 && l.unexplainedRanges > 0 && ' ; '}
        {l.unexplainedRanges > 0 && `${formatEuros(l.unexplained)} lus dans aucune ligne (${plural(l.unexplainedRanges, 'plage', 'plages')}, voir Sources)`}.
      </p>
      {l.setAside.length > 0 && (
        <ul className="wrap" data-testid="not-counted-reasons">
          {l.setAside.map((a) => (
            <li key={a.reason}>
              {a.reason} : {plural(a.lines, 'ligne', 'lignes')}, {money(a.voted, a.paid)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** One file's beneficiaries beyond the agreement, in full (largest first), filterable: an AVS structure under another name is spotted here. */
function OutsideListCard({ o }: { o: OutsideList }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const q = normaliseText(text);
  const shown = q ? o.candidates.filter((c) => normaliseText(c).includes(q)) : o.candidates;
  return (
    <details className="card" data-testid="outside-list" data-file={o.file} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary className="wrap">
        {o.file} : {plural(o.candidates.length, 'bénéficiaire', 'bénéficiaires')}, {plural(o.count, 'ligne', 'lignes')}, {formatEuros(o.amount)}
      </summary>
      {open && (
        <>
          <Input size="small" aria-label={`Rechercher un bénéficiaire de ${o.file}`} placeholder="Nom ou SIRET" value={text} onChange={(_, d) => setText(d.value)} />
          {/* a scrolling region reached by the keyboard too (hundreds of names) */}
          <div className="outside-scroll" role="region" aria-label={`Bénéficiaires hors accord de ${o.file}`} tabIndex={0}>
            <ol className="outside-names" data-testid="outside-names">
              {shown.map((c, i) => (
                <li key={i} className="wrap">
                  {c}
                </li>
              ))}
            </ol>
          </div>
          {shown.length === 0 && <p>Aucun bénéficiaire ne correspond.</p>}
        </>
      )}
    </details>
  );
}

/** Step 4: voted and paid per partner and year, and per axis, before anything is written (the report's figures). */
export function TotalsStep({ totals, partners, ledger, outside = [] }: TotalsStepProps) {
  const name = (code: string) => partners.find((p) => p.code === code)?.name ?? code;
  const read = (ledger?.read ?? 0) > 0;
  return (
    <section aria-labelledby="totaux-titre" className="step">
      <h2 id="totaux-titre" tabIndex={-1}>Totaux</h2>
      {!totals || totals.years.length === 0 ? (
        <Text as="p">
          {read
            ? "Aucune ligne comptée : toutes les lignes lues sont mises de côté (détail ci-dessous). Rattachez les attribuants à un partenaire (étape Sources) ou complétez la liste des structures."
            : "Aucun financement lu pour l'instant : importez d'abord les classeurs des partenaires."}
        </Text>
      ) : (
        <Text as="p">Montants lus dans les fichiers (doublons comptés une fois), à comparer avec vos propres comptes avant d'écrire le classeur.</Text>
      )}
      {ledger && <NotCounted l={ledger} />}
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
      {outside.length > 0 && (
        <section aria-labelledby="hors-accord-titre" className="step" data-testid="outside">
          <h3 id="hors-accord-titre">Bénéficiaires hors accord mis de côté</h3>
          <Text as="p" size={200}>
            Ni dans la liste des structures, ni financés par un dispositif AVS : non comptés. Si l'un d'eux est une structure de l'accord sous un autre nom, ajoutez-le à la liste des structures ou indiquez son SIRET.
          </Text>
          {outside.map((o) => (
            <OutsideListCard key={o.file} o={o} />
          ))}
        </section>
      )}
    </section>
  );
}
