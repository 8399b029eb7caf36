/**
 * The floor of this stack on the benchmark's data: exceljs's streaming reader over every input
 * (each cell visited), then exceljs's streaming writer writing `rows` × `cols` cells like the
 * Financements table. Prints the two times as JSON.
 *
 *   tsx bench/floor.ts <dossier> <lignes> <colonnes> <sortie.xlsx>
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';

async function main() {
  const [dir, rowsArg, colsArg, out] = process.argv.slice(2);
  const t0 = performance.now();
  let cells = 0;
  for (const f of (await fs.readdir(dir)).filter((n) => n.endsWith('.xlsx')).sort()) {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(path.join(dir, f), { entries: 'emit', sharedStrings: 'cache', worksheets: 'emit', hyperlinks: 'ignore', styles: 'cache' });
    for await (const ws of reader) for await (const row of ws) (row as ExcelJS.Row).eachCell(() => cells++);
  }
  const read = performance.now() - t0;
  const t1 = performance.now();
  const rows = Number(rowsArg);
  const cols = Number(colsArg);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('Financements');
  ws.addRow(Array.from({ length: cols }, (_, i) => `Colonne ${i + 1}`)).commit();
  const day = new Date(Date.UTC(2019, 2, 15));
  for (let r = 0; r < rows; r++) {
    const values: ExcelJS.CellValue[] = [];
    for (let c = 0; c < cols; c++) values.push(c % 4 === 0 ? `Structure ${r % 4000}` : c % 4 === 1 ? 2017 + (r % 4) : c % 4 === 2 ? 1000 + (r % 50000) / 3 : day);
    ws.addRow(values).commit();
  }
  ws.commit();
  await wb.commit();
  const write = performance.now() - t1;
  process.stdout.write(JSON.stringify({ readMs: Math.round(read), writeMs: Math.round(write), cellsRead: cells }) + '\n');
}

main();
