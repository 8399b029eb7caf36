/** One seed → the partner files (bytes) and their truth. */
import { makeWorld } from './make-world';
import { Random } from './random';
import { fileBytes } from './serialize';
import { makeTruth, type Truth } from './truth';
import { writeLayouts } from './write-layouts';

export interface GeneratedWorld {
  seed: number;
  files: { name: string; bytes: Uint8Array }[];
  truth: Truth;
}

export async function generateWorld(seed: number): Promise<GeneratedWorld> {
  const world = makeWorld(seed);
  const layoutRnd = new Random(seed).fork('layout');
  const written = writeLayouts(world, layoutRnd);
  const bytesRnd = new Random(seed).fork('bytes');
  const files: GeneratedWorld['files'] = [];
  for (const f of written.files) files.push({ name: f.name, bytes: await fileBytes(f, bytesRnd) });
  return { seed, files, truth: makeTruth(world, written) };
}
