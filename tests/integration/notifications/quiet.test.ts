import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { Availability, NotificationView, SchoolNotificationSettings } from '../../../shared/notifications/types';
import type { WallCard } from '../../../shared/wall/types';
import { usePersonaWorld } from '../../helpers/personas';
import type { TestServer } from '../../helpers/server';
import { joinWall } from '../wall/support';
import { centre, createWall, eventually, liveTab, must, PATIENCE_MS } from './support';

const utc = (iso: string): number => Date.parse(`${iso}Z`);
const clockFile = join(mkdtempSync(join(tmpdir(), 'preau-quiet-clock-')), 'now');
/** Moves the server's calendar (CLOCK_FILE): read at each use, never waited for. */
const setClock = (instant: number): void => writeFileSync(clockFile, String(instant));
// Tuesday 8 December 2026, 21:00 in Paris: the teacher (staff: 19:00–07:30 and weekends by default) is quiet.
setClock(utc('2026-12-08T20:00'));

/** How many times the release job ran so far (its « job ran » log lines). */
const releaseRuns = (server: TestServer): number => server.output().match(/"job":"notifications\.release"[^\n]*"msg":"job ran"/g)?.length ?? 0;

/** Waits until the release job has run `runs` more times: what it would have released by then, it has. */
async function afterReleaseRuns(server: TestServer, runs = 3): Promise<void> {
  const target = releaseRuns(server) + runs;
  await eventually(() => releaseRuns(server) >= target, `${runs} more runs of the release job`, PATIENCE_MS);
}

const summaries = (popped: readonly NotificationView[]) => popped.filter((notification) => notification.kind === 'quietSummary');

