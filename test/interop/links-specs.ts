import type { SheetSpec } from '../../src/core/model/sheet-spec';

/** A workbook with internal links, dates and formulas, written by the same adapter. */
export const LINKS_SPECS: SheetSpec[] = [
  {
    name: 'Liens',
    role: 'controles',
    blocks: [{ startRow: 1, cells: [['Liens internes'], [{ text: 'Aller au montant', target: "'Données'!C3" }], ['\rRetour chariot\tet tabulation\u0001']], style: 'title' }],
    tables: [],
  },
  {
    name: 'Données',
    role: 'table',
    blocks: [],
    tables: [
      {
        name: 'Donnees',
        headerRow: 1,
        columns: [
          { key: 'nom', header: 'Nom', type: 'text' },
          { key: 'date', header: 'Date', type: 'date' },
          { key: 'montant', header: 'Montant', type: 'amount', list: undefined },
          { key: 'statut', header: 'Statut', type: 'code', list: ['demandé', 'voté', 'versé'] },
          { key: 'lien', header: 'Lien', type: 'text' },
        ],
        rows: [
          ['=1+1', { date: '2100-01-01' }, 12500.5, 'voté', { text: 'Liens', target: "'Liens'!A1" }],
          ['@SOMME(A1)', { date: '1900-03-01' }, { formula: 'SUM(C2:C2)', result: 12500.5 }, 'versé', null],
        ],
      },
    ],
  },
];
