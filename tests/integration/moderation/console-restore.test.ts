/**
 * The console shows an item as its space shows it (title, rich text, file) with who reported it, and a restore
 * needs no reason code: an optional free comment, audited as the restore's reason.
 */
import sharp from 'sharp';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModeratedItemView, ReportView } from '../../../shared/moderation/types';
import type { UploadedFile } from '../../../shared/wall/types';
import { designateModerator, personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { openSocket, signedIn } from '../../helpers/sockets';
import { ask, auditEntries, createWall, doc, joinWall, must, nextEvent, postCard, upload } from '../wall/support';

describe('the console shows content as the space does; restore without a reason code', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let spaceId: string;
  const sockets: Socket[] = [];
  let author: Socket, classmate: Socket, teacherConsole: Socket, pupilConsole: Socket;

  beforeAll(async () => {
    server = await startServer();
    world = await personaWorld(server);
    spaceId = (await createWall(world.browsers.teacher, world.classId, {})).id;
    await designateModerator(world, spaceId);
    author = await joinWall(server, world.browsers.pupil, spaceId);
    classmate = await joinWall(server, await signedIn(server, 'chloe.nguyen'), spaceId);
    teacherConsole = await openSocket(server, world.browsers.teacher);
    pupilConsole = await openSocket(server, world.browsers.pupilModerator);
    sockets.push(author, classmate, teacherConsole, pupilConsole);
    await must(teacherConsole, 'moderation:join', { scope: { kind: 'class', classId: world.classId } });
    await must(pupilConsole, 'moderation:join', { scope: { kind: 'space', spaceId } });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server?.stop();
    server?.cleanup();
  });

  it('an image card: the console gets its title, rich text and file, and its reporter (for the teacher only)', async () => {
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3366cc' } }).png().toBuffer();
    const file = (await upload(world.browsers.pupil, spaceId, png, 'dauphin.png', 'image/png')).body as UploadedFile;
    const streamed = nextEvent<ModeratedItemView>(teacherConsole, 'moderation:item', (item) => item.kind === 'wallCard' && item.excerpt.startsWith('Le requin'));
    const { card } = await must<{ card: { id: string } }>(author, 'wall:card:create', { spaceId, title: 'Le requin', body: doc('Il a de grandes dents'), attachmentId: file.blobId });
    expect((await streamed).display).toEqual({
      title: 'Le requin',
      body: doc('Il a de grandes dents'),
      text: null,
      link: null,
      attachment: { blobId: file.blobId, kind: 'image', name: 'dauphin.png', size: file.size, hasThumb: file.hasThumb },
    });

    const forTeacher = nextEvent<ReportView>(teacherConsole, 'moderation:report', (report) => report.itemId === card.id);
    const forPupil = nextEvent<ReportView>(pupilConsole, 'moderation:report', (report) => report.itemId === card.id);
    await must(classmate, 'report:create', { kind: 'wallCard', itemId: card.id, spaceId, category: 'autre', text: 'Ce n’est pas un requin' });
    expect(await forTeacher).toMatchObject({ reporterName: 'Chloé Nguyen', category: 'autre', text: 'Ce n’est pas un requin', item: { display: { title: 'Le requin' } } });
    // A pupil moderator acts on the content without learning which classmate reported it.
    expect(await forPupil).toMatchObject({ reporterName: null, item: { display: { title: 'Le requin' } } });
  });

  it('a hidden card is restored with no reason code, with or without a comment; other actions still need one', async () => {
    const { card } = await postCard(author, spaceId, { title: 'Mon dessin', body: doc('un chat') });
    const act = (payload: Record<string, unknown>) => ask<{ item: ModeratedItemView }>(teacherConsole, 'moderation:act', { kind: 'wallCard', itemId: card.id, spaceId, ...payload });

    expect(await act({ action: 'hide', version: 1 })).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect(await act({ action: 'hide', reasonCode: 'insulte', version: 1 })).toMatchObject({ ok: true, data: { item: { state: 'hidden', actions: expect.arrayContaining(['restore']) as unknown } } });
    const restored = await act({ action: 'restore', comment: 'Je me suis trompée : ce dessin est correct.', version: 2 });
    expect(restored).toMatchObject({ ok: true, data: { item: { state: 'visible', version: 3 } } });
    if (restored.ok) expect(restored.data.item.actions).not.toContain('restore');
    const entries = (await auditEntries(world.browsers.director, 'moderation.restore')).filter((entry) => entry.target.id === card.id);
    expect(entries).toMatchObject([{ status: 'success', reason: 'Je me suis trompée : ce dessin est correct.', actor: { userId: world.ids.teacher } }]);

    expect(await act({ action: 'hide', reasonCode: 'hors_sujet', version: 3 })).toMatchObject({ ok: true });
    expect(await act({ action: 'restore', version: 4 })).toMatchObject({ ok: true, data: { item: { state: 'visible', version: 5 } } });
    expect((await auditEntries(world.browsers.director, 'moderation.restore')).filter((entry) => entry.target.id === card.id)).toHaveLength(2);
  });
});
