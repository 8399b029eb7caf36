import { Badge, Button, Dropdown, Input, Option, ToggleButton } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { formatLocation } from '../../core/checks/format-fr';
import type { Finding, FindingCode, Severity } from '../../core/model/finding';
import { countBySeverity, groupFindings } from '../group-findings';
import { SEVERITY_LABEL } from '../labels';

export interface ControlsStepProps {
  findings: Finding[];
  onSelect?: (f: Finding) => void;
}

const SEVERITIES: Severity[] = ['erreur', 'alerte', 'info'];
const COLOR = { erreur: 'danger', alerte: 'warning', info: 'informative' } as const;
const PAGE = 50;

/** Step 3: findings by severity and code, filterable; a click shows the cell in Excel. */
export function ControlsStep({ findings, onSelect }: ControlsStepProps) {
  const [severities, setSeverities] = useState<Severity[]>(['erreur', 'alerte']);
  const [code, setCode] = useState<FindingCode | undefined>();
  const [text, setText] = useState('');
  const [shown, setShown] = useState<Record<string, number>>({});
  const counts = countBySeverity(findings);
  const codes = useMemo(() => [...new Set(findings.map((f) => f.code))].sort(), [findings]);
  const groups = useMemo(() => groupFindings(findings, { severities, code, text }), [findings, severities, code, text]);
  return (
    <section aria-labelledby="controles-titre" className="step">
      <h2 id="controles-titre">Contrôles</h2>
      <div className="actions" role="group" aria-label="Filtrer par gravité">
        {SEVERITIES.map((s) => (
          <ToggleButton
            key={s}
            size="small"
            checked={severities.includes(s)}
            onClick={() => setSeverities(severities.includes(s) ? severities.filter((x) => x !== s) : [...severities, s])}
          >
            {SEVERITY_LABEL[s]}{' '}
            <Badge color={COLOR[s]} data-testid={`count-${s}`}>
              {counts[s]}
            </Badge>
          </ToggleButton>
        ))}
      </div>
      <Dropdown
        aria-label="Filtrer par code"
        placeholder="Tous les codes"
        value={code ?? 'Tous les codes'}
        selectedOptions={[code ?? '']}
        onOptionSelect={(_, d) => setCode((d.optionValue || undefined) as FindingCode | undefined)}
      >
        <Option value="">Tous les codes</Option>
        {codes.map((c) => (
          <Option key={c} value={c}>
            {c}
          </Option>
        ))}
      </Dropdown>
      <Input aria-label="Rechercher dans les messages" placeholder="Rechercher (structure, partenaire…)" value={text} onChange={(_, d) => setText(d.value)} />
      {groups.length === 0 && <p>Aucune anomalie avec ces filtres.</p>}
      {groups.map((g) => {
        const key = `${g.severity}|${g.code}`;
        const n = shown[key] ?? PAGE;
        return (
          <details key={key} className={`card sev-${g.severity}`} open={groups.length <= 3 || g === groups[0]} data-testid="finding-group">
            <summary>
              <Badge color={COLOR[g.severity]}>{g.findings.length}</Badge> {g.title} <code>{g.code}</code>
            </summary>
            <ul className="plain">
              {g.findings.slice(0, n).map((f, i) => (
                <li key={i}>
                  <button type="button" className="finding" data-testid="finding" onClick={() => onSelect?.(f)} title={onSelect ? 'Afficher la cellule dans Excel' : undefined}>
                    <span className="wrap">{f.message}</span>
                    {f.location && <small className="wrap">{formatLocation(f.location)}</small>}
                  </button>
                </li>
              ))}
            </ul>
            {g.findings.length > n && (
              <Button size="small" onClick={() => setShown({ ...shown, [key]: n + PAGE })}>
                Afficher {Math.min(PAGE, g.findings.length - n)} de plus
              </Button>
            )}
          </details>
        );
      })}
    </section>
  );
}
