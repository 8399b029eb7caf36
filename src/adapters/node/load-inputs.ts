import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { RejectedInput, SourceInput } from '../../core/model/grid';
import { readInput, useLegacyReader } from '../exceljs/read-workbook';
import { readLegacyWorkbook } from '../sheetjs/read-legacy-workbook';
import { INPUT_LIMITS } from '../exceljs/sniff-format';
import { checkInputLimits } from './check-input-limits';

// the CLI reads .xls/.ods with the reader at hand (no dynamic import of a TypeScript source under tsx/cjs)
useLegacyReader(readLegacyWorkbook);

export interface LoadedInputs {
  sources: SourceInput[];
  rejected: RejectedInput[];
  files: string[]; // base names, in order
}

/** Reads every file (size checked before loading); unreadable ones are rejected by name, the rest go on. */
export async function loadInputs(paths: string[], onFile?: (i: number, n: number, file: string) => void): Promise<LoadedInputs> {
  const out: LoadedInputs = { sources: [], rejected: [], files: [] };
  let cellsSoFar = 0;
  for (let i = 0; i < paths.length; i++) {
    const p = paths[i];
    const name = path.basename(p);
    out.files.push(name);
    onFile?.(i, paths.length, name);
    try {
      const st = await fs.stat(p);
      if (st.size > INPUT_LIMITS.fileBytes) {
        out.rejected.push({ file: name, error: `${name} : fichier trop volumineux (${Math.round(st.size / 1048576)} Mo, limite ${INPUT_LIMITS.fileBytes / 1048576} Mo)` });
        continue;
      }
      const bytes = new Uint8Array(await fs.readFile(p));
      const limits = checkInputLimits(name, bytes, cellsSoFar);
      if (limits.error) {
        out.rejected.push({ file: name, error: limits.error });
        continue;
      }
      cellsSoFar += limits.cells;
      const r = await readInput(name, bytes);
      if ('error' in r) out.rejected.push(r);
      else out.sources.push(r);
    } catch (e) {
      out.rejected.push({ file: name, error: `${name} : lecture impossible (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
    }
  }
  return out;
}
