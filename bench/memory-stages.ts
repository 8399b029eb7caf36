/**
 * Where the build's memory goes: the CLI's stages run in-process on a folder of inputs, with the
 * heap after a full collection (live data) and the resident size after each stage.
 *
 *   node --expose-gc --require tsx/cjs bench/memory-stages.ts <dossier> [sortie.xlsx]
 */
import os from 'node:os';
import path from 'node:path';
import { collectFiles } from '../src/adapters/node/collect-files';
import { loadInputs } from '../src/adapters/node/load-inputs';
import { writeWorkbook } from '../src/adapters/exceljs/write-workbook';
import { runPipeline } from '../src/core/pipeline';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const mb = (n: number) => Math.round(n / 1048576);
let t = performance.now();
function stage(label: string) {
  const before = process.memoryUsage();
  gc();
  const m = process.memoryUsage();
  process.stdout.write(`${label.padEnd(28)} ${String(Math.round(performance.now() - t)).padStart(7)} ms  rss ${mb(before.rss)} Mo (tas ${mb(before.heapUsed)} Mo) ; après collecte : tas vivant ${mb(m.heapUsed)} Mo, externe ${mb(m.external + m.arrayBuffers)} Mo\n`);
  t = performance.now();
}

async function main() {
  const [dir, out = path.join(os.tmpdir(), 'pilotage-memoire.xlsx')] = process.argv.slice(2);
  stage('départ');
  const { files } = await collectFiles([dir], [out]);
  let inputs = await loadInputs(files);
  stage(`lecture (${files.length} fichiers)`);
  let result = runPipeline({ ...inputs, asOf: '2020-12-31' });
  stage('pipeline');
  (inputs as unknown) = undefined;
  stage('grilles libérées');
  await writeWorkbook(out, result.sheets);
  stage('écriture');
  (result as unknown) = undefined;
  stage('fin');
  process.stdout.write(`pic rss ${mb(process.resourceUsage().maxRSS * 1024)} Mo\n`);
}

main();
