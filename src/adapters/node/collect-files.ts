import { promises as fs } from 'node:fs';
import path from 'node:path';

const INPUT_EXT = /\.(xlsx|xlsm|xlsb|csv|xls|ods|tsv|txt)$/i;

/**
 * Files named on the command line, folders expanded (sorted, so that "first seen" is stable),
 * Office lock files (~$x.xlsx) and the output itself left out.
 */
export async function collectFiles(args: string[], exclude: string[] = []): Promise<{ files: string[]; missing: string[] }> {
  const files: string[] = [];
  const missing: string[] = [];
  const excluded = new Set(exclude.map((e) => path.resolve(e)));
  for (const a of args) {
    let st;
    try {
      st = await fs.stat(a);
    } catch {
      missing.push(a);
      continue;
    }
    if (st.isDirectory()) {
      const names = (await fs.readdir(a)).sort((x, y) => x.localeCompare(y));
      for (const n of names) {
        const p = path.join(a, n);
        if (INPUT_EXT.test(n) && !n.startsWith('~$') && !n.startsWith('.') && !excluded.has(path.resolve(p)) && (await fs.stat(p)).isFile()) files.push(p);
      }
    } else if (!excluded.has(path.resolve(a))) files.push(a);
  }
  return { files, missing };
}
