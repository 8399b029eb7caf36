import type { Dataset, Reference } from '../model/domain';
import type { Finding } from '../model/finding';
import type { Grid } from '../model/grid';
import type { SheetSpec } from '../model/sheet-spec';
import type { SheetPatch } from '../model/sheet-patch';
import { fundedYears } from '../checks/check-plan-coverage';
import { annualContext } from './annual-context';
import { changesSheet } from './changes-sheet';
import { copilSheet } from './copil-sheet';
import { mergeTypedCells } from './fill-programming';
import { fillHandMadeProgramming, findHandMadeProgramming } from './fill-hand-made-programming';
import { FUNDINGS_SHEET } from './funding-formulas';
import { programmingSheet, programmingSheetName } from './programming-sheet';

export interface AnnualInput {
  dataset: Dataset;
  reference: Reference;
  findings: Finding[];
  asOf: string;
  /** Years asked (`--year`); all funded years by default. */
  years?: number[];
  /** The sheets of the workbook being filled in, if it exists: typed cells and hand-made sheets live there. */
  existing?: Grid[];
}

export interface AnnualOutput {
  years: number[];
  sheets: SheetSpec[];
  /** Cells to write into hand-made programming sheets, in place. */
  patches: SheetPatch[];
  findings: Finding[];
  /** Typed cells carried over from the previous fill, and rows kept only for their notes. */
  kept: { cells: number; removedRows: number };
  /** What the Changements sheet lists; undefined on the first fill (no previous Financements table). */
  changes?: { added: number; removed: number; modified: number };
}

/**
 * The generated products of DESIGN.md §8 for each year: Programmation YYYY (or the hand-made
 * programming sheet of that year filled in place), Synthèse COPIL YYYY, and Changements.
 */
export function annualSheets(input: AnnualInput): AnnualOutput {
  const ctx = annualContext(input.dataset, input.reference, input.findings, input.asOf);
  const years = input.years?.length
    ? [...new Set(input.years)].sort((a, b) => a - b)
    : fundedYears(input.dataset);
  const existing = input.existing ?? [];
  const out: AnnualOutput = {
    years,
    sheets: [],
    patches: [],
    findings: [],
    kept: { cells: 0, removedRows: 0 },
  };
  const copils: SheetSpec[] = [];
  for (const year of years) {
    const name = programmingSheetName(year);
    const handMade = findHandMadeProgramming(existing, year, input.reference);
    if (handMade) {
      const filled = fillHandMadeProgramming(handMade, year, ctx);
      out.patches.push(filled.patch);
      out.findings.push(...filled.findings);
    } else {
      let spec = programmingSheet(ctx, year);
      const previous = existing.find((g) => g.sheet === name);
      if (previous) {
        const merged = mergeTypedCells(spec, previous);
        spec = merged.spec;
        out.kept.cells += merged.kept;
        out.kept.removedRows += merged.removedRows;
      }
      out.sheets.push(spec);
    }
    copils.push(copilSheet(ctx, year));
  }
  out.sheets.push(...copils);
  const previousFundings = existing.find((g) => g.sheet === FUNDINGS_SHEET);
  const changes = changesSheet(input.dataset.fundings, previousFundings, input.asOf);
  out.sheets.push(changes);
  if (previousFundings) {
    const kinds = changes.tables[0].rows.map((r) => r[0]);
    const n = (k: string) => kinds.filter((x) => x === k).length;
    out.changes = { added: n('Ajout'), removed: n('Suppression'), modified: n('Montant modifié') };
  }
  return out;
}
