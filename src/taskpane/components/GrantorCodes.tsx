import { Button, Dropdown, Field as FuiField, Input, Option, Text } from '@fluentui/react-components';
import { useId, useRef, useState } from 'react';
import type { SavedPartner } from '../../core/import/saved-partners';
import type { Partner } from '../../core/model/domain';
import { givenPartners, grantorSentence, idLabel, partnerCodeError, type GrantorRow } from '../open-data';

export interface GrantorCodesProps {
  grantors: GrantorRow[];
  /** The grantors' entries of the mapping in use (`partners`), those given a code listed with « Annuler ». */
  saved: SavedPartner[] | undefined;
  /** Partners of the référentiel (with the grantors already given a code), for the choice. */
  partners: Partner[];
  busy: boolean;
  /** The user gave the grantor a code: a new partner (`isNew`) or a partner of the référentiel. Returns the reason when refused. */
  onCode: (g: { name: string; siret?: string; files: string[] }, code: string, isNew: boolean) => string | undefined;
  onDrop: (g: { name: string; siret?: string }) => void;
}

const NEW = '__nouveau__';

/** One unknown grantor: what it granted, and the choice of a partner of the référentiel or a new code. */
function GrantorRowCard({ g, p }: { g: GrantorRow; p: GrantorCodesProps }) {
  const [choice, setChoice] = useState<string | undefined>();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const input = useRef<HTMLInputElement>(null);
  const errorId = useId();
  const who = `« ${g.name} »`;
  const chosen = choice && choice !== NEW ? p.partners.find((x) => x.code === choice) : undefined;
  const apply = () => {
    if (!choice) return setError('Choisissez un partenaire dans la liste, ou « Nouveau partenaire » puis saisissez son code.');
    const isNew = choice === NEW;
    const wanted = isNew ? code.trim() : choice;
    const refused = isNew ? partnerCodeError(wanted, p.partners) : undefined;
    const why = refused ?? p.onCode(g, wanted, isNew);
    setError(why);
    if (why && isNew) input.current?.focus();
  };
  return (
    <li className="card" data-testid="unknown-grantor" data-name={g.name} data-siret={g.siret ?? ''}>
      <p className="wrap grantor-text">{grantorSentence(g)}</p>
      {g.files.length > 1 || p.grantors.some((o) => o !== g && o.files.some((f) => g.files.includes(f))) ? (
        <Text as="p" size={200} className="wrap">
          Fichier{g.files.length > 1 ? 's' : ''} : {g.files.join(', ')}
        </Text>
      ) : null}
      <FuiField label="Partenaire de l'accord" className="mapping-field">
        <Dropdown
          size="small"
          aria-label={`Partenaire pour l'attribuant ${who}`}
          placeholder="Choisir…"
          value={choice === NEW ? 'Nouveau partenaire (code à saisir)' : chosen ? `${chosen.code} — ${chosen.name}` : ''}
          selectedOptions={choice ? [choice] : []}
          disabled={p.busy}
          onOptionSelect={(_, d) => {
            setChoice(d.optionValue);
            setError(undefined);
          }}
        >
          <Option value={NEW} text="Nouveau partenaire (code à saisir)">
            Nouveau partenaire (code à saisir)
          </Option>
          {p.partners.map((x) => (
            <Option key={x.code} value={x.code} text={`${x.code} — ${x.name}`}>
              {`${x.code} — ${x.name}`}
            </Option>
          ))}
        </Dropdown>
      </FuiField>
      {choice === NEW && (
        <FuiField label="Code du nouveau partenaire" hint="Lettres sans accent, chiffres, « _ » et « - » (ex. COM_ROQUES)." className="mapping-field">
          <Input
            ref={input}
            size="small"
            aria-label={`Code du nouveau partenaire pour ${who}`}
            value={code}
            disabled={p.busy}
            maxLength={40}
            aria-invalid={!!error}
            aria-describedby={error ? errorId : undefined}
            onChange={(_, d) => {
              setCode(d.value);
              setError(undefined);
            }}
            onKeyDown={(e) => e.key === 'Enter' && apply()}
          />
        </FuiField>
      )}
      {error && (
        <p className="rejected" role="alert" id={errorId} data-testid="grantor-error">
          {error}
        </p>
      )}
      <div className="actions">
        <Button size="small" appearance="primary" disabled={p.busy} onClick={apply} aria-label={`Rattacher l'attribuant ${who}`}>
          Rattacher
        </Button>
      </div>
    </li>
  );
}

/**
 * Sources step: the grantors of open-data exports that are no partner of the référentiel, each
 * offered as a partner (a code of the référentiel, or a new one); those given a code, with
 * « Annuler ». Saved with the correspondances (`partners`, as the CLI's mapping file).
 */
export function GrantorCodes(p: GrantorCodesProps) {
  const given = givenPartners(p.saved);
  if (!p.grantors.length && !given.length) return null;
  return (
    <section aria-labelledby="attribuants-titre" className="step" data-testid="grantors">
      <h3 id="attribuants-titre">Attribuants hors référentiel</h3>
      {p.grantors.length > 0 && (
        <>
          <Text as="p" size={200}>
            Leurs lignes ne sont pas comptées. Si l'un d'eux est un partenaire de l'accord, rattachez-le à un partenaire du référentiel ou donnez-lui un nouveau code : ses lignes sont relues, et le choix est
            enregistré avec les correspondances.
          </Text>
          <ul className="plain">
            {p.grantors.map((g) => (
              <GrantorRowCard key={g.key} g={g} p={p} />
            ))}
          </ul>
        </>
      )}
      {given.length > 0 && (
        <ul className="plain" data-testid="given-grantors" aria-label="Attribuants rattachés">
          {given.map((x) => (
            <li key={`${x.siret ?? ''}|${x.name}`} className="mapping-row">
              <span className="wrap">
                « {x.name} »{x.siret ? ` (${idLabel(x.siret)})` : ''} : partenaire {x.code}
              </span>
              <Button size="small" appearance="subtle" disabled={p.busy} onClick={() => p.onDrop(x)} aria-label={`Annuler le rattachement de « ${x.name} » à ${x.code}`}>
                Annuler
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
