import { formatLocation } from '../../../src/core/checks/format-fr';

describe('formatLocation', () => {
  test.each([
    [{ file: 'CAF.xlsx', sheet: 'PS 2020', row: 12, col: 'D' }, 'CAF.xlsx › PS 2020 › D12'],
    [{ file: 'CAF.xlsx', sheet: 'PS 2020', row: 12 }, 'CAF.xlsx › PS 2020 › ligne 12'],
    [{ file: 'CAF.xlsx', sheet: 'PS 2020', row: 0 }, 'CAF.xlsx › PS 2020'],
    [{ file: 'photo.png', sheet: '', row: 0 }, 'photo.png'],
  ])('%j → %s', (p, text) => expect(formatLocation(p)).toBe(text));
});
