import { KIND_CHOICE, KIND_DOUBT, kindBadge } from '../../src/taskpane/labels';
import { SHEET_KINDS } from '../../src/core/import/classify-sheet';

describe('kindBadge: the kind of a sheet and how sure it is, in French', () => {
  it('detected: the kind and its confidence in per cent, coloured by how sure', () => {
    expect(kindBadge('conventions', 'detection', 0.92)).toEqual({ text: 'Conventions — confiance 92 %', color: 'success' });
    expect(kindBadge('fundings', 'detection', 0.75)).toEqual({ text: 'Financements — confiance 75 %', color: 'informative' });
  });

  it('under 60 %: said « à vérifier », in the warning colour; at 60 % not', () => {
    expect(kindBadge('structures', 'detection', 0.55)).toEqual({ text: 'Liste des structures — confiance 55 % (à vérifier)', color: 'warning' });
    expect(kindBadge('structures', 'detection', KIND_DOUBT).color).toBe('informative');
  });

  it('chosen by hand or saved: no confidence; a sheet ignored by choice is « Ignorée », one not recognised is « Non reconnue »', () => {
    expect(kindBadge('plan', 'main', 1)).toEqual({ text: "Plan d'actions — choix manuel", color: 'brand' });
    expect(kindBadge('legend', 'enregistree', 1)).toEqual({ text: 'Légende des codes — choix enregistré', color: 'brand' });
    expect(kindBadge('ignored', 'main', 1).text).toBe('Ignorée — choix manuel');
    expect(kindBadge('ignored', 'detection', undefined)).toEqual({ text: 'Non reconnue', color: 'subtle' });
  });

  it('every kind can be chosen, in French', () => {
    expect(Object.keys(KIND_CHOICE).sort()).toEqual([...SHEET_KINDS].sort());
    expect(Object.values(KIND_CHOICE)).toEqual(['Liste des structures', 'Conventions', 'Lignes de financement', "Plan d'actions", 'Légende des codes', 'Ignorée (à ne pas lire)']);
  });
});
