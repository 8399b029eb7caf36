import { splitConventionCell } from '../../../src/core/parse/parse-convention-cell';

describe('splitConventionCell: a convention number and its signature date in one cell', () => {
  test.each<[string, string | undefined, string]>([
    ['MSA-ADL-2017-001 – 6-déc-16', 'MSA-ADL-2017-001', '2016-12-06'],
    ['MSA-ADL-2015-011 du 21-janv-2015', 'MSA-ADL-2015-011', '2015-01-21'],
    ['CPO-VA-2017-003 – 18/11/2016', 'CPO-VA-2017-003', '2016-11-18'],
    ['CPO-VA-2015-005 du 04/01/2015', 'CPO-VA-2015-005', '2015-01-04'],
    ['n° CPO-VA-2016-009 signée le 24/04/2016', 'CPO-VA-2016-009', '2016-04-24'],
    ['N° 45 en date du 3 mars 2019', '45', '2019-03-03'],
    ['Réf. COF 2018/12 (1er janvier 2018)', 'COF 2018/12', '2018-01-01'],
    ['2018-045, 2018-03-04', '2018-045', '2018-03-04'],
    ['COF-2019-7 / 12.02.19', 'COF-2019-7', '2019-02-12'],
    ['18/11/2016', undefined, '2016-11-18'],
  ])('%p → %p signed %p', (text, ref, signedOn) => {
    expect(splitConventionCell(text)).toEqual({ ref, signedOn });
  });

  test.each(['CPO-VA-2017-003', 'COF-2018-12', '', 'en cours', 'signée le 31/02/2019'])('%p holds no readable date', (text) => {
    expect(splitConventionCell(text)).toBeUndefined();
  });
});
