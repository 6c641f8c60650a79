import { afterAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { AuditEntry } from '../../../shared/audit/events';
import type { Page } from '../../../shared/identity/api';
import type { NotificationPreferences } from '../../../shared/notifications/types';
import type { WallCard } from '../../../shared/wall/types';
import type { Browser } from '../../helpers/http';
import { signedIn } from '../../helpers/sockets';
import { joinWall } from '../wall/support';
import { createWall, eventually, liveTabs, mentions, must, ofKind, PATIENCE_MS, useNotificationWorld } from './support';

const DEFAULTS: NotificationPreferences = { kinds: {}, spaces: {}, quietHours: null, email: 'off', emailAddress: null, emailUrgent: false };

async function prefer(browser: Browser, change: Partial<NotificationPreferences>): Promise<number> {
  return (await browser.send('PUT', '/api/notifications/preferences', { ...DEFAULTS, ...change })).status;
}

describe('notification preferences', () => {
  const { server, world } = useNotificationWorld();
  const sockets: Socket[] = [];
  afterAll(() => {
    for (const socket of sockets) socket.close();
  });

  it('off, digest (stored, never popped) and a muted space, each for its own person', async () => {
    const { browsers, classId } = world();
    const chloe = await signedIn(server(), 'chloe.nguyen');
    const father = await signedIn(server(), 'nicolas.martin');
    const spaceId = (await createWall(browsers.teacher, classId)).id;
    expect(await prefer(chloe, { kinds: { newCard: 'off' } })).toBe(200);
    expect(await prefer(browsers.parent, { kinds: { newCard: 'digest' } })).toBe(200);
    expect(await prefer(father, { spaces: { [spaceId]: 'off' } })).toBe(200);
    expect((await chloe.get<NotificationPreferences>('/api/notifications/preferences')).body.kinds).toEqual({ newCard: 'off' });
    const [mother, teacher] = await liveTabs(server(), [browsers.parent, browsers.teacher] as const);
    const author = await joinWall(server(), browsers.pupil, spaceId);
    sockets.push(mother.socket, teacher.socket, author);

    const { card } = await must<{ card: WallCard }>(author, 'wall:card:create', { spaceId, title: 'Une carte' });
    await eventually(() => teacher.popped.some((n) => n.target?.itemId === card.id), 'the teacher (defaults) is told live', PATIENCE_MS);
    await eventually(() => mentions(browsers.parent, card.id), 'the digest is stored in the mother’s centre', PATIENCE_MS);
    expect(await mentions(chloe, card.id)).toBe(false);
    expect(await mentions(father, card.id)).toBe(false);
    // A later batch pops for the mother (a comment is live for her): the card's digest never popped before it.
    await must(author, 'wall:comment:create', { spaceId, cardId: card.id, text: 'Et un commentaire' });
    await eventually(() => mother.popped.some((n) => n.kind === 'newComment'), 'the comment pops for the mother', PATIENCE_MS);
    expect(mother.popped.filter((n) => n.kind === 'newCard')).toEqual([]);
    expect(await ofKind(father, 'newComment')).toEqual([]);
  });

  it('a pupil may not give an e-mail address; an adult may', async () => {
    const { browsers } = world();
    expect(await prefer(browsers.pupil, { emailAddress: 'lea@example.org' })).toBe(400);
    expect(await prefer(browsers.parent, { email: 'daily', emailAddress: 'sophie@example.org' })).toBe(200);
    expect((await browsers.parent.get<NotificationPreferences>('/api/notifications/preferences')).body).toMatchObject({ email: 'daily', emailAddress: 'sophie@example.org' });
    expect(await prefer(browsers.parent, { kinds: { bogus: 'off' } as never })).toBe(400);
    // Each change is audited, with what changed.
    const logged = await browsers.director.get<Page<AuditEntry>>(`/api/audit?event=notifications.preferences_changed&actor=${world().ids.parent}&pageSize=10`);
    expect(logged.body.items[0]).toMatchObject({ target: { type: 'notificationPreferences', id: world().ids.parent }, change: { fields: expect.arrayContaining(['email', 'emailAddress']) as string[] } });
  });
});
