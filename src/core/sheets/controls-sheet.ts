import type { Finding } from '../model/finding';
import type { Grid } from '../model/grid';
import type { Highlight, SheetSpec, SpecValue } from '../model/sheet-spec';
import { groupByCause } from '../report/group-findings';
import { CATALOGUE } from '../checks/messages';
import { formatLocation } from '../checks/format-fr';

export const CONTROLS_SHEET = 'Contrôles';

/**
 * The sheets of the workbook being written that are also read as sources (file › sheet → sheet
 * name), generated sheets excepted since they are replaced: the Contrôles links can point there.
 */
export function sheetsInWorkbook(existing: Grid[] | undefined, generated: string[]): Map<string, string> {
  const replaced = new Set(generated.map((n) => n.toLowerCase()));
  return new Map((existing ?? []).filter((g) => !replaced.has(g.sheet.toLowerCase())).map((g) => [`${g.file}|${g.sheet}`, g.sheet]));
}

/** A shared value of all the findings of a group, or null when they differ. */
function shared<T>(findings: Finding[], get: (f: Finding) => T | undefined): T | null {
  const first = get(findings[0]);
  return first !== undefined && findings.every((f) => get(f) === first) ? first : null;
}

/** Where a group's lines are: their sheet or file when they share one, otherwise how many files. */
function groupWhere(findings: Finding[]): string | null {
  const sheet = shared(findings, (f) => f.location && formatLocation({ ...f.location, row: 0 }));
  if (sheet) return sheet;
  const files = new Set(findings.map((f) => f.location?.file).filter(Boolean));
  return files.size === 1 ? [...files][0]! : files.size > 1 ? `${files.size} fichiers` : null;
}

/**
 * The Contrôles sheet: counts by severity at the top, then one row per cause (findings grouped by
 * code, partner and value at fault, see `report/group-findings.ts`) with its count of lines and
 * amount; a cause of many findings is followed by one row per finding at outline level 1, folded,
 * so that the sheet opens on tens of rows. The Lignes and Montant columns are only filled on the
 * cause rows: they add up to the whole. Each finding row links to the cell it is about when that
 * cell is in the output workbook (`internalSheets` maps a source file › sheet to the sheet name in
 * the output), otherwise gives the file › sheet › cell text.
 */
export function controlsSheet(findings: Finding[], internalSheets: Map<string, string> = new Map()): SheetSpec {
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  const findingRow = (f: Finding, count: number | null, amount: number | null): SpecValue[] => {
    const loc = f.location;
    const where = loc ? formatLocation(loc) : '';
    const target = loc && internalSheets.get(`${loc.file}|${loc.sheet}`);
    return [
      f.severity,
      f.code,
      CATALOGUE[f.code].title,
      f.message,
      f.partner ?? null,
      f.structure ?? f.structureName ?? null,
      f.year ?? null,
      target ? { text: where, target: `'${target.replace(/'/g, "''")}'!${loc!.col ?? 'A'}${loc!.row}` } : where || null,
      count,
      amount,
    ];
  };
  const rows: SpecValue[][] = [];
  const outline: number[] = [];
  const highlights: Highlight[] = [];
  const subtotalRows: number[] = [];
  for (const g of groupByCause(findings)) {
    highlights.push({ row: rows.length, level: g.severity });
    const amount = g.amount ?? null;
    if (g.findings.length === 1) {
      rows.push(findingRow(g.findings[0], g.count, amount));
      outline.push(0);
      continue;
    }
    subtotalRows.push(rows.length);
    rows.push([
      g.severity,
      g.code,
      CATALOGUE[g.code].title,
      g.message,
      g.partner ?? null,
      shared(g.findings, (f) => f.structure ?? f.structureName),
      shared(g.findings, (f) => f.year),
      groupWhere(g.findings),
      g.count,
      amount,
    ]);
    outline.push(0);
    for (const f of g.findings) {
      rows.push(findingRow(f, null, null));
      outline.push(1);
    }
  }
  return {
    name: CONTROLS_SHEET,
    role: 'controles',
    blocks: [
      { startRow: 1, cells: [['Contrôles de cohérence']], style: 'title' },
      {
        startRow: 2,
        cells: [
          ['Erreurs', count('erreur'), 'Alertes', count('alerte'), 'Informations', count('info')],
        ],
        style: 'keyfigures',
      },
    ],
    tables: [
      {
        name: 'Controles',
        headerRow: 4,
        columns: [
          { key: 'severity', header: 'Gravité', type: 'text', width: 10, list: ['erreur', 'alerte', 'info'] },
          { key: 'code', header: 'Code', type: 'code', width: 26 },
          { key: 'title', header: 'Contrôle', type: 'text', width: 30 },
          { key: 'message', header: 'Message', type: 'text', width: 90 },
          { key: 'partner', header: 'Partenaire', type: 'code', width: 11 },
          { key: 'structure', header: 'Structure', type: 'text', width: 24 },
          { key: 'year', header: 'Exercice', type: 'integer', width: 9 },
          { key: 'location', header: 'Emplacement', type: 'text', width: 50 },
          { key: 'count', header: 'Lignes', type: 'integer', width: 8 },
          { key: 'amount', header: 'Montant', type: 'amount', width: 14 },
        ],
        rows,
        highlights,
        ...(outline.some((l) => l > 0) ? { outline, subtotalRows } : {}),
      },
    ],
    ...(outline.some((l) => l > 0) ? { outlineSummaryAbove: true, outlineCollapsed: true } : {}),
    freeze: { row: 4, col: 0 },
    print: { orientation: 'landscape', paperSize: 'A4', fitToWidth: true, footer: 'Page &P / &N' },
  };
}