describe('quiet hours', () => {
  const { server, world } = usePersonaWorld({ env: { CLOCK_FILE: clockFile, NOTIFICATION_RELEASE_INTERVAL_MS: '200' } });
  const sockets: Socket[] = [];
  afterAll(() => {
    for (const socket of sockets) socket.close();
  });

  it('hold a teacher’s notifications in the evening (nothing pops, the centre counts them) and deliver ONE summary when they end', async () => {
    const { browsers, classId, ids } = world();
    const spaceId = (await createWall(browsers.teacher, classId)).id;
    const [teacher, parent] = await Promise.all([liveTab(server(), browsers.teacher), liveTab(server(), browsers.parent)]);
    const author = await joinWall(server(), browsers.pupil, spaceId);
    sockets.push(teacher.socket, parent.socket, author);

    // She keeps comments for her daily summary: held too, but not told by the quiet-hours summary.
    const digest = { kinds: { newComment: 'digest' }, spaces: {}, quietHours: null, email: 'off', emailAddress: null, emailUrgent: false };
    expect((await browsers.teacher.send('PUT', '/api/notifications/preferences', digest)).status).toBe(200);
    for (const title of ['Le chat', 'Le chien']) await must<{ card: WallCard }>(author, 'wall:card:create', { spaceId, title });
    const { card } = await must<{ card: WallCard }>(author, 'wall:card:create', { spaceId, title: 'Le poisson' });
    await must(author, 'wall:comment:create', { spaceId, cardId: card.id, text: 'Il est rouge.' });
    // The parent has no quiet hours: all pop for her, so the batches that held the teacher's are done.
    await eventually(() => parent.popped.some((n) => n.kind === 'newCard' && n.target?.spaceId === spaceId && n.count === 3), 'the parent is told of the cards', PATIENCE_MS);
    await eventually(() => parent.popped.some((n) => n.kind === 'newComment' && n.target?.spaceId === spaceId), 'the parent is told of the comment', PATIENCE_MS);
    await eventually(async () => (await centre(browsers.teacher)).notifications.some((n) => n.kind === 'newComment'), 'the teacher’s comment is stored', PATIENCE_MS);
    expect(teacher.popped).toEqual([]);
    const evening = await centre(browsers.teacher);
    expect(evening.quietUntil).toBe(utc('2026-12-09T06:30'));
    expect(evening.notifications.filter((n) => n.kind === 'newCard' && n.target?.spaceId === spaceId)).toMatchObject([{ count: 3, read: false }]);
    expect(evening.unread).toBeGreaterThanOrEqual(1);

    // Whoever writes to her sees until when she is quiet; the parent receives notifications now; nobody unknown.
    const availability = await browsers.parent.get<Availability>(`/api/notifications/availability/${ids.teacher}`);
    expect(availability.body).toEqual({ userId: ids.teacher, quietUntil: utc('2026-12-09T06:30') });
    expect((await browsers.teacher.get<Availability>(`/api/notifications/availability/${ids.parent}`)).body).toEqual({ userId: ids.parent, quietUntil: null });
    expect((await browsers.teacher.get(`/api/notifications/availability/nobody`)).status).toBe(404);

    // 07:00 the next morning: still quiet, nothing released.
    setClock(utc('2026-12-09T06:00'));
    await afterReleaseRuns(server());
    expect(teacher.popped).toEqual([]);

    // 07:31: the quiet period is over; one summary arrives, once.
    setClock(utc('2026-12-09T06:31'));
    await eventually(() => summaries(teacher.popped).length > 0, 'the teacher gets the summary', PATIENCE_MS);
    await afterReleaseRuns(server());
    expect(summaries(teacher.popped)).toMatchObject([{ count: 1, read: false, target: null }]);
    expect(summaries(teacher.popped)[0]!.held).toEqual({ newCard: 1 });
    expect(teacher.popped.filter((n) => n.kind !== 'quietSummary')).toEqual([]);
    const morning = await centre(browsers.teacher);
    expect(morning.quietUntil).toBeNull();
    expect(morning.notifications.filter((n) => n.kind === 'newCard' && n.target?.spaceId === spaceId)).toMatchObject([{ count: 3, read: false }]);

    // Now a new card pops at once.
    await must<{ card: WallCard }>(author, 'wall:card:create', { spaceId, title: 'Le lapin' });
    await eventually(() => teacher.popped.some((n) => n.kind === 'newCard'), 'the teacher is told live in the morning', PATIENCE_MS);
  });

  it('end on the spring-forward night at 07:30 summer time (the director’s quiet hours for teachers, without weekends)', async () => {
    const { browsers, classId } = world();
    expect((await browsers.teacher.get('/api/notifications/school')).status).toBe(403);
    const settings = (await browsers.director.get<SchoolNotificationSettings>('/api/notifications/school')).body;
    expect(settings.quietHours.teacher).toEqual({ start: '19:00', end: '07:30', weekends: true });
    const nightsOnly: SchoolNotificationSettings = { ...settings, quietHours: { ...settings.quietHours, teacher: { start: '19:00', end: '07:30', weekends: false } } };
    expect((await browsers.teacher.send('PUT', '/api/notifications/school', nightsOnly)).status).toBe(403);
    expect((await browsers.director.send('PUT', '/api/notifications/school', nightsOnly)).status).toBe(200);
    expect((await browsers.director.get<SchoolNotificationSettings>('/api/notifications/school')).body.quietHours.teacher).toEqual({ start: '19:00', end: '07:30', weekends: false });
    const audited = await browsers.director.get<{ total: number; items: { event: string }[] }>('/api/audit?event=notifications.school_settings_changed');
    expect(audited.body).toMatchObject({ total: 1, items: [{ event: 'notifications.school_settings_changed' }] });

    // Saturday 28 March 2026, 22:00 in Paris (UTC+1); the clocks jump from 02:00 to 03:00 that night.
    setClock(utc('2026-03-28T21:00'));
    const spaceId = (await createWall(browsers.teacher, classId)).id;
    const [teacher, parent] = await Promise.all([liveTab(server(), browsers.teacher), liveTab(server(), browsers.parent)]);
    const author = await joinWall(server(), browsers.pupil, spaceId);
    sockets.push(teacher.socket, parent.socket, author);
    await must<{ card: WallCard }>(author, 'wall:card:create', { spaceId, title: 'Le printemps' });
    await eventually(() => parent.popped.some((n) => n.kind === 'newCard' && n.target?.spaceId === spaceId), 'the parent is told live', PATIENCE_MS);
    expect(teacher.popped).toEqual([]);
    // 07:30 summer time is 05:30 UTC (in winter time it would be 06:30).
    expect((await centre(browsers.teacher)).quietUntil).toBe(utc('2026-03-29T05:30'));

    // 07:15 summer time: still quiet.
    setClock(utc('2026-03-29T05:15'));
    await afterReleaseRuns(server());
    expect(teacher.popped).toEqual([]);
    // 07:31 summer time (06:31 by a winter clock): released.
    setClock(utc('2026-03-29T05:31'));
    await eventually(() => summaries(teacher.popped).length > 0, 'the teacher gets the summary at 07:30 summer time', PATIENCE_MS);
    expect(summaries(teacher.popped)).toMatchObject([{ held: { newCard: 1 } }]);
  });
});
