import type { MappingFile } from '../../core/import/mapping-file';
import { validateMappingFile } from '../../core/import/mapping-file';
import type { ExcelRun } from './excel-host';
import { SETTINGS } from './generated-sheets';

/** Saves the column mappings in the workbook, so that next year's import reuses them. */
export async function saveMappings(run: ExcelRun, mappings: MappingFile): Promise<void> {
  await run(async (context) => {
    context.workbook.settings.add(SETTINGS.mappings, JSON.stringify(mappings));
    await context.sync();
  });
}

/** The saved mappings, or undefined when none (or unusable ones) are saved. */
export async function loadMappings(run: ExcelRun): Promise<MappingFile | undefined> {
  return run(async (context) => {
    const item = context.workbook.settings.getItemOrNullObject(SETTINGS.mappings);
    item.load('value');
    await context.sync();
    if (item.isNullObject) return undefined;
    try {
      const v = typeof item.value === 'string' ? JSON.parse(item.value) : item.value;
      return validateMappingFile(v).length ? undefined : (v as MappingFile);
    } catch {
      return undefined;
    }
  });
}
