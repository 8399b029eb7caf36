/** Runs the real pipeline on a generated world exactly as the CLI does (files in a folder → loadInputs → runPipeline). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collectFiles } from '../../src/adapters/node/collect-files';
import { loadInputs } from '../../src/adapters/node/load-inputs';
import { runPipeline, type PipelineResult } from '../../src/core/pipeline';
import { defaultReference } from '../../src/core/reference/default-reference';
import { generateWorld, type GeneratedWorld } from '../world/generate';
import type { LayoutOptions } from '../world/write-layouts';

export const AS_OF = '2020-12-31';

export interface WorldRun {
  world: GeneratedWorld;
  result: PipelineResult;
  ms: number;
}

/** Reads every input file of `dir` and runs the pipeline on them, as `build DIR` does. */
export async function runFolder(dir: string, asOf: string): Promise<PipelineResult> {
  const { files } = await collectFiles([dir]);
  const inputs = await loadInputs(files);
  return runPipeline({ ...inputs, reference: defaultReference(), asOf });
}

/** Generates world `seed` into a folder (kept under `keep` if given), reads it and runs the pipeline. */
export async function runWorld(seed: number, keep?: string, opts: LayoutOptions = {}): Promise<WorldRun> {
  const t0 = Date.now();
  const world = await generateWorld(seed, opts);
  const dir = keep ? path.join(keep, `seed-${seed}`) : mkdtempSync(path.join(os.tmpdir(), `avs-eval-${seed}-`));
  if (keep) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }
  try {
    for (const f of world.files) writeFileSync(path.join(dir, f.name), f.bytes);
    if (keep) writeFileSync(path.join(keep, `seed-${seed}.truth.json`), JSON.stringify(world.truth, null, 1) + '\n');
    const result = await runFolder(dir, AS_OF);
    return { world, result, ms: Date.now() - t0 };
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}
