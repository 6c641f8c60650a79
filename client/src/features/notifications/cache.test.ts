import { describe, expect, it } from 'vitest';
import type { NotificationPage, NotificationView } from '../../../../shared/notifications/types';
import { applyChanged, applyNew, type NotificationPages } from './cache';
import { allNotifications, markAllRead, markOneRead } from './localCache';

const entry = (id: string, lastAt: number, read = false): NotificationView => ({
  id,
  kind: 'newCard',
  spaceTitle: 'Mur',
  target: null,
  count: 1,
  actorNames: [],
  childName: null,
  decision: null,
  held: null,
  firstAt: lastAt,
  lastAt,
  read,
});
const page = (notifications: NotificationView[], unread: number): NotificationPage => ({ notifications, unread, nextBefore: null, quietUntil: null });
const data = (...pages: NotificationPage[]): NotificationPages => ({ pages, pageParams: pages.map(() => undefined) });

describe('the centre’s pages follow the live events', () => {
  it('puts a new notification on top, and one that gathered another item moves up from wherever it was', () => {
    const before = data(page([entry('b', 20), entry('a', 10)], 2), page([entry('old', 5)], 0));
    const added = applyNew(before, { notification: entry('c', 30), unread: 3 });
    expect(allNotifications(added).map((item) => item.id)).toEqual(['c', 'b', 'a', 'old']);
    expect(added?.pages[0]?.unread).toBe(3);
    const gathered = applyNew(added, { notification: { ...entry('old', 40), count: 2 }, unread: 4 });
    expect(allNotifications(gathered).map((item) => [item.id, item.count])).toEqual([['old', 2], ['c', 1], ['b', 1], ['a', 1]]);
  });

  it('drops removed notifications, replaces changed ones, and takes the server’s unread count', () => {
    const before = data(page([entry('b', 20), entry('a', 10)], 2), page([entry('old', 5)], 0));
    const after = applyChanged(before, { removed: ['b', 'old'], changed: [{ ...entry('a', 10), read: true }, entry('unseen', 50)], unread: 0 });
    expect(allNotifications(after).map((item) => [item.id, item.read])).toEqual([['a', true]]);
    expect(after?.pages[0]?.unread).toBe(0);
  });

  it('marks one or all read at once, the count going down only for an unread one', () => {
    const before = data(page([entry('b', 20), entry('a', 10, true)], 1));
    expect(markOneRead(before, 'a')?.pages[0]?.unread).toBe(1);
    const one = markOneRead(before, 'b');
    expect(one?.pages[0]?.unread).toBe(0);
    expect(allNotifications(one).every((item) => item.read)).toBe(true);
    expect(markAllRead(data(page([entry('x', 1), entry('y', 2)], 2)))?.pages[0]?.unread).toBe(0);
  });

  it('leaves pages that are not loaded yet alone', () => {
    expect(applyNew(undefined, { notification: entry('c', 30), unread: 1 })).toBeUndefined();
  });
});
