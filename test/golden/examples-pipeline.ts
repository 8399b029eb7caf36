import path from 'node:path';
import { collectFiles } from '../../src/adapters/node/collect-files';
import { loadInputs } from '../../src/adapters/node/load-inputs';
import type { Grid } from '../../src/core/model/grid';
import type { SheetSpec, SpecValue } from '../../src/core/model/sheet-spec';
import { runPipeline, type PipelineResult } from '../../src/core/pipeline';

export const EXAMPLES_DIR = path.resolve(__dirname, '../../examples/partenaires');

/** The pipeline on the repo's example partner workbooks, as `npm run demo` runs it. */
export async function runExamples(
  opts: { years?: number[]; existing?: Grid[] } = {},
): Promise<PipelineResult> {
  const { files } = await collectFiles([EXAMPLES_DIR], []);
  const inputs = await loadInputs(files);
  return runPipeline({ ...inputs, asOf: '2020-12-31', ...opts });
}

export const sheet = (r: PipelineResult, name: string): SheetSpec => {
  const s = r.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`feuille ${name} absente`);
  return s;
};

/** The value a reader without a calc engine sees: the cached result of a formula. */
export function shown(v: SpecValue): number | string | boolean | null {
  if (v === null || typeof v !== 'object') return v;
  if ('formula' in v) return v.result;
  if ('date' in v) return v.date;
  return v.text;
}

export const num = (v: SpecValue) => Number(shown(v) ?? 0);
export const cents = (n: number) => Math.round(n * 100);

/** Rows of a table as objects keyed by column key. */
export function tableRows(s: SheetSpec, i = 0): Record<string, SpecValue>[] {
  const t = s.tables[i];
  return t.rows.map((r) => Object.fromEntries(t.columns.map((c, j) => [c.key, r[j]])));
}
