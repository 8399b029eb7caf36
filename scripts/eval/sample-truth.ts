/**
 * ../shared/samples/truth.json as compareWorld reads a generated world's truth. The samples' file
 * has the same schema without what only the generator writes: no seed, no refused files, no list
 * of input files and no expected findings. Those are derived here, never edited in the shared file.
 */
import { expectedFindingsOf, type Truth } from '../world/truth';

type SampleTruth = Omit<Truth, 'seed' | 'rejectedFiles' | 'expectedFindings' | 'files'> & Partial<Pick<Truth, 'seed' | 'rejectedFiles' | 'expectedFindings' | 'files'>>;

const REQUIRED = ['structures', 'counts', 'totals', 'structuresMissingConvention', 'axesWithoutFunding', 'epciWithoutStructure', 'anomalies', 'detail'] as const;

/** The samples' truth completed into a world truth (pure: the parsed JSON in, a new object out). */
export function truthFromSamples(raw: unknown): Truth {
  const t = raw as SampleTruth;
  const absent = REQUIRED.filter((k) => t?.[k] === undefined);
  if (absent.length) throw new Error(`truth.json : champ(s) absent(s) : ${absent.join(', ')}`);
  if (!Array.isArray(t.detail.fundingLines) || !Array.isArray(t.detail.conventions)) throw new Error('truth.json : detail.fundingLines et detail.conventions attendus');
  const rejectedFiles = t.rejectedFiles ?? [];
  const files = t.files ?? [...new Set([...t.detail.fundingLines.map((l) => l.file), ...t.anomalies.map((a) => a.file), ...rejectedFiles])].sort((a, b) => a.localeCompare(b));
  return {
    ...t,
    seed: t.seed ?? 0,
    rejectedFiles,
    files,
    expectedFindings: t.expectedFindings ?? expectedFindingsOf({ ...t, rejectedFiles }),
  };
}
