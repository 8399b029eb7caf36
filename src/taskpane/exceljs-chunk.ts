/**
 * What the pane needs from exceljs, in one module loaded on demand (`import()`), so that the
 * initial load stays small: exceljs only arrives when a file is imported or a workbook built.
 */
export { readInput } from '../adapters/exceljs/read-workbook';
export { streamedWorkbookBytes } from '../adapters/exceljs/build-workbook';
