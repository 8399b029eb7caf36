import { DEFAULT_LOCK_TIMEOUT_MS, frenchSince, lockBusyMessage, lockState, mayTake, parseLock, type LockState } from '../../../src/core/lock/lock-state';

const NOW = new Date(2026, 11, 3, 14, 40);
const ago = (min: number) => new Date(NOW.getTime() - min * 60_000).toISOString();

describe('core: generation lock decision', () => {
  it.each<[string, Parameters<typeof lockState>[0], LockState]>([
    ['no lock', undefined, 'free'],
    ['this session', { id: 'me', since: ago(60) }, 'ours'],
    ['another session, 1 minute ago', { id: 'other', since: ago(1) }, 'other'],
    ['another session, 9 minutes ago', { id: 'other', since: ago(9) }, 'other'],
    ['another session, exactly the time-out', { id: 'other', since: ago(10) }, 'other'],
    ['another session, 11 minutes ago', { id: 'other', since: ago(11) }, 'stale'],
    ['a clock 3 minutes ahead', { id: 'other', since: ago(-3) }, 'other'],
    ['a clock 11 minutes ahead', { id: 'other', since: ago(-11) }, 'stale'],
    ['an unreadable date', { id: 'other', since: 'hier' }, 'stale'],
  ])('%s', (_, lock, state) => {
    expect(lockState(lock, 'me', NOW, DEFAULT_LOCK_TIMEOUT_MS)).toBe(state);
    expect(mayTake(state)).toBe(state !== 'other');
  });

  it('a heartbeat keeps the lock: its age counts, not the time taken', () => {
    expect(lockState({ id: 'other', since: ago(30), heartbeat: ago(2) }, 'me', NOW)).toBe('other');
    expect(lockState({ id: 'other', since: ago(30), heartbeat: ago(11) }, 'me', NOW)).toBe('stale');
    expect(parseLock({ id: 'a', since: 's', heartbeat: 'h' })).toEqual({ id: 'a', since: 's', heartbeat: 'h' });
  });

  it('the time-out is a parameter', () => {
    expect(lockState({ id: 'other', since: ago(6) }, 'me', NOW, 5 * 60_000)).toBe('stale');
    expect(lockState({ id: 'other', since: ago(6) }, 'me', NOW)).toBe('other');
  });

  it.each<[unknown, ReturnType<typeof parseLock>]>([
    ['{"owner":"Marie Durand","id":"a","since":"2026-12-03T13:32:00.000Z"}', { owner: 'Marie Durand', id: 'a', since: '2026-12-03T13:32:00.000Z' }],
    [{ id: 'a', since: 's' }, { id: 'a', since: 's' }],
    [{ owner: '  ', id: 'a', since: 's' }, { id: 'a', since: 's' }],
    ['{pas du json', undefined],
    [{ id: '', since: 's' }, undefined],
    [{ owner: 'x' }, undefined],
    [42, undefined],
    [null, undefined],
  ])('parseLock(%j)', (v, lock) => expect(parseLock(v)).toEqual(lock));

  it('says who and since when, in French', () => {
    expect(frenchSince(new Date(2026, 11, 3, 9, 5).toISOString(), NOW)).toBe('9 h 05');
    expect(frenchSince(new Date(2026, 10, 28, 17, 0).toISOString(), NOW)).toBe('le 28/11/2026 à 17 h 00');
    expect(lockBusyMessage({ owner: 'Marie Durand', since: new Date(2026, 11, 3, 14, 32).toISOString() }, NOW)).toBe(
      "Une génération est déjà en cours dans ce classeur (par Marie Durand, depuis 14 h 32) : rien n'a été écrit. " +
        'Réessayez dans quelques minutes ; le verrou expire au bout de 10 minutes',
    );
    expect(lockBusyMessage({ since: ago(2) }, NOW, 60_000)).toMatch(/\(sur un autre poste, depuis 14 h 38\).*au bout de 1 minute$/);
  });
});
