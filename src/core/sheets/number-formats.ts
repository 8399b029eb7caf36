import type { ColumnType } from '../model/sheet-spec';

/**
 * Excel number format of each column type, shared by every host adapter (exceljs, office-js)
 * so that both write the same workbook. Stored locale-neutral: Excel in French shows
 * "12 500,00 €" and 01/09/2018.
 */
export const NUM_FMT: Record<ColumnType, string> = {
  text: '@',
  code: '@',
  integer: '0',
  amount: '#,##0.00\\ "€"',
  percent: '0.0%',
  date: 'dd/mm/yyyy',
  boolean: '@',
};

/** Fill colours of highlighted rows and flag cells (ARGB without alpha: RRGGBB). */
export const HIGHLIGHT_FILL = {
  erreur: 'FFC7CE',
  alerte: 'FFEB9C',
  info: 'DDEBF7',
} as const;

/** Font colour of a flag cell (dark amber on the alerte fill). */
export const FLAG_FONT = '9C5700';
