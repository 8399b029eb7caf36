import type { ColumnType, SpecValue } from './sheet-spec';

/**
 * Cells to write into a sheet that the tool does not own (a programming sheet made by hand):
 * only these cells change, the rest of the sheet (layout, formats, notes) stays as the user made it.
 */
export interface SheetPatch {
  sheet: string;
  cells: { row: number; col: number; value: SpecValue; format?: ColumnType; bold?: boolean }[];
}
