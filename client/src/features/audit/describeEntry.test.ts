import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../shared/audit/events';
import type { PublicUser } from '../../../../shared/identity/api';
import type { SpaceSummary } from '../../../../shared/spaces/types';
import { concernedUser, personName, placeOf, shortId } from './describeEntry';
import type { AuditT } from './i18n';

const t: AuditT = (key, options) => `${key}${options ? JSON.stringify(options) : ''}`;
const entry = (patch: Partial<AuditEntry>): AuditEntry =>
  ({
    actor: { userId: 'u1', profile: 'pupil', sessionHash: null, ip: null, userAgent: null },
    target: { type: 'chatMessage', id: 'm1', ownerId: 'u1' },
    context: { classId: null, spaceId: null },
    ...patch,
  }) as AuditEntry;
const names = {
  people: new Map([['u1', { id: 'u1', displayName: 'Léa Martin' } as PublicUser]]),
  spaces: new Map([['s1', { id: 's1', title: 'Salon de la classe' } as SpaceSummary]]),
  classNames: new Map([['c1', 'CE2']]),
};

describe('describing an entry', () => {
  it('names known people and shortens unknown ids', () => {
    expect(personName(names, 'u1', t)).toBe('Léa Martin');
    expect(personName(names, '65f0a1b2c3d4e5f6a7b8c9d0', t)).toBe('entries.unknownUser{"id":"…b8c9d0"}');
    expect(shortId('abc')).toBe('abc');
  });

  it('places an entry in its space, else its class, else nowhere', () => {
    expect(placeOf(entry({ context: { classId: 'c1', spaceId: 's1' } }), names, t)).toBe('Salon de la classe');
    expect(placeOf(entry({ context: { classId: 'c1', spaceId: 'gone-space-id' } }), names, t)).toBe('entries.unknownSpace{"id":"…ace-id"}');
    expect(placeOf(entry({ context: { classId: 'c1', spaceId: null } }), names, t)).toBe('entries.classPlace{"name":"CE2"}');
    expect(placeOf(entry({}), names, t)).toBeNull();
  });

  it('finds the other person an action concerns, never the actor', () => {
    expect(concernedUser(entry({}))).toBeNull();
    expect(concernedUser(entry({ actor: { userId: 't1', profile: 'teacher', sessionHash: null, ip: null, userAgent: null } }))).toEqual({ id: 'u1', as: 'owner' });
    expect(concernedUser(entry({ target: { type: 'user', id: 'u2', ownerId: 'u2' } }))).toEqual({ id: 'u2', as: 'subject' });
    expect(concernedUser(entry({ target: { type: 'auditLog', id: 'school', ownerId: null } }))).toBeNull();
  });
});
