/** The repo's example partner workbooks through the exceljs reader and the core, for adapter tests. */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { readInput } from '../../../src/adapters/exceljs/read-workbook';
import type { RejectedInput, SourceInput } from '../../../src/core/model/grid';
import { runPipeline, type PipelineResult } from '../../../src/core/pipeline';

export const EXAMPLES_DIR = path.resolve(__dirname, '../../../examples/partenaires');

export async function examplePipeline(): Promise<PipelineResult> {
  const sources: SourceInput[] = [];
  const rejected: RejectedInput[] = [];
  for (const f of readdirSync(EXAMPLES_DIR).sort()) {
    const r = await readInput(f, new Uint8Array(readFileSync(path.join(EXAMPLES_DIR, f))));
    if ('grids' in r) sources.push(r);
    else rejected.push(r);
  }
  return runPipeline({ sources, rejected, asOf: '2020-12-31' });
}
