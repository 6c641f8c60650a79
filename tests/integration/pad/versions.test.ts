import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthorIndex, authoredRuns, padTextRuns } from '../../../shared/pad/authorship';
import type { PadAuthorship, PadVersionPreview, PadVersionSummary, RestoreResult } from '../../../shared/pad/types';
import type { SpaceSummary } from '../../../shared/spaces/types';
import { designateModerator, personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { addParagraph, connectPad, createPad, eventually, serverText, type PadClient } from './support';

describe('pad: versions (named, automatic, preview, restore)', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let pad: SpaceSummary;
  let pupil: PadClient;
  let parent: PadClient;

  beforeAll(async () => {
    server = await startServer();
    world = await personaWorld(server);
    pad = await createPad(world.browsers.teacher, world.classId);
    await designateModerator(world, pad.id);
    pupil = connectPad(server, world.browsers.pupil, pad.id);
    parent = connectPad(server, world.browsers.parent, pad.id);
    await Promise.all([pupil.synced(), parent.synced()]);
  });
  afterAll(async () => {
    pupil?.destroy();
    parent?.destroy();
    await server?.stop();
    server?.cleanup();
  });

  const versions = async () => (await world.browsers.parent.get<PadVersionSummary[]>(`/api/pads/${pad.id}/versions`)).body;

  it('keeps named versions by the teacher and the director (not a pupil moderator), lists them and previews them read-only', async () => {
    addParagraph(pupil.doc, 'Premier jet de Léa.');
    await eventually(() => parent.text() === 'Premier jet de Léa.', 'typed');

    const named = await world.browsers.teacher.post<PadVersionSummary>(`/api/pads/${pad.id}/versions`, { name: 'Premier jet' });
    expect(named.status).toBe(201);
    expect(named.body).toMatchObject({ kind: 'named', name: 'Premier jet', createdBy: { id: world.ids.teacher, name: 'Claire Fontaine' }, redacted: false });
    expect((await world.browsers.pupil.post(`/api/pads/${pad.id}/versions`, { name: 'Le mien' })).status).toBe(403);
    expect((await world.browsers.parent.post(`/api/pads/${pad.id}/versions`, { name: 'Parent' })).status).toBe(403);
    expect((await world.browsers.pupilModerator.post(`/api/pads/${pad.id}/versions`, { name: 'Par le modérateur' })).status).toBe(403);
    expect((await world.browsers.director.post(`/api/pads/${pad.id}/versions`, { name: 'Par la directrice' })).status).toBe(201);
    expect((await world.browsers.teacher.post(`/api/pads/${pad.id}/versions`, { name: '' })).status).toBe(400);

    const list = await versions();
    expect(list.map((version) => version.name)).toEqual(['Par la directrice', 'Premier jet']);

    const preview = await world.browsers.parent.get<PadVersionPreview>(`/api/pads/${pad.id}/versions/${named.body.id}`);
    expect(preview.status).toBe(200);
    expect(preview.body.content).toEqual({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Premier jet de Léa.' }] }] });
    expect((await world.browsers.pupilOtherClass.get(`/api/pads/${pad.id}/versions/${named.body.id}`)).status).toBe(403);
    expect((await world.browsers.parent.get(`/api/pads/${pad.id}/versions/nope`)).status).toBe(404);
  });

  it('restores a version with a new change attributed to the restorer, audited, shown at once; history is kept', async () => {
    const target = (await versions()).find((version) => version.name === 'Premier jet')!;
    addParagraph(pupil.doc, 'Un ajout qui sera annulé.');
    await eventually(() => parent.text().includes('Un ajout qui sera annulé.'), 'typed');

    expect((await world.browsers.pupil.post(`/api/pads/${pad.id}/versions/${target.id}/restore`)).status).toBe(403);
    const restored = await world.browsers.teacher.post<RestoreResult>(`/api/pads/${pad.id}/versions/${target.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.version.id).toBe(target.id);

    // Everyone connected sees the content of the version at once.
    await eventually(() => parent.text() === 'Premier jet de Léa.' && pupil.text() === 'Premier jet de Léa.', 'restored everywhere');
    expect(await serverText(server, world.browsers.teacher, pad.id)).toBe('Premier jet de Léa.');

    // The restored text is a new change by the teacher; the content before it is kept as a version.
    const authors = new AuthorIndex((await world.browsers.parent.get<PadAuthorship>(`/api/pads/${pad.id}/authors`)).body);
    expect(padTextRuns(parent.doc).flatMap((run) => authoredRuns(run, authors))).toEqual([
      { text: 'Premier jet de Léa.', author: expect.objectContaining({ id: world.ids.teacher }) },
    ]);
    const list = await versions();
    const before = list.find((version) => version.kind === 'restore');
    expect(before).toBeDefined();
    const kept = await world.browsers.teacher.get<PadVersionPreview>(`/api/pads/${pad.id}/versions/${before!.id}`);
    expect(JSON.stringify(kept.body.content)).toContain('Un ajout qui sera annulé.');
    expect(list.filter((version) => version.kind === 'named')).toHaveLength(2);

    const audit = await world.browsers.director.get<{ items: Array<{ actor: { userId: string }; target: { id: string } }> }>(
      `/api/audit?event=pad.version_restored&spaceId=${pad.id}`,
    );
    expect(audit.body.items).toEqual([expect.objectContaining({ actor: expect.objectContaining({ userId: world.ids.teacher }), target: expect.objectContaining({ id: target.id }) })]);

    // Restoring rewrites the class's text: a designated pupil moderator may not; the director may.
    expect((await world.browsers.pupilModerator.post(`/api/pads/${pad.id}/versions/${before!.id}/restore`)).status).toBe(403);
    expect(await serverText(server, world.browsers.teacher, pad.id)).toBe('Premier jet de Léa.');
    expect((await world.browsers.director.post(`/api/pads/${pad.id}/versions/${before!.id}/restore`)).status).toBe(200);
    await eventually(() => parent.text().includes('Un ajout qui sera annulé.'), 'restored again');
  });
});
