/**
 * npm run eval [-- --seeds 200] [-- --seed 17 --verbose] [--keep DIR] [--write-baseline] [--doc FILE]
 * [--save-scores FILE] (then --from-scores FILE [--ms N] re-writes the report without running again)
 * [--family NAME|mix] (issue 24: that layout family in every file where it applies, or each drawn with a
 * modest probability; docs/evaluation.md is then written only if --doc says where)
 * Generates worlds, runs the real pipeline on each and compares it with the world's truth.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compareWorld, type WorldScore } from './eval/compare';
import { runWorld } from './eval/run-world';
import { markdown, summarise } from './eval/summary';
import { FAMILIES, isFamily } from './world/families';
import type { LayoutOptions } from './world/write-layouts';

export const BASELINE = path.resolve(__dirname, '../test/eval/baseline.json');

function args(argv: string[]) {
  const o: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('--')) o[a.slice(2)] = argv[++i];
    else o[a.slice(2)] = true;
  }
  return o;
}

async function main() {
  const o = args(process.argv.slice(2));
  const single = o.seed !== undefined ? Number(o.seed) : undefined;
  const count = o.seeds !== undefined ? Number(o.seeds) : 20;
  const first = o.from !== undefined ? Number(o.from) : 1;
  const seeds = single !== undefined ? [single] : Array.from({ length: count }, (_, i) => first + i);
  const keep = typeof o.keep === 'string' ? path.resolve(o.keep) : undefined;
  const family = typeof o.family === 'string' ? o.family : undefined;
  if (o.family !== undefined && (family === undefined || (family !== 'mix' && !isFamily(family)))) {
    process.stderr.write(`--family : une de ${Object.keys(FAMILIES).join(', ')}, ou mix\n`);
    process.exit(2);
  }
  const opts: LayoutOptions = family ? { family: family as LayoutOptions['family'] } : {};
  if (keep) mkdirSync(keep, { recursive: true });
  const t0 = Date.now();
  const scores: WorldScore[] = typeof o['from-scores'] === 'string' ? JSON.parse(readFileSync(o['from-scores'], 'utf8')) : [];
  for (const seed of scores.length ? [] : seeds) {
    const run = await runWorld(seed, keep, opts);
    const s = compareWorld(run.world.truth, run.result);
    scores.push(s);
    process.stderr.write(`graine ${seed} : ${s.falseAlarms.count} fausse(s) alerte(s), ${s.anomalies.missed} anomalie(s) manquée(s), ${s.structures.phantom} fantôme(s), ${run.ms} ms\n`);
    if (o.verbose) {
      for (const i of run.result.report.inputs)
        for (const sh of i.sheets) process.stdout.write(`  feuille lue : ${i.file} › ${sh.name} : ${sh.kind}${sh.partner ? ` ${sh.partner}` : ''}${sh.year ? ` ${sh.year}` : ''}, en-tête ligne ${sh.headerRow ?? '-'}, ${sh.rows} ligne(s)${sh.reason ? ` (${sh.reason})` : ''}\n`);
      for (const n of s.notes) process.stdout.write(`  ${n.what} : ${n.detail}\n`);
    }
  }
  const sum = summarise(scores);
  const ms = typeof o.ms === 'string' ? Number(o.ms) : Date.now() - t0;
  if (typeof o['save-scores'] === 'string') writeFileSync(o['save-scores'], JSON.stringify(scores) + '\n');
  process.stdout.write(JSON.stringify(sum, null, 2) + '\n');
  if (o['write-baseline'] && family) {
    process.stderr.write('--write-baseline : pas avec --family (la référence est celle des présentations de toujours)\n');
    process.exit(2);
  }
  if (o['write-baseline']) {
    mkdirSync(path.dirname(BASELINE), { recursive: true });
    writeFileSync(BASELINE, JSON.stringify({ seeds, summary: sum }, null, 2) + '\n');
    process.stderr.write(`référence écrite : ${BASELINE}\n`);
  }
  const doc = typeof o.doc === 'string' ? o.doc : single === undefined && !o['write-baseline'] && !family ? path.resolve(__dirname, '../docs/evaluation.md') : undefined;
  if (doc) {
    writeFileSync(doc, markdown(sum, scores, single !== undefined ? String(single) : String(scores.length), ms));
    process.stderr.write(`rapport écrit : ${doc}\n`);
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
