import { afterAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { WallCard } from '../../../shared/wall/types';
import { designateModerator } from '../../helpers/personas';
import { signedIn } from '../../helpers/sockets';
import { joinWall } from '../wall/support';
import { createWall, eventually, mentions, must, ofKind, PATIENCE_MS, useNotificationWorld } from './support';

describe('the centre asks again, at each read, what one may read now', () => {
  const { server, world } = useNotificationWorld();
  const sockets: Socket[] = [];
  afterAll(() => {
    for (const socket of sockets) socket.close();
  });

  it('a pupil moderator told of a pending card sees nothing of it once revoked, nor of the next one', async () => {
    const w = world();
    const { browsers, classId } = w;
    const spaceId = (await createWall(browsers.teacher, classId, { preModeration: true })).id;
    await designateModerator(w, spaceId);
    const author = await joinWall(server(), await signedIn(server(), 'chloe.nguyen'), spaceId);
    sockets.push(author);
    const { card } = await must<{ card: WallCard }>(author, 'wall:card:create', { spaceId, title: 'À relire' });
    await eventually(() => mentions(browsers.pupilModerator, card.id), 'the designated pupil is told the card waits', PATIENCE_MS);

    expect((await browsers.teacher.send('DELETE', `/api/spaces/${spaceId}/moderators/${w.ids.pupilModerator}`)).status).toBe(200);
    expect(await ofKind(browsers.pupilModerator, 'toReview')).toEqual([]);
    const { card: next } = await must<{ card: WallCard }>(author, 'wall:card:create', { spaceId, title: 'Encore une' });
    await eventually(() => mentions(browsers.teacher, next.id), 'the teacher is told of the next one', PATIENCE_MS);
    expect(await mentions(browsers.pupilModerator, next.id)).toBe(false);
  });
});
