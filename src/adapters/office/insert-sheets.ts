import type { ExcelRun, HostCapabilities } from './excel-host';

/**
 * Copies a partner workbook's sheets into the open workbook (ExcelApi 1.13), so that findings
 * can point at their cells. Returns false when the host cannot.
 */
export async function insertWorkbookSheets(run: ExcelRun, caps: HostCapabilities, base64: string): Promise<boolean> {
  if (!caps.api113) return false;
  await run(async (context) => {
    context.workbook.insertWorksheetsFromBase64(base64, { positionType: 'End' });
    await context.sync();
  });
  return true;
}
