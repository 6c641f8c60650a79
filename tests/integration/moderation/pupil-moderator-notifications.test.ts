/**
 * A pupil moderator is asked to review only what they may read and approve: a classmate's first publication, never
 * a card the personal-information guard holds (a classmate's phone number) nor one a teacher hid. The teacher is
 * asked about all of them.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { ModeratedItemView } from '../../../shared/moderation/types';
import type { WallCard } from '../../../shared/wall/types';
import { designateModerator } from '../../helpers/personas';
import { centre, createWall, eventually, liveTabs, must, PATIENCE_MS, useNotificationWorld } from '../notifications/support';
import { joinWall } from '../wall/support';

describe('review notifications of a pupil moderator', () => {
  const { server, world } = useNotificationWorld();
  const sockets: Socket[] = [];
  afterAll(() => {
    for (const socket of sockets) socket.close();
  });

  it('told of a first publication to approve; never of personal information held or a card a teacher hid', async () => {
    const w = world();
    const openWall = (await createWall(w.browsers.teacher, w.classId)).id;
    const reviewedWall = (await createWall(w.browsers.teacher, w.classId, { preModeration: true })).id;
    await designateModerator(w, openWall);
    await designateModerator(w, reviewedWall);
    const [teacher, moderator] = await liveTabs(server(), [w.browsers.teacher, w.browsers.pupilModerator] as const);
    const author = await joinWall(server(), w.browsers.pupil, openWall);
    const reviewedAuthor = await joinWall(server(), w.browsers.pupil, reviewedWall);
    const teacherWall = await joinWall(server(), w.browsers.teacher, openWall);
    sockets.push(teacher.socket, moderator.socket, author, reviewedAuthor, teacherWall);

    const { card: held } = await must<{ card: WallCard }>(author, 'wall:card:create', { spaceId: openWall, title: 'Mon numéro : 06 12 34 56 78' });
    expect(held.status).toBe('pending');
    const { card: mocking } = await must<{ card: WallCard }>(author, 'wall:card:create', { spaceId: openWall, title: 'Une moquerie' });
    expect(await must<{ item: ModeratedItemView }>(teacherWall, 'moderation:act', { kind: 'wallCard', itemId: mocking.id, spaceId: openWall, action: 'hide', reasonCode: 'moquerie', version: 1 })).toMatchObject({ item: { state: 'hidden' } });
    await eventually(() => teacher.popped.some((n) => n.kind === 'toReview' && n.target?.itemId === held.id), 'the teacher is told the held card waits', PATIENCE_MS);

    // A first publication on the pre-moderated wall: the pupil moderator is asked (a barrier for what came before).
    const { card: first } = await must<{ card: WallCard }>(reviewedAuthor, 'wall:card:create', { spaceId: reviewedWall, title: 'Mon dessin' });
    await eventually(() => moderator.popped.some((n) => n.kind === 'toReview' && n.target?.itemId === first.id), 'the pupil moderator is told of a first publication', PATIENCE_MS);

    const told = [...moderator.popped, ...(await centre(w.browsers.pupilModerator)).notifications];
    expect(told.filter((n) => n.target?.itemId === held.id || n.target?.itemId === mocking.id)).toEqual([]);
    expect(JSON.stringify(told)).not.toContain('06 12 34 56 78');
  });
});
