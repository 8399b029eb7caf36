import { Badge, Button, Dropdown, Input, Option, ToggleButton } from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Finding, FindingCode, Severity } from '../../core/model/finding';
import type { FindingCause } from '../../core/report/group-findings';
import { cellWhere, codesOf, countBySeverity, groupFindings } from '../group-findings';
import { SEVERITY_LABEL } from '../labels';

export interface ControlsStepProps {
  findings: Finding[];
  /** Excel: selects the finding's cell; resolves false when the cell is not in the open workbook. */
  onSelect?: (f: Finding) => Promise<boolean>;
  /** Partner names by code, for the search. */
  partnerNames?: Map<string, string>;
}

const SEVERITIES: Severity[] = ['erreur', 'alerte', 'info'];
const COLOR = { erreur: 'danger', alerte: 'warning', info: 'informative' } as const;
const PAGE = 50;

/** Copies a text; false when the browser refuses (the text stays selectable on screen). */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Where a clicked finding is, when the pane cannot show it: file › sheet › cell, with a copy button. */
function WhereBox({ f, inExcel }: { f: Finding; inExcel: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const [copied, setCopied] = useState<boolean | undefined>();
  const where = f.location ? cellWhere(f.location) : 'emplacement inconnu';
  useEffect(() => box.current?.focus(), []);
  return (
    <div ref={box} tabIndex={-1} className="where" role="group" aria-label={`Emplacement : ${where}`} data-testid="finding-where">
      <p className="wrap">
        {inExcel ? "Cette cellule n'est pas dans ce classeur : " : 'Cellule à corriger : '}
        <strong data-testid="finding-where-text">{where}</strong>
        {inExcel ? '. Ouvrez ce fichier pour la corriger.' : '. Ouvrez ce fichier dans Excel pour la corriger.'}
      </p>
      <Button size="small" onClick={async () => setCopied(await copyText(where))}>
        Copier l&apos;emplacement
      </Button>
      <span role="status" className="copy-status">
        {copied === true ? 'Emplacement copié.' : copied === false ? 'Copie refusée par le navigateur : sélectionnez le texte en gras.' : ''}
      </span>
    </div>
  );
}

/**
 * Step 3: findings by severity and code, then one row per cause (the same value at fault, see
 * core/report/group-findings.ts) with its count of lines, opening on them; filterable. A click on
 * a line shows the cell in Excel, or says where it is.
 */
export function ControlsStep({ findings, onSelect, partnerNames }: ControlsStepProps) {
  const [severities, setSeverities] = useState<Severity[]>(['erreur', 'alerte']);
  const [code, setCode] = useState<FindingCode | undefined>();
  const [text, setText] = useState('');
  const [shown, setShown] = useState<Record<string, number>>({});
  const [where, setWhere] = useState<Finding | undefined>();
  const counts = countBySeverity(findings);
  const codes = useMemo(() => codesOf(findings, severities), [findings, severities]);
  // a code whose severity is hidden is no longer a filter
  const activeCode = code && codes.some((c) => c.code === code) ? code : undefined;
  const groups = useMemo(() => groupFindings(findings, { severities, code: activeCode, text, partnerNames }), [findings, severities, activeCode, text, partnerNames]);
  const codeTitle = codes.find((c) => c.code === activeCode)?.title ?? 'Tous les types';
  const [opened, setOpened] = useState<Record<string, boolean>>({});
  const click = async (f: Finding) => {
    const ok = onSelect ? await onSelect(f) : false;
    setWhere(ok ? undefined : f);
  };
  // a cause opens on its lines when searched for, when alone in its type, or when it is the first of its type
  const causeOpen = (c: FindingCause, index: number, causes: number) => opened[c.key] ?? (!!text.trim() || causes === 1 || index === 0);
  // a function, not a component: the « where » box keeps its state when the list is drawn again
  const findingButton = (f: Finding) => (
    <>
      <button
        type="button"
        className="finding"
        data-testid="finding"
        onClick={() => void click(f)}
        title={onSelect ? 'Afficher la cellule dans Excel' : 'Voir où se trouve la cellule'}
      >
        <span className="wrap">{f.message}</span>
        {f.location && <small className="wrap">{cellWhere(f.location)}</small>}
      </button>
      {where === f && <WhereBox f={f} inExcel={!!onSelect} />}
    </>
  );
  return (
    <section aria-labelledby="controles-titre" className="step">
      <h2 id="controles-titre" tabIndex={-1}>Contrôles</h2>
      <div className="actions" role="group" aria-label="Filtrer par gravité">
        {SEVERITIES.map((s) => (
          <ToggleButton
            key={s}
            size="small"
            checked={severities.includes(s)}
            onClick={() => setSeverities(severities.includes(s) ? severities.filter((x) => x !== s) : [...severities, s])}
          >
            {SEVERITY_LABEL[s]}{' '}
            <Badge color={COLOR[s]} appearance="tint" data-testid={`count-${s}`}>
              {counts[s]}
            </Badge>
          </ToggleButton>
        ))}
      </div>
      <Dropdown
        aria-label="Filtrer par type d'anomalie"
        value={codeTitle}
        selectedOptions={[activeCode ?? '']}
        onOptionSelect={(_, d) => setCode((d.optionValue || undefined) as FindingCode | undefined)}
      >
        <Option value="">Tous les types</Option>
        {codes.map((c) => (
          <Option key={c.code} value={c.code}>
            {c.title}
          </Option>
        ))}
      </Dropdown>
      <Input
        aria-label="Rechercher (structure, partenaire, fichier, feuille, ligne)"
        placeholder="Rechercher (structure, partenaire, fichier, ligne…)"
        value={text}
        onChange={(_, d) => setText(d.value)}
      />
      {groups.length === 0 && <p>Aucune anomalie avec ces filtres.</p>}
      {text.trim() && groups.length > 0 && (
        <p role="status" data-testid="search-count">
          {groups.length > 1 ? `${groups.length} types d'anomalie correspondent, tous ouverts.` : "1 type d'anomalie correspond."}
        </p>
      )}
      {groups.map((g) => {
        const key = `${g.severity}|${g.code}`;
        const n = shown[key] ?? PAGE;
        const lines = (c: FindingCause) => (
          <ul className="plain">
            {c.findings.slice(0, shown[c.key] ?? PAGE).map((f, i) => (
              <li key={i}>
                {findingButton(f)}
              </li>
            ))}
          </ul>
        );
        return (
          <details
            key={key}
            className={`card sev-${g.severity}`}
            // a search opens every group it matches
            open={groups.length <= 3 || g === groups[0] || !!text.trim()}
            data-testid="finding-group"
            data-code={g.code}
            aria-label={`${SEVERITY_LABEL[g.severity]} : ${g.title}, ${g.findings.length}`}
          >
            <summary>
              <Badge color={COLOR[g.severity]} appearance="tint">
                {g.findings.length}
              </Badge>{' '}
              {g.title}
            </summary>
            <ul className="plain">
              {g.causes.slice(0, n).map((c, ci) =>
                c.findings.length === 1 ? (
                  <li key={c.key}>
                    {findingButton(c.findings[0])}
                  </li>
                ) : (
                  <li key={c.key}>
                    {/* one row per cause; its lines are drawn once it is open (a cause may cover hundreds) */}
                    <details
                      className="cause"
                      data-testid="finding-cause"
                      open={causeOpen(c, ci, g.causes.length)}
                      onToggle={(e) => {
                        const open = (e.currentTarget as HTMLDetailsElement).open;
                        if (open !== causeOpen(c, ci, g.causes.length)) setOpened({ ...opened, [c.key]: open });
                      }}
                    >
                      <summary>
                        <Badge color={COLOR[c.severity]} appearance="outline" aria-label={`${c.count} ${c.unit}s`}>
                          {c.count}
                        </Badge>{' '}
                        <span className="wrap">{c.message}</span>
                      </summary>
                      {causeOpen(c, ci, g.causes.length) && lines(c)}
                      {causeOpen(c, ci, g.causes.length) && c.findings.length > (shown[c.key] ?? PAGE) && (
                        <Button size="small" onClick={() => setShown({ ...shown, [c.key]: (shown[c.key] ?? PAGE) + PAGE })}>
                          Afficher {Math.min(PAGE, c.findings.length - (shown[c.key] ?? PAGE))} lignes de plus
                        </Button>
                      )}
                    </details>
                  </li>
                ),
              )}
            </ul>
            {g.causes.length > n && (
              <Button size="small" onClick={() => setShown({ ...shown, [key]: n + PAGE })}>
                Afficher {Math.min(PAGE, g.causes.length - n)} de plus ({g.title})
              </Button>
            )}
          </details>
        );
      })}
    </section>
  );
}
