import { canInsertWorksheets, PAYLOAD_LIMIT_BYTES, type ExcelRun, type HostCapabilities } from './excel-host';

/** One partner file to copy into the open workbook. */
export interface FileToInsert {
  name: string;
  bytes: Uint8Array;
}

export interface InsertOutcome {
  file: string;
  /** Names of the sheets Excel inserted (from the ids it returned; Excel renames on conflict). */
  sheets: string[];
  /** The file's sheet name → the copy's name, where Excel renamed it (`Feuil1` → `Feuil1 (2)`). */
  renamed?: Record<string, string>;
  /** Why the file was not copied (French), when it was not. */
  message?: string;
}

/** The request carries the file as base64 (4/3 of its size) in a JSON envelope: room kept under 5 MB. */
const MAX_BASE64_BYTES = PAYLOAD_LIMIT_BYTES - 300_000;

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

const isZip = (b: Uint8Array) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/**
 * Parts Excel on the web cannot insert: "In Excel on the web, this API doesn't support inserting
 * charts, comments, PivotTables, or slicers" (office-js reference, insertWorksheetsFromBase64).
 * Part names are stored uncompressed in the zip headers, so they are found in the raw bytes.
 */
function webUnsupportedParts(b: Uint8Array): string[] {
  let text = '';
  for (let i = 0; i < b.length; i += 0x8000) text += String.fromCharCode(...b.subarray(i, i + 0x8000));
  const found: string[] = [];
  if (/xl\/charts\/chart/.test(text)) found.push('graphiques');
  if (/xl\/comments\d*\.xml|xl\/threadedComments\//.test(text)) found.push('commentaires');
  if (/xl\/pivotTables\//.test(text)) found.push('tableaux croisés dynamiques');
  if (/xl\/slicers\//.test(text)) found.push('segments');
  return found;
}

/** Why this file cannot be copied on this host (French), or undefined when it can be tried. */
export function insertRefusal(caps: HostCapabilities, file: FileToInsert): string | undefined {
  if (!canInsertWorksheets(caps))
    return caps.platform === 'ios'
      ? `« ${file.name} » : Excel sur iPad ne sait pas copier les feuilles d'un autre classeur ; le fichier est lu sans être copié.`
      : `« ${file.name} » : cette version d'Excel ne sait pas copier les feuilles d'un autre classeur (ExcelApi 1.13) ; le fichier est lu sans être copié.`;
  if (!isZip(file.bytes)) return `« ${file.name} » n'est pas un classeur Excel (.xlsx, .xlsm) : un fichier CSV ou texte est lu, mais ses lignes ne peuvent pas être copiées comme feuille.`;
  if (caps.platform === 'web') {
    if (Math.ceil(file.bytes.length / 3) * 4 > MAX_BASE64_BYTES)
      return `« ${file.name} » est trop gros pour être copié par Excel sur le web (limite de 5 Mo par requête) : il est lu sans être copié ; Excel de bureau peut le copier.`;
    const parts = webUnsupportedParts(file.bytes);
    if (parts.length)
      return `« ${file.name} » contient des ${parts.join(', ')} : Excel sur le web refuse de copier ces feuilles. Le fichier est lu sans être copié ; Excel de bureau peut le copier.`;
  }
  return undefined;
}

/**
 * Copies partner workbooks' sheets into the open workbook (ExcelApi 1.13), so that findings can
 * point at their cells. Only where it can work (not on iOS, xlsx packages only, on the web no
 * file over the request limit nor with charts, comments, PivotTables or slicers); each file on
 * its own round trip, a refusal is a French message and the other files go on.
 */
export async function insertWorkbookFiles(run: ExcelRun, caps: HostCapabilities, files: FileToInsert[]): Promise<InsertOutcome[]> {
  const out: InsertOutcome[] = [];
  for (const file of files) {
    const refusal = insertRefusal(caps, file);
    if (refusal) {
      out.push({ file: file.name, sheets: [], message: refusal });
      continue;
    }
    let before: string[] | undefined;
    const names = async () =>
      run(async (context) => {
        const ws = context.workbook.worksheets;
        ws.load('items/name');
        await context.sync();
        return ws.items.map((w) => w.name);
      });
    try {
      before = await names();
      const sheets = await run(async (context) => {
        const ids = context.workbook.insertWorksheetsFromBase64(toBase64(file.bytes), { positionType: 'End' });
        await context.sync();
        const inserted = ids.value.map((id) => {
          const ws = context.workbook.worksheets.getItem(id);
          ws.load('name');
          return ws;
        });
        await context.sync();
        return inserted.map((ws) => ws.name);
      });
      out.push({ file: file.name, sheets, ...renamedOf(sheets, before) });
    } catch (e) {
      // Excel on the web may fail *after* inserting (OfficeDev/office-js #3179, #6142): the sheets
      // that appeared are the copies; retrying would copy them twice
      const had = before;
      const after = had ? await names().catch(() => had) : [];
      const appeared = had ? after.filter((n) => !had.includes(n)) : [];
      if (had && appeared.length) {
        out.push({ file: file.name, sheets: appeared, ...renamedOf(appeared, had) });
        continue;
      }
      const code = (e as { code?: string }).code ?? '';
      const why = /UnsupportedFeature/.test(`${code} ${String(e)}`)
        ? 'il contient des éléments que cette version d’Excel ne sait pas copier (graphiques, commentaires, tableaux croisés, segments)'
        : /AccessDenied/.test(`${code} ${String(e)}`)
          ? 'la structure du classeur est protégée'
          : `Excel a refusé la copie (${e instanceof Error ? e.message : String(e)})`;
      out.push({ file: file.name, sheets: [], message: `« ${file.name} » n'a pas été copié : ${why}. Le fichier est lu sans être copié.` });
    }
  }
  return out;
}

const renamedOf = (inserted: string[], before: string[] = []) => {
  const renamed = renamedCopies(inserted, before);
  return Object.keys(renamed).length ? { renamed } : {};
};

/**
 * Which copies Excel renamed: a sheet whose name clashed with one of the workbook gets ` (2)`,
 * ` (3)`… So `X (n)` is the file's `X` when `X` was already in the workbook (a file's own sheet
 * named `X (2)` next to an `X` of the workbook cannot be told apart: taken as renamed).
 */
export function renamedCopies(inserted: string[], before: string[]): Record<string, string> {
  const had = new Set(before.map((n) => n.toLowerCase()));
  const out: Record<string, string> = {};
  for (const name of inserted) {
    const m = /^(.*) \((\d+)\)$/.exec(name);
    if (m && had.has(m[1].toLowerCase())) out[m[1]] = name;
  }
  return out;
}
