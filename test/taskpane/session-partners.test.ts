/**
 * The pane's partner code flow for open-data exports (issue 23), without a browser: an unknown
 * grantor is offered, a code is checked, saved in the session's mapping `partners` (the CLI's
 * mapping file) and the next run counts its lines or sets them aside as beyond the agreement;
 * the ledger of each sheet in words; « Annuler » gives the proposal back.
 */
import { validateMappingFile, type MappingFile } from '../../src/core/import/mapping-file';
import { formatEuros as eur } from '../../src/core/checks/format-fr';
import { ASIDE } from '../../src/core/import/ledger';
import { defaultReference } from '../../src/core/reference/default-reference';
import { codeOutcome, grantorRows, grantorSentence, ledgerSentence, ledgerSums, outcomeSentence, outsideLists, partnerCodeError, readingLedger } from '../../src/taskpane/open-data';
import { PaneSession } from '../../src/taskpane/session';

const ROQUES = { name: 'COMMUNE DE ROQUES', siret: '21310458100011' };
const SICOVAL = { name: 'COMMUNAUTE D AGGLOMERATION DU SICOVAL', siret: '24310063300011' };
const FILE = 'subventions-scdl.csv';

const HEADER = 'nomAttribuant;idAttribuant;dateConvention;referenceDecision;nomBeneficiaire;idBeneficiaire;objet;montant;nature;conditionsVersement;datesPeriodeVersement;idRAE;notificationUE;pourcentageSubvention';
const line = (g: { name: string; siret: string }, ref: string, beneficiary: string, siret: string, amount: string) =>
  `${g.name};${g.siret};2019-03-01;${ref};${beneficiary};${siret};Fonctionnement;${amount};aide en numéraire;unique;2019-01-01/2019-12-31;;Non;`;
/** Three lines of Roques (1 000 + 2 500,50 + 300 €), two of the Sicoval (10 000 + 5 000 €). */
const CSV = [
  HEADER,
  line(ROQUES, 'D1', 'Club de football de Roques', '77567227212343', '1000'),
  line(ROQUES, 'D2', 'Comité des fêtes', '40483304800022', '2500.50'),
  line(ROQUES, 'D3', 'Club de football de Roques', '77567227212343', '300'),
  line(SICOVAL, 'S1', 'Association sportive du Sicoval', '73282932000074', '10000'),
  line(SICOVAL, 'S2', 'Festival des arts', '55210055400013', '5000'),
].join('\r\n');

const picked = (name: string, text: string) => ({ name, bytes: async () => new TextEncoder().encode(text) });

async function session() {
  const s = new PaneSession();
  s.asOf = '2020-12-31';
  const out = await s.addFiles([picked(FILE, CSV)]);
  expect(out).toEqual({ read: [FILE], refused: [] });
  return s;
}

const sheetOf = (s: PaneSession) => s.result!.readings.find((r) => r.file === FILE && r.kind === 'fundings')!;

