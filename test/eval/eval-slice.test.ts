/**
 * The evaluation's CI slice: 20 fixed worlds through the real pipeline, held to the committed
 * baseline (figures of the import when it was last tightened). Tighten it after an improvement:
 * `npm run eval -- --seeds 20 --write-baseline`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compareWorld, type WorldScore } from '../../scripts/eval/compare';
import { runWorld } from '../../scripts/eval/run-world';
import { regressions, summarise, type Summary } from '../../scripts/eval/summary';

const baseline = JSON.parse(readFileSync(path.join(__dirname, 'baseline.json'), 'utf8')) as { seeds: number[]; summary: Summary };

test(`${baseline.seeds.length} generated worlds: no figure worse than the baseline`, async () => {
  expect(baseline.seeds).toHaveLength(20);
  const scores: WorldScore[] = [];
  for (const seed of baseline.seeds) {
    const run = await runWorld(seed);
    scores.push(compareWorld(run.world.truth, run.result));
  }
  const sum = summarise(scores);
  expect(sum.worlds).toBe(baseline.summary.worlds);
  expect(sum.fundingLines).toBe(baseline.summary.fundingLines); // same worlds: the generator did not move
  expect(regressions(sum, baseline.summary)).toEqual([]);
}, 600_000);
