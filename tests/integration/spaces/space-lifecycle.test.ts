/**
 * Managing spaces (issue 19, Deliver 3): archive (read-only for everyone, still read by its members, live),
 * delete to the bin (invisible to members, listed and restored by its teachers), the purge of the bin after
 * `SPACE_BIN_RETENTION_DAYS` (the server's calendar moved through CLOCK_FILE, never waited for) with every item
 * and file of the space, and co-teaching (a colleague co-owner runs the space, and is put out live once removed).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SPACE_BIN_RETENTION_DAYS } from '../../../shared/spaces/limits';
import type { SpaceView } from '../../../shared/spaces/types';
import type { UploadedFile, WallSyncResult } from '../../../shared/wall/types';
import { usePersonaWorld } from '../../helpers/personas';
import { openSocket } from '../../helpers/sockets';
import { storedBlob } from '../../helpers/store';
import { png } from '../../fixtures/wall/images';
import { emit, inRoom, newRoom, send } from '../chat/support';
import { createTopic, following, newForum, storedDocuments } from '../forum/support';
import { connectPad, createPad, eventually, serverText, typeText } from '../pad/support';
import { ask, auditEntries, createWall, doc, joinWall, must, nextEvent, postCard, upload } from '../wall/support';

const PATIENCE_MS = 20_000;
const DAY_MS = 86_400_000;
const JOB_INTERVAL_MS = 300;

describe('managing spaces: archive, bin, purge, co-teaching', () => {
  const clockFile = join(mkdtempSync(join(tmpdir(), 'preau-clock-')), 'now');
  const { server, world } = usePersonaWorld({
    env: { CLOCK_FILE: clockFile, EVIDENCE_PURGE_INTERVAL_MS: String(JOB_INTERVAL_MS), RATE_LIMITS: JSON.stringify({ chatWrite: { points: 100_000, durationSeconds: 60 }, forumWrite: { points: 100_000, durationSeconds: 60 } }) },
  });
  const archive = (spaceId: string, archived: boolean) => world().browsers.teacher.post<SpaceView>(`/api/spaces/${spaceId}/archive`, { archived });

  it('archives a wall, a forum, a chat and a pad: read-only for everyone at once, still read by members, until unarchived', async () => {
    const { browsers, classId } = world();
    const wallId = (await createWall(browsers.teacher, classId)).id;
    const forumId = await newForum(browsers.teacher, classId);
    const roomId = await newRoom(browsers.teacher, classId);
    const pad = await createPad(browsers.teacher, classId);

    const wall = await joinWall(server(), browsers.pupil, wallId);
    const teacherWall = await joinWall(server(), browsers.teacher, wallId);
    const forum = await following(server(), browsers.pupil, forumId);
    const { socket: chat } = await inRoom(server(), browsers.pupil, roomId);
    const pupilPad = connectPad(server(), browsers.pupil, pad.id);
    const teacherPad = connectPad(server(), browsers.teacher, pad.id);
    try {
      await Promise.all([pupilPad.synced(), teacherPad.synced()]);
      await eventually(() => pupilPad.access()?.mode === 'write', 'the pupil writes in the pad', PATIENCE_MS);
      await postCard(wall, wallId);

      const live = nextEvent<SpaceView>(wall, 'space:updated', (space) => space.id === wallId && space.archived, PATIENCE_MS);
      for (const id of [wallId, forumId, roomId, pad.id]) {
        const answer = await archive(id, true);
        expect(answer.status, id).toBe(200);
        expect(answer.body).toMatchObject({ archived: true, rights: { read: true, write: false, comment: false, configure: true } });
      }
      // The open page turns read-only without a reload.
      expect((await live).rights).toMatchObject({ read: true, write: false, comment: false });

      // Nobody contributes: the pupil, and the teacher either (a card), on every path.
      for (const socket of [wall, teacherWall]) {
        expect(await ask(socket, 'wall:card:create', { spaceId: wallId, title: 'Refusée', body: doc('Non') })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      }
      expect(await emit(forum, 'forum:createTopic', { forumId, key: crypto.randomUUID(), title: 'Refusé', body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'non' }] }] } })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await emit(chat, 'chat:send', { roomId, key: crypto.randomUUID(), body: 'refusé' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      await eventually(() => pupilPad.access()?.mode === 'read' && teacherPad.access()?.mode === 'read', 'the pad is read-only for everyone', PATIENCE_MS);
      typeText(pupilPad.doc, 'écrit pendant l’archivage');
      await eventually(() => pupilPad.refusals.length > 0, 'the pupil’s update is refused', PATIENCE_MS);
      expect(await serverText(server(), browsers.teacher, pad.id)).not.toContain('archivage');

      // Members still read, and see it archived in their list.
      const read = await browsers.pupil.get<SpaceView>(`/api/spaces/${wallId}`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ archived: true, rights: { read: true, write: false } });
      expect((await browsers.parent.get<SpaceView[]>('/api/spaces')).body.find((space) => space.id === forumId)).toMatchObject({ archived: true });
      expect((await must<WallSyncResult>(wall, 'wall:sync', { spaceId: wallId, sinceSeq: 0 })).cards).toHaveLength(1);

      // Only those who configure it archive it; the teacher unarchives, and writing comes back.
      expect((await browsers.pupil.post(`/api/spaces/${wallId}/archive`, { archived: false })).status).toBe(403);
      expect((await archive(wallId, false)).body).toMatchObject({ archived: false, rights: { write: true } });
      await postCard(wall, wallId);
      const archived = await auditEntries(browsers.director, 'space.archived');
      expect(archived.filter((entry) => [wallId, forumId, roomId, pad.id].includes(entry.target.id ?? ''))).toHaveLength(4);
      expect((await auditEntries(browsers.director, 'space.unarchived')).some((entry) => entry.target.id === wallId)).toBe(true);
    } finally {
      for (const socket of [wall, teacherWall, forum, chat]) socket.close();
      pupilPad.destroy();
      teacherPad.destroy();
    }
  });

  it('an archived wall closed to pupils takes no card from its teacher either, nor any arranging, until unarchived', async () => {
    const { browsers, classId } = world();
    const wallId = (await createWall(browsers.teacher, classId, { whoCanPost: 'closed' })).id;
    const teacher = await joinWall(server(), browsers.teacher, wallId);
    try {
      const { card } = await postCard(teacher, wallId);
      expect((await archive(wallId, true)).status).toBe(200);
      expect(await ask(teacher, 'wall:card:create', { spaceId: wallId, title: 'Refusée', body: doc('Non') })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await ask(teacher, 'wall:card:move', { spaceId: wallId, cardId: card.id, sectionId: 'questions', order: 1 })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect((await browsers.teacher.get(`/api/spaces/${wallId}`)).body).toMatchObject({ archived: true, rights: { configure: true, write: false } });
      expect((await archive(wallId, false)).status).toBe(200);
      await postCard(teacher, wallId);
    } finally {
      teacher.close();
    }
  });

  it('deletes to the bin: gone for members, listed for its teacher, restored with its content', async () => {
    const { browsers, classId } = world();
    const wallId = (await createWall(browsers.teacher, classId)).id;
    const pupil = await joinWall(server(), browsers.pupil, wallId);
    try {
      await postCard(pupil, wallId);
      const putOut = nextEvent(pupil, 'rights:changed', () => true, PATIENCE_MS);
      expect((await browsers.pupil.send('DELETE', `/api/spaces/${wallId}`)).status).toBe(403);
      expect((await browsers.teacher.send('DELETE', `/api/spaces/${wallId}`)).status).toBe(200);
      await putOut;

      expect((await browsers.pupil.get(`/api/spaces/${wallId}`)).status).toBe(404);
      expect((await browsers.pupil.get<SpaceView[]>('/api/spaces')).body.some((space) => space.id === wallId)).toBe(false);
      expect(await ask(pupil, 'space:join', { spaceId: wallId })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
      const bin = await browsers.teacher.get<SpaceView[]>('/api/spaces/bin');
      expect(bin.body.find((space) => space.id === wallId)).toMatchObject({ deletedAt: expect.any(Number) });
      expect((await browsers.pupil.get<SpaceView[]>('/api/spaces/bin')).body).toEqual([]);
      expect((await browsers.teacherOtherClass.get<SpaceView[]>('/api/spaces/bin')).body.some((space) => space.id === wallId)).toBe(false);
      expect((await browsers.director.get<SpaceView[]>('/api/spaces/bin')).body.some((space) => space.id === wallId)).toBe(true);

      expect((await browsers.pupil.post(`/api/spaces/${wallId}/restore`)).status).toBe(403);
      expect((await browsers.teacher.post(`/api/spaces/${wallId}/restore`)).status).toBe(200);
      expect((await browsers.pupil.get(`/api/spaces/${wallId}`)).status).toBe(200);
      await must(pupil, 'space:join', { spaceId: wallId });
      expect((await must<WallSyncResult>(pupil, 'wall:sync', { spaceId: wallId, sinceSeq: 0 })).cards).toHaveLength(1);
      expect((await auditEntries(browsers.director, 'space.deleted')).some((entry) => entry.target.id === wallId)).toBe(true);
      expect((await auditEntries(browsers.director, 'space.restored')).some((entry) => entry.target.id === wallId)).toBe(true);
    } finally {
      pupil.close();
    }
  });

  it('co-teaching: a colleague added as co-owner runs the space, and is put out live once removed', async () => {
    const { browsers, classId, ids } = world();
    const wallId = (await createWall(browsers.teacher, classId)).id;
    const colleague = browsers.teacherOtherClass;
    expect((await colleague.get(`/api/spaces/${wallId}`)).status).toBe(403);
    expect((await browsers.teacher.post(`/api/spaces/${wallId}/co-owners`, { userId: ids.pupil })).status).toBe(400);
    expect((await browsers.teacher.post(`/api/spaces/${wallId}/co-owners`, { userId: ids.parent })).status).toBe(400);
    const colleagues = await browsers.teacher.get<{ id: string; displayName: string }[]>(`/api/spaces/${wallId}/colleagues`);
    expect(colleagues.body.map((teacher) => teacher.id)).toContain(ids.teacherOtherClass);
    expect(colleagues.body.map((teacher) => teacher.id)).not.toContain(ids.pupil);

    const added = await browsers.teacher.post<SpaceView>(`/api/spaces/${wallId}/co-owners`, { userId: ids.teacherOtherClass });
    expect(added.status).toBe(200);
    expect(added.body.coOwnerIds).toEqual([ids.teacherOtherClass]);
    const seen = await colleague.get<SpaceView>(`/api/spaces/${wallId}`);
    expect(seen.body.rights).toEqual({ read: true, comment: true, write: true, moderate: true, configure: true });
    expect((await colleague.get<SpaceView[]>('/api/spaces')).body.some((space) => space.id === wallId)).toBe(true);
    expect((await colleague.send('PATCH', `/api/spaces/${wallId}`, { title: 'Mur partagé', version: seen.body.version })).status).toBe(200);
    expect((await colleague.post(`/api/spaces/${wallId}/moderators`, { userId: ids.pupilModerator })).status).toBe(200);

    // Archived, the space is no longer run by its co-owner (last year's, a colleague of another class): they only read it,
    // and its co-owners stay as they are until it is unarchived.
    expect((await archive(wallId, true)).status).toBe(200);
    const readOnly = await colleague.get<SpaceView>(`/api/spaces/${wallId}`);
    expect(readOnly.status).toBe(200);
    expect(readOnly.body.rights).toEqual({ read: true, comment: false, write: false, moderate: false, configure: false });
    expect((await colleague.get(`/api/walls/${wallId}/export`)).status).toBe(403);
    expect((await colleague.send('DELETE', `/api/spaces/${wallId}`)).status).toBe(403);
    expect((await colleague.post(`/api/spaces/${wallId}/duplicate`, { content: true })).status).toBe(403);
    const removedArchived = await browsers.teacher.send<{ error?: { message?: string } }>('DELETE', `/api/spaces/${wallId}/co-owners/${ids.teacherOtherClass}`);
    expect(removedArchived.status).toBe(409);
    expect(JSON.stringify(removedArchived.body)).toContain('archivé');
    expect((await browsers.teacher.post(`/api/spaces/${wallId}/co-owners`, { userId: ids.teacher })).status).toBe(409);
    expect((await archive(wallId, false)).status).toBe(200);
    expect((await colleague.get<SpaceView>(`/api/spaces/${wallId}`)).body.rights).toMatchObject({ configure: true });

    const socket = await joinWall(server(), colleague, wallId);
    const moderation = await openSocket(server(), colleague);
    try {
      await postCard(socket, wallId);
      const putOut = nextEvent(socket, 'rights:changed', () => true, PATIENCE_MS);
      expect((await browsers.teacher.send<SpaceView>('DELETE', `/api/spaces/${wallId}/co-owners/${ids.teacherOtherClass}`)).body.coOwnerIds).toEqual([]);
      await putOut;
      expect(await ask(socket, 'wall:card:create', { spaceId: wallId, title: 'Refusée', body: doc('Non') })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect((await colleague.get(`/api/spaces/${wallId}`)).status).toBe(403);
      expect((await auditEntries(browsers.director, 'space.co_owner_added')).some((entry) => entry.target.id === ids.teacherOtherClass)).toBe(true);
      expect((await auditEntries(browsers.director, 'space.co_owner_removed')).some((entry) => entry.target.id === ids.teacherOtherClass)).toBe(true);
    } finally {
      socket.close();
      moderation.close();
    }
  });

  it(`purges what stayed ${SPACE_BIN_RETENTION_DAYS} days in the bin, with its items and files, once, audited`, async () => {
    const { browsers, classId } = world();
    const wallId = (await createWall(browsers.teacher, classId)).id;
    const forumId = await newForum(browsers.teacher, classId);
    const roomId = await newRoom(browsers.teacher, classId);
    const pad = await createPad(browsers.teacher, classId);
    const kept = (await createWall(browsers.teacher, classId)).id;

    const wall = await joinWall(server(), browsers.pupil, wallId);
    const forum = await following(server(), browsers.pupil, forumId);
    const { socket: chat } = await inRoom(server(), browsers.pupil, roomId);
    const teacherPad = connectPad(server(), browsers.teacher, pad.id);
    let blobId: string;
    try {
      const file = (await upload(browsers.pupil, wallId, await png(), 'dessin.png', 'image/png')).body as UploadedFile;
      blobId = file.blobId;
      const { card } = await must<{ card: { id: string } }>(wall, 'wall:card:create', { spaceId: wallId, title: 'Mon dessin', attachmentId: blobId });
      await must(wall, 'wall:comment:create', { spaceId: wallId, cardId: card.id, text: 'Bravo' });
      await createTopic(forum, forumId, 'Les volcans', 'Qui a vu un volcan ?');
      await send(chat, roomId, 'Bonjour la classe');
      await teacherPad.synced();
      typeText(teacherPad.doc, 'Le texte du pad');
      await eventually(async () => (await serverText(server(), browsers.teacher, pad.id)).includes('Le texte du pad'), 'the pad is stored', PATIENCE_MS);
    } finally {
      for (const socket of [wall, forum, chat]) socket.close();
      teacherPad.destroy();
    }
    expect(await storedBlob(server().dataDir, blobId)).not.toBeNull();
    const binned = [wallId, forumId, roomId, pad.id];
    for (const id of binned) expect((await browsers.teacher.send('DELETE', `/api/spaces/${id}`)).status, id).toBe(200);

    // Not yet: a day before the retention ends, the job leaves them in the bin.
    writeFileSync(clockFile, String(Date.now() + (SPACE_BIN_RETENTION_DAYS - 1) * DAY_MS));
    const runs = () => server().output().split('\n').filter((line) => line.includes('"job":"spaces.purge"') && line.includes('job ran')).length;
    const seen = runs();
    await eventually(() => runs() >= seen + 2, 'the purge job ran twice', PATIENCE_MS);
    expect((await browsers.teacher.get<SpaceView[]>('/api/spaces/bin')).body.filter((space) => binned.includes(space.id))).toHaveLength(4);

    writeFileSync(clockFile, String(Date.now() + (SPACE_BIN_RETENTION_DAYS + 1) * DAY_MS));
    await eventually(async () => (await browsers.teacher.get<SpaceView[]>('/api/spaces/bin')).body.every((space) => !binned.includes(space.id)), 'the bin is purged', PATIENCE_MS);
    const purged = async () => (await auditEntries(browsers.director, 'space.purged')).filter((entry) => binned.includes(entry.target.id ?? ''));
    expect(await purged()).toHaveLength(4);
    expect((await purged()).every((entry) => entry.actor.userId === null)).toBe(true);

    expect(await storedBlob(server().dataDir, blobId)).toBeNull();
    const left = async (collection: string, field: string, ids: string[]) => (await storedDocuments(server(), collection)).filter((doc) => ids.includes(String(doc[field])));
    expect(await left('spaces', '_id', binned)).toEqual([]);
    expect(await left('wall_cards', 'spaceId', [wallId])).toEqual([]);
    expect(await left('wall_comments', 'spaceId', [wallId])).toEqual([]);
    expect(await left('blobs', 'spaceId', [wallId])).toEqual([]);
    expect(await left('forum_topics', 'forumId', [forumId])).toEqual([]);
    expect(await left('forum_posts', 'forumId', [forumId])).toEqual([]);
    expect(await left('chat_messages', 'roomId', [roomId])).toEqual([]);
    expect(await left('pad_updates', 'doc', [`pad:${pad.id}`])).toEqual([]);
    expect(await left('pad_snapshots', 'spaceId', [pad.id])).toEqual([]);
    // What was not in the bin is untouched.
    expect((await browsers.teacher.get(`/api/spaces/${kept}`)).status).toBe(200);

    // Idempotent: later runs find nothing more to do.
    const after = runs();
    await eventually(() => runs() >= after + 2, 'the purge job ran twice more', PATIENCE_MS);
    expect(await purged()).toHaveLength(4);
  });
});

describe('the bin: a space whose time is over belongs to the purge', () => {
  const clockFile = join(mkdtempSync(join(tmpdir(), 'preau-clock-')), 'now');
  // The purge job waits its hour: the space stays in the bin, expired, while its teacher tries to restore it.
  const { world } = usePersonaWorld({ env: { CLOCK_FILE: clockFile } });

  it('refuses to restore a space deleted more than the retention ago (a restore racing the purge would bring back a wall without files)', async () => {
    const { browsers, classId } = world();
    const wallId = (await createWall(browsers.teacher, classId)).id;
    writeFileSync(clockFile, String(Date.now()));
    expect((await browsers.teacher.send('DELETE', `/api/spaces/${wallId}`)).status).toBe(200);
    writeFileSync(clockFile, String(Date.now() + (SPACE_BIN_RETENTION_DAYS + 1) * DAY_MS));
    const late = await browsers.teacher.post(`/api/spaces/${wallId}/restore`);
    expect(late.status).toBe(409);
    expect(JSON.stringify(late.body)).toContain('corbeille');
    expect((await browsers.teacher.get<SpaceView[]>('/api/spaces/bin')).body.some((space) => space.id === wallId)).toBe(true);
  });
});
