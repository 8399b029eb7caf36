/** One seed → the partner files (bytes) and their truth. */
import { makeWorld } from './make-world';
import { Random } from './random';
import { fileBytes } from './serialize';
import { makeTruth, type Truth } from './truth';
import { writeLayouts, type LayoutOptions } from './write-layouts';

export interface GeneratedWorld {
  seed: number;
  files: { name: string; bytes: Uint8Array }[];
  truth: Truth;
}

/** `opts`: layout families of issue 24 (none: the files and truth of before). */
export async function generateWorld(seed: number, opts: LayoutOptions = {}): Promise<GeneratedWorld> {
  const world = makeWorld(seed);
  const layoutRnd = new Random(seed).fork('layout');
  const written = writeLayouts(world, layoutRnd, opts);
  const bytesRnd = new Random(seed).fork('bytes');
  const files: GeneratedWorld['files'] = [];
  for (const f of written.files) files.push({ name: f.name, bytes: await fileBytes(f, bytesRnd) });
  return { seed, files, truth: makeTruth(world, written) };
}
