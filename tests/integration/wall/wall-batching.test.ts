/**
 * A wall's changes for the same viewers within WALL_BROADCAST_WINDOW_MS leave as one frame per socket
 * (`wall:changes`, the changes in order). The server here waits 1.5 s, so that changes acknowledged one after the
 * other fall in one window whatever the machine's speed; nothing waits for the window to pass, every step waits for
 * what it expects to receive. What was queued before a revocation leaves before it is acknowledged (the bus event
 * sends it at once): a revoked pupil moderator or a muted pupil gets nothing queued before the change after being
 * told of it.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModeratedItemView } from '../../../shared/moderation/types';
import type { WallChange } from '../../../shared/wall/events';
import type { WallCard } from '../../../shared/wall/types';
import type { Browser } from '../../helpers/http';
import { designateModerator, personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { signedIn } from '../../helpers/sockets';
import { createWall, joinWall, must, nextEvent, postCard } from './support';

const WINDOW_MS = 1_500;

/** Every frame a socket receives, as sent (a `wall:changes` frame is one entry), in order. */
function frames(socket: Socket): { event: string; data: unknown }[] {
  const seen: { event: string; data: unknown }[] = [];
  socket.onAny((event: string, data: unknown) => seen.push({ event, data }));
  return seen;
}

/** The ids of the cards a frame names, in order. */
const cardsOf = (frame: { event: string; data: unknown }): string[] =>
  frame.event === 'wall:changes' ? (frame.data as WallChange[]).map((change) => ('cardId' in change.data ? change.data.cardId : change.data.id)) : frame.event.startsWith('wall:card') ? [((frame.data as { cardId?: string; id?: string }).cardId ?? (frame.data as { id: string }).id)] : [];

describe('wall broadcasts batched per window', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let classmateBrowser: Browser;
  const sockets: Socket[] = [];
  const join = async (browser: Browser, spaceId: string): Promise<Socket> => {
    const socket = await joinWall(server, browser, spaceId);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    server = await startServer({ env: { WALL_BROADCAST_WINDOW_MS: String(WINDOW_MS) } });
    world = await personaWorld(server);
    classmateBrowser = await signedIn(server, 'chloe.nguyen');
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server?.stop();
    server?.cleanup();
  });

  it('several changes made within one window reach each viewer as one `wall:changes` frame, in the order they were made', async () => {
    const spaceId = (await createWall(world.browsers.teacher, world.classId, { everyoneEdits: true })).id;
    const teacher = await join(world.browsers.teacher, spaceId);
    const mover = await join(world.browsers.pupil, spaceId);
    const reader = await join(classmateBrowser, spaceId);
    const { card } = await postCard(teacher, spaceId, { title: 'À déplacer' });
    await nextEvent<WallCard>(reader, 'wall:card', (seen) => seen.id === card.id, WINDOW_MS + 5_000);
    const received = frames(reader);

    const moved: WallCard[] = [];
    for (const order of [3, 1, 2]) moved.push((await must<{ card: WallCard }>(mover, 'wall:card:move', { spaceId, cardId: card.id, sectionId: 'questions', order })).card);
    const last = nextEvent<WallCard>(reader, 'wall:card', (seen) => seen.id === card.id && seen.seq === moved[2]!.seq, WINDOW_MS + 5_000);
    await last;

    const aboutCard = received.filter((frame) => cardsOf(frame).includes(card.id));
    expect(aboutCard.map((frame) => frame.event)).toEqual(['wall:changes']);
    const changes = aboutCard[0]!.data as WallChange[];
    expect(changes.map((change) => change.event)).toEqual(['wall:card', 'wall:card', 'wall:card']);
    expect(changes.map((change) => (change.data as WallCard).order)).toEqual([3, 1, 2]);
    expect(changes.map((change) => change.data.seq)).toEqual(moved.map((change) => change.seq));
  });

  it('a pupil moderator revoked gets what was queued for the moderators before being told, and nothing queued for them after', async () => {
    const spaceId = (await createWall(world.browsers.teacher, world.classId, { preModeration: true })).id;
    await designateModerator(world, spaceId);
    const teacher = await join(world.browsers.teacher, spaceId);
    const author = await join(world.browsers.pupil, spaceId);
    const moderator = await join(world.browsers.pupilModerator, spaceId);
    const heard: string[] = [];
    moderator.on('wall:card', (card: WallCard) => heard.push(card.title));
    moderator.on('space:updated', () => heard.push('space:updated'));
    moderator.on('rights:changed', () => heard.push('rights:changed'));
    const told = [nextEvent(moderator, 'space:updated', () => true, WINDOW_MS + 5_000), nextEvent(moderator, 'rights:changed', () => true, WINDOW_MS + 5_000)];

    // Queued for the moderators (the pupil moderator among them), then the pupil is revoked within the window.
    const { card: pending } = await postCard(author, spaceId, { title: 'En attente avant la révocation' });
    expect(pending.status).toBe('pending');
    expect((await world.browsers.teacher.send('DELETE', `/api/spaces/${spaceId}/moderators/${world.ids.pupilModerator}`)).status).toBe(200);
    await Promise.all(told);
    const toldAt = Math.min(heard.indexOf('space:updated'), heard.indexOf('rights:changed'));
    expect(heard.indexOf('En attente avant la révocation')).toBeGreaterThanOrEqual(0);
    expect(heard.indexOf('En attente avant la révocation')).toBeLessThan(toldAt);

    // After the revocation: pending work skips them (a published card from the teacher is the barrier).
    await postCard(author, spaceId, { title: 'En attente après la révocation' });
    const barrier = nextEvent<WallCard>(moderator, 'wall:card', (card) => card.title === 'Barrière', WINDOW_MS + 5_000);
    await postCard(teacher, spaceId, { title: 'Barrière' });
    await barrier;
    expect(heard.filter((title) => title.startsWith('En attente'))).toEqual(['En attente avant la révocation']);
  });

  it('a pupil muted gets what was queued before the mute before being told their rights changed', async () => {
    const spaceId = (await createWall(world.browsers.teacher, world.classId)).id;
    const teacher = await join(world.browsers.teacher, spaceId);
    const pupil = await join(world.browsers.pupil, spaceId);
    const { card: theirs } = await postCard(pupil, spaceId, { title: 'Carte de la classe' });
    await nextEvent<WallCard>(teacher, 'wall:card', (card) => card.id === theirs.id, WINDOW_MS + 5_000);
    const heard: string[] = [];
    pupil.on('wall:card', (card: WallCard) => heard.push(card.title));
    pupil.on('rights:changed', () => heard.push('rights:changed'));
    const told = nextEvent(pupil, 'rights:changed', () => true, WINDOW_MS + 5_000);

    await postCard(teacher, spaceId, { title: 'Avant la sourdine' });
    await must<{ item: ModeratedItemView }>(teacher, 'moderation:act', { kind: 'wallCard', itemId: theirs.id, spaceId, action: 'mute', reasonCode: 'spam', version: 1, durationMinutes: 5 });
    await told;
    expect(heard.indexOf('Avant la sourdine')).toBeGreaterThanOrEqual(0);
    expect(heard.indexOf('Avant la sourdine')).toBeLessThan(heard.indexOf('rights:changed'));
  });
});
