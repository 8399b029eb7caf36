import { findSubsidyHeader, recogniseSubsidyExport } from '../../../src/core/import/subsidy-export';

const roles = (labels: string[], rows: (string | number | null)[][] = []) => {
  const r = recogniseSubsidyExport(labels, rows);
  return r && { family: r.family, roles: Object.fromEntries(r.roles.map((x) => [x.header, x.role])) };
};

describe('recogniseSubsidyExport: open-data subsidy exports by their columns’ roles', () => {
  test.each([
    [
      'SCDL names in another letter case and order, a column added, some missing',
      ['idBeneficiaire', 'NOMATTRIBUANT', 'idattribuant', 'nomBeneficiaire', 'Montant', 'datesperiodeVersement', 'commentaire interne', 'DATECONVENTION'],
      'scdl',
      { NOMATTRIBUANT: 'grantorName', idattribuant: 'grantorId', nomBeneficiaire: 'beneficiaryName', idBeneficiaire: 'beneficiaryId', Montant: 'amount', DATECONVENTION: 'date' },
    ],
    [
      'the 2016 Etalab format: COLL_ is the grantor, ATTRIB_ the beneficiary',
      ['COLL_NOM', 'COLL_SIRET', 'ACTE_DATE', 'ACTE_REF', 'ATTRIB_NOM', 'ATTRIB_SIRET', 'SUB_OBJ', 'SUB_MONTANT'],
      'etalab2016',
      { COLL_NOM: 'grantorName', COLL_SIRET: 'grantorId', ATTRIB_NOM: 'beneficiaryName', ATTRIB_SIRET: 'beneficiaryId', SUB_OBJ: 'object', SUB_MONTANT: 'amount' },
    ],
    [
      "the arrêté's labels where « attributaire » is the grantor (a « bénéficiaire » column exists)",
      ['Nom de l’attributaire', 'Identification de l’attributaire (SIRET)', 'Date de la convention de subvention', 'Identification du bénéficiaire', 'Nom du bénéficiaire', 'Montant  total de la subvention', 'Pourcentage du montant de la subvention attribuée au bénéficiaire'],
      'libelles',
      { 'Nom de l’attributaire': 'grantorName', 'Identification de l’attributaire (SIRET)': 'grantorId', 'Nom du bénéficiaire': 'beneficiaryName', 'Identification du bénéficiaire': 'beneficiaryId', 'Montant  total de la subvention': 'amount', 'Pourcentage du montant de la subvention attribuée au bénéficiaire': 'percentage' },
    ],
    [
      'own labels where « attributaire » is the beneficiary (an « autorité administrative » column exists)',
      ['Autorité administrative', 'SIRET autorité administrative', 'Date convention', 'Nom attributaire', 'N° SIRET attributaire', 'Objet convention', 'Montant décidé ligne', 'Date solde ligne'],
      'libelles',
      { 'Autorité administrative': 'grantorName', 'SIRET autorité administrative': 'grantorId', 'Nom attributaire': 'beneficiaryName', 'N° SIRET attributaire': 'beneficiaryId', 'Montant décidé ligne': 'amount', 'Date solde ligne': 'paymentDates' },
    ],
  ])('%s', (_, labels, family, expected) => {
    const r = roles(labels);
    expect(r?.family).toBe(family);
    expect(r?.roles).toMatchObject(expected);
  });

  test('« attributaire » alone: the column with one name on every line is the grantor, the other party the beneficiary', () => {
    const labels = ['Attributaire', 'SIRET attributaire', 'Association', 'Objet', 'Montant', 'Date de la décision'];
    // « Association » names no party: the attributaire column's values decide
    const constant = [...Array(6)].map((_, i) => ['Ville de X', '21000000000000', `Asso ${i}`, 'x', 100, '2019-01-01']);
    const varied = [...Array(6)].map((_, i) => [`Asso ${i}`, '21000000000000', `Asso ${i}`, 'x', 100, '2019-01-01']);
    const withBeneficiary = ['Attributaire', 'Bénéficiaire', 'Objet', 'Montant', 'Date de la décision'];
    expect(roles(withBeneficiary)?.roles).toMatchObject({ Attributaire: 'grantorName', Bénéficiaire: 'beneficiaryName' });
    expect(recogniseSubsidyExport(labels, constant)).toBeUndefined(); // a grantor but no beneficiary column: not an export we can read
    expect(recogniseSubsidyExport(labels, varied)).toBeUndefined();
  });

  test.each([
    ['a partner workbook: no grantor column', ['Structure', 'SIRET', 'Dispositif', 'Montant voté', 'Montant versé', 'Exercice']],
    ['a structures list', ['Nom', 'Commune', 'SIRET', 'Type', 'Agrément CAF']],
    ['too few roles', ['nomAttribuant', 'nomBeneficiaire', 'montant']],
    ['no amount', ['nomAttribuant', 'idAttribuant', 'nomBeneficiaire', 'idBeneficiaire', 'objet', 'dateConvention']],
  ])('%s is no subsidy export', (_, labels) => {
    expect(recogniseSubsidyExport(labels)).toBeUndefined();
  });

  test('findSubsidyHeader finds the header under a merged title row, not the title', () => {
    const grid = {
      file: 'x.xlsx',
      sheet: 'Feuil1',
      rows: [
        ['Informations relatives à l’autorité administrative attribuant la subvention', null, null, 'Informations relatives au bénéficiaire'],
        ['nomAttribuant', 'idAttribuant', 'dateConvention', 'nomBeneficiaire', 'idBeneficiaire', 'objet', 'montant'],
        ['Ville', '21310458100011', '2017-01-01', 'Asso', '44135191300013', 'Fête', '1 000'],
      ],
    };
    expect(findSubsidyHeader(grid)?.index).toBe(1);
  });
});
