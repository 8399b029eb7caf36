import { describeIf, inCi, requireOrSkip } from './require-or-skip';

describe('requireOrSkip: a missing tool skips with a notice outside CI, fails under CI', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => warn.mockRestore());

  test.each([
    { CI: undefined, ci: false },
    { CI: '', ci: false },
    { CI: 'false', ci: false },
    { CI: '0', ci: false },
    { CI: 'true', ci: true },
    { CI: '1', ci: true },
    { CI: 'TRUE', ci: true },
  ])('CI=$CI → inCi = $ci', ({ CI, ci }) => {
    expect(inCi(CI === undefined ? {} : { CI })).toBe(ci);
  });

  test.each([{ CI: undefined }, { CI: 'true' }])('available (CI=$CI): true, nothing printed', ({ CI }) => {
    expect(requireOrSkip('LibreOffice', true, 'soffice absent', CI === undefined ? {} : { CI })).toBe(true);
    expect(warn).not.toHaveBeenCalled();
  });

  test('missing outside CI: false, with the French notice naming what and why', () => {
    expect(requireOrSkip('acceptance', false, '../shared/samples/truth.json absent', {})).toBe(false);
    expect(warn).toHaveBeenCalledWith('[acceptance] ignoré : ../shared/samples/truth.json absent\n');
  });

  test('missing under CI: throws a clear error, no notice', () => {
    expect(() =>
      requireOrSkip('acceptance', false, '../shared/samples/truth.json absent', { CI: 'true' }),
    ).toThrow('[acceptance] ne peut pas être ignoré en CI (CI=true) : ../shared/samples/truth.json absent');
    expect(warn).not.toHaveBeenCalled();
  });

  test('describeIf under CI with the tool missing throws while the suite is collected', () => {
    const saved = process.env.CI;
    process.env.CI = 'true';
    try {
      expect(() => describeIf('navigateur', false, '/usr/bin/chromium absent', () => undefined)).toThrow(
        '[navigateur] ne peut pas être ignoré en CI',
      );
    } finally {
      if (saved === undefined) delete process.env.CI;
      else process.env.CI = saved;
    }
  });
});

describeIf('describeIf outside CI with the tool present', true, 'jamais affiché', () => {
  test('runs the suite', () => expect(true).toBe(true));
});
