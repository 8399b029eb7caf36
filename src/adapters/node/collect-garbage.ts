import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined | null;
/** Below this much live heap, no collection is asked for. */
const MIN_HEAP = 128 * 1024 * 1024;

/**
 * A full garbage collection between two phases of a build, when the previous phase's data has
 * just been let go (the input grids and the dataset, before writing). V8 sizes its heap from the
 * live data of its last full collection, and left alone it runs none for the whole write: the
 * heap then grows to several times what is alive. Node exposes `gc` only with a flag; it is taken
 * here from a fresh context once the flag is set, and nothing happens if that is not possible.
 */
export function collectGarbage(): void {
  // a small heap is collected soon enough by V8 itself, and a full collection costs ~10 ms
  if (getHeapStatistics().used_heap_size < MIN_HEAP) return;
  collect();
}

let lastLive = 0;

/**
 * The same inside a long phase (between the sheets of the import): only once the heap has grown
 * past 1.6 times what was alive after the last collection, so that it stays within a small
 * multiple of the live data instead of the 3–4 times V8 allows itself.
 */
export function collectIfGrown(): void {
  const used = getHeapStatistics().used_heap_size;
  if (used < MIN_HEAP || used < lastLive * 1.6) return;
  collect();
}

function collect(): void {
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  gc?.();
  lastLive = getHeapStatistics().used_heap_size;
}
