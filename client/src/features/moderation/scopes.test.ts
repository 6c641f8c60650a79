import { describe, expect, it } from 'vitest';
import { chosenScope, consoleScopes } from './scopes';

const names = { classes: new Map([['c1', 'CE2 A']]), spaces: new Map([['w1', 'Mur des poèmes']]) };

describe('console scopes, from the rights the server sent', () => {
  it('offers the school, then the classes, then the spaces a pupil moderator was designated for', () => {
    const choices = consoleScopes({ school: true, classIds: ['c1'], spaceIds: ['w1'] }, names);
    expect(choices.map((choice) => [choice.value, choice.label])).toEqual([
      ['school', null],
      ['c1', 'CE2 A'],
      ['space:w1', 'Mur des poèmes'],
    ]);
    expect(choices[2]!.scope).toEqual({ kind: 'space', spaceId: 'w1' });
    expect(consoleScopes({ school: false, classIds: ['c9'], spaceIds: [] }, names)[0]).toMatchObject({ value: 'c9', label: null, scope: { kind: 'class', classId: 'c9' } });
  });

  it('keeps the choice while it is allowed, falls back to the first one, and closes when nothing is left', () => {
    const pupil = consoleScopes({ school: false, classIds: [], spaceIds: ['w1', 'w2'] }, names);
    expect(chosenScope(pupil, 'space:w2')?.value).toBe('space:w2');
    expect(chosenScope(pupil, '')?.value).toBe('space:w1');
    // Revoked on w2: the console moves to what is left; revoked everywhere: it closes.
    expect(chosenScope(consoleScopes({ school: false, classIds: [], spaceIds: ['w1'] }, names), 'space:w2')?.value).toBe('space:w1');
    expect(chosenScope(consoleScopes({ school: false, classIds: [], spaceIds: [] }, names), 'space:w1')).toBeNull();
  });
});