describe('PaneSession: open-data grantors given a code (issue 23)', () => {
  it('offers each unknown grantor once with its lines and amount, and says the ledger in words', async () => {
    const s = await session();
    const r = s.run();
    const sheet = sheetOf(s);
    expect(sheet.openData?.family).toBe('scdl');
    const rows = grantorRows(r.unknownGrantors);
    expect(rows.map((g) => [g.name, g.siret, g.lines, g.amount, g.files])).toEqual([
      [SICOVAL.name, SICOVAL.siret, 2, 15000, [FILE]],
      [ROQUES.name, ROQUES.siret, 3, 3800.5, [FILE]],
    ]);
    expect(grantorSentence(rows[1])).toBe(`L'attribuant « COMMUNE DE ROQUES » (SIRET 21310458100011) n'est pas un partenaire du référentiel : 3 lignes, ${eur(3800.5)} non comptées.`);
    expect(ledgerSentence(readingLedger(sheet)!)).toBe(`5 lignes lues : 0 comptée, 5 mises de côté (${ASIDE.unknownGrantor} : 5 lignes, ${eur(18800.5)})`);
    // nothing counted: the Totaux step says so with the money set aside
    const sums = ledgerSums(r.readings);
    expect([sums.read, sums.counted, sums.asideLines, sums.asideVoted, sums.unexplained]).toEqual([5, 0, 5, 18800.5, 0]);
    // the mapping to save proposes both grantors, code to give
    const proposals = s.mappingToSave().partners ?? [];
    expect(proposals).toHaveLength(2);
    expect(proposals).toEqual(expect.arrayContaining([{ ...ROQUES, code: null }, { ...SICOVAL, code: null }]));
  });

  it('refuses a code that is not letters, digits, _ and -, or that a partner already has, and changes nothing then', async () => {
    const s = await session();
    s.run();
    const partners = s.partners();
    expect(partnerCodeError('', partners)).toMatch(/^Saisissez un code/);
    expect(partnerCodeError('COM ROQUES', partners)).toMatch(/ne peut pas être un code : lettres sans accent, chiffres, « _ » et « - » seulement/);
    expect(partnerCodeError('Roquès', partners)).toMatch(/ne peut pas être un code/);
    expect(partnerCodeError('A'.repeat(21), partners)).toMatch(/trop long : 20 caractères au plus/);
    expect(partnerCodeError('caf', partners)).toBe(`« caf » est déjà le code du partenaire « ${defaultReference().partners.find((p) => p.code === 'CAF')!.name} » : choisissez-le dans la liste des partenaires, ou saisissez un autre code.`);
    expect(partnerCodeError('COM_ROQUES-31', partners)).toBeUndefined();
    expect(s.givePartnerCode(ROQUES, 'CD07', true)).toMatch(/déjà le code du partenaire/);
    expect(s.givePartnerCode(ROQUES, 'NOPE', false)).toBe("« NOPE » n'est aucun partenaire du référentiel.");
    expect(s.mappings?.partners).toBeUndefined();
  });

  it('a new code makes the grantor a partner: saved in `partners`, its lines read again and set aside as beyond the agreement', async () => {
    const s = await session();
    const before = s.run();
    expect(s.givePartnerCode(ROQUES, 'COM_ROQUES', true)).toBeUndefined();
    expect(s.mappings?.partners).toEqual([{ ...ROQUES, code: 'COM_ROQUES' }]);
    const after = s.run();
    // Roques is no longer unknown; the Sicoval still is
    expect(after.unknownGrantors.map((u) => u.name)).toEqual([SICOVAL.name]);
    expect(after.reference.partners.find((p) => p.code === 'COM_ROQUES')).toMatchObject({ name: ROQUES.name, siret: ROQUES.siret });
    // no structures list: its beneficiaries are beyond the agreement, to the cent
    const l = readingLedger(sheetOf(s))!;
    expect(ledgerSentence(l)).toBe(`5 lignes lues : 0 comptée, 5 mises de côté (${ASIDE.outsideAgreement} : 3 lignes, ${eur(3800.5)} ; ${ASIDE.unknownGrantor} : 2 lignes, ${eur(15000)})`);
    const outcome = codeOutcome(before.readings, after.readings, [FILE]);
    expect(outcomeSentence(outcome)).toBe(`0 ligne comptée, 3 mises de côté (${ASIDE.outsideAgreement} : 3 lignes, ${eur(3800.5)})`);
    const [outside] = outsideLists(after.findings);
    expect(outside).toMatchObject({ file: FILE, count: 3, amount: 3800.5 });
    expect(outside.candidates).toEqual([`Comité des fêtes (40483304800022) : ${eur(2500.5)}`, `Club de football de Roques (77567227212343) : ${eur(1300)} (2 lignes)`]);
    // the mapping saved is the CLI's: valid, the code kept, the Sicoval still proposed
    const saved = s.mappingToSave();
    expect(validateMappingFile(saved)).toEqual([]);
    expect(saved.partners).toEqual([
      { ...ROQUES, code: 'COM_ROQUES' },
      { ...SICOVAL, code: null },
    ]);
    // that code is now a partner's: another grantor cannot take it as new, but can be rattached to it
    expect(s.givePartnerCode(SICOVAL, 'com_roques', true)).toMatch(/déjà le code du partenaire « COMMUNE DE ROQUES »/);
    // giving Roques another code replaces the first
    expect(s.givePartnerCode(ROQUES, 'ROQUES', true)).toBeUndefined();
    expect(s.mappings?.partners).toEqual([{ ...ROQUES, code: 'ROQUES' }]);
  });

  it('a partner of the référentiel takes the grantor: its lines count as that partner; « Annuler » gives the proposal back', async () => {
    const s = await session();
    s.run();
    expect(s.givePartnerCode(SICOVAL, 'CD07', false)).toBeUndefined();
    const r = s.run();
    const cd07 = r.reference.partners.find((p) => p.code === 'CD07')!;
    expect(cd07.aliases).toContain(SICOVAL.name);
    expect(r.unknownGrantors.map((u) => u.name)).toEqual([ROQUES.name]);
    // its lines are read as CD07's: counted, or set aside as beyond the agreement, nothing left unknown for it
    const l = readingLedger(sheetOf(s))!;
    const forSicoval = l.lines + (l.setAside.find((a) => a.reason === ASIDE.outsideAgreement)?.lines ?? 0);
    expect(forSicoval).toBe(2);
    expect(l.setAside.find((a) => a.reason === ASIDE.unknownGrantor)?.lines).toBe(3);

    s.dropPartnerCode(SICOVAL);
    expect(s.mappings?.partners).toEqual([{ ...SICOVAL, code: null }]);
    const back = s.run();
    expect(grantorRows(back.unknownGrantors).map((g) => g.name).sort()).toEqual([ROQUES.name, SICOVAL.name].sort());
  });

  it('saved partners alone are corrections to load (the workbook settings or the browser keep them)', async () => {
    const s = await session();
    const saved: MappingFile = { version: 1, sheets: [], partners: [{ ...ROQUES, code: 'COM_ROQUES' }] };
    await s.loadSaved(async () => saved);
    expect(s.mappings).toBe(saved);
    const r = s.run();
    expect(r.unknownGrantors.map((u) => u.name)).toEqual([SICOVAL.name]);
  });
});
