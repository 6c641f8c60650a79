import { afterAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { WallCard } from '../../../shared/wall/types';
import type { GuardianshipDoc, MembershipDoc, SchoolDoc, UserDoc } from '../../../server/features/directory/model';
import { openTestStore } from '../../helpers/store';
import { joinWall } from '../wall/support';
import { createWall, eventually, mentions, must, PATIENCE_MS, useNotificationWorld } from './support';

describe('another school', () => {
  const { server, world } = useNotificationWorld();
  const sockets: Socket[] = [];
  afterAll(() => {
    for (const socket of sockets) socket.close();
  });

  it('hears nothing, even with records that point into this school (a guardianship of Léa, a membership of her class)', async () => {
    const { browsers, classId, ids } = world();
    const store = await openTestStore(server().dataDir);
    const other = 'ecole-voisine';
    const person = (id: string, profile: 'parent' | 'pupil' | 'director'): UserDoc => ({
      _id: id,
      schoolId: other,
      login: id,
      displayName: id,
      searchText: id,
      profiles: [profile],
      status: 'active',
      deletionDate: null,
      passwordHash: 'x',
      mustChangePassword: false,
      createdAt: 1,
      updatedAt: 1,
    });
    try {
      await store.collection<SchoolDoc>('schools').insertOne({ _id: other, name: 'École voisine', city: 'Reims', kind: 'ecole', createdAt: 1 });
      await store.collection<UserDoc>('users').insertMany([person('parent-voisin', 'parent'), person('eleve-voisin', 'pupil'), person('directrice-voisine', 'director')]);
      await store.collection<GuardianshipDoc>('guardianships').insertOne({ _id: 'lien-voisin', schoolId: other, parentId: 'parent-voisin', childId: ids.pupil });
      await store.collection<MembershipDoc>('memberships').insertOne({ _id: 'membre-voisin', schoolId: other, userId: 'eleve-voisin', kind: 'class', targetId: classId, role: 'pupil' });

      const spaceId = (await createWall(browsers.teacher, classId)).id;
      const author = await joinWall(server(), browsers.pupil, spaceId);
      sockets.push(author);
      const { card } = await must<{ card: WallCard }>(author, 'wall:card:create', { spaceId, title: 'Chez nous' });
      await eventually(() => mentions(browsers.parent, card.id), 'the school’s own parent is told', PATIENCE_MS);
      expect(await store.collection('notifications').find({ userId: { $in: ['parent-voisin', 'eleve-voisin', 'directrice-voisine'] } })).toEqual([]);
      expect(await store.collection('notifications').count({ schoolId: other })).toBe(0);
    } finally {
      await store.close();
    }
  });
});
