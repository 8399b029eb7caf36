/**
 * How the office adapter reaches Excel: `Excel.run` in the real host, a fake in-memory workbook
 * in jest. Everything else in this folder only sees these two types.
 */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** API sets above ExcelApi 1.8 (the manifest's minimum) that the adapter uses when present. */
export interface HostCapabilities {
  /** suspendScreenUpdatingUntilNextSync, pageLayout (ExcelApi 1.9) */
  api19: boolean;
  /** range.group for outline levels (ExcelApi 1.10) */
  api110: boolean;
  /** getMergedAreasOrNullObject, insertWorksheetsFromBase64 (ExcelApi 1.13) */
  api113: boolean;
}

export const officeExcelRun: ExcelRun = (batch) => Excel.run(batch);

export function officeCapabilities(): HostCapabilities {
  const has = (v: string) => Office.context.requirements.isSetSupported('ExcelApi', v);
  return { api19: has('1.9'), api110: has('1.10'), api113: has('1.13') };
}

/**
 * One round trip with calculation and screen updating suspended: Excel recalculates and
 * repaints once at the end instead of after every block.
 */
export async function quietSync(context: Excel.RequestContext, caps: HostCapabilities): Promise<void> {
  context.application.suspendApiCalculationUntilNextSync();
  if (caps.api19) context.application.suspendScreenUpdatingUntilNextSync();
  await context.sync();
}
