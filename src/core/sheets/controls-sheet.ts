import type { Finding } from '../model/finding';
import type { Grid } from '../model/grid';
import type { SheetSpec, SpecValue } from '../model/sheet-spec';
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

/**
 * The Contrôles sheet: counts by severity at the top, then one row per finding (already sorted),
 * each with a link to the cell it is about when that cell is in the output workbook
 * (`internalSheets` maps a source file › sheet to the sheet name in the output), otherwise the
 * file › sheet › cell text.
 */
export function controlsSheet(findings: Finding[], internalSheets: Map<string, string> = new Map()): SheetSpec {
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  const rows: SpecValue[][] = findings.map((f) => {
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
    ];
  });
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
        ],
        rows,
        highlights: findings.map((f, i) => ({ row: i, level: f.severity })),
      },
    ],
    freeze: { row: 4, col: 0 },
    print: { orientation: 'landscape', paperSize: 'A4', fitToWidth: true, footer: 'Page &P / &N' },
  };
}
