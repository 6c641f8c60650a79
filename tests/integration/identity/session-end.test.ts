import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionSummary } from '../../../shared/identity/api';
import { demoAccount } from '../../helpers/demo';
import { startServer, type TestServer } from '../../helpers/server';
import { signedIn } from '../../helpers/sockets';
import { openClassRoom } from '../chat/support';
import { createPad } from '../pad/support';
import { closeLive, expectCut, expectWorking, openLiveSession, type LiveSession, type Places } from './session-end-support';

/**
 * Issue 12, « live connections outlive the session »: after sign-out, a password change or the revocation of a
 * session, the REST cookie was dead but the open Socket.IO connection still sent chat messages and the open
 * collab connection still wrote. Each path is tried as the attack: a user with two sessions, each with a raw
 * socket in the class chat and a raw collab connection on a class pad; one session is ended, and its
 * connections write at once. They must be closed within 2 s and store nothing; the other session goes on.
 */
describe('ending a session ends its live connections', () => {
  let server: TestServer;
  let places: Places;
  const opened: LiveSession[] = [];
  const open = async (login: string): Promise<LiveSession> => {
    const live = await openLiveSession(server, login, places);
    opened.push(live);
    return live;
  };

  beforeAll(async () => {
    server = await startServer();
    const teacher = await signedIn(server, 'claire.fontaine');
    const classId = (await teacher.get<{ classes: { id: string }[] }>('/api/dashboard')).body.classes[0]!.id;
    const pad = await createPad(teacher, classId);
    const room = await openClassRoom(teacher, classId);
    places = { padId: pad.id, roomId: room.id };
  });
  afterAll(async () => {
    for (const live of opened) closeLive(live);
    await server?.stop();
    server?.cleanup();
  });

  it('sign-out closes that session’s socket and collab connection; the same user’s other session goes on', async () => {
    const ended = await open('lea.martin');
    const kept = await open('lea.martin');
    await expectWorking(server, ended, places);
    await expectWorking(server, kept, places);

    expect((await ended.browser.post('/api/auth/logout')).status).toBe(200);
    await expectCut(server, ended, kept, places, Date.now());
    await expectWorking(server, kept, places);
  });

  it('a password change closes the user’s other sessions’ connections, not the current one’s', async () => {
    const account = demoAccount(server.dataDir, 'chloe.nguyen');
    const other = await open(account.login);
    const current = await open(account.login);
    await expectWorking(server, other, places);

    const answer = await current.browser.post('/api/me/password', { currentPassword: account.password, newPassword: 'un-nouveau-mot-de-passe-42' });
    expect(answer.status).toBe(200);
    await expectCut(server, other, current, places, Date.now());
    await expectWorking(server, current, places);
  });

  it('revoking a session from another one (DELETE /api/me/sessions/:id) closes the revoked session’s connections', async () => {
    const revoked = await open('mamadou.diallo');
    const revoker = await open('mamadou.diallo');
    await expectWorking(server, revoked, places);

    const list = await revoker.browser.get<SessionSummary[]>('/api/me/sessions');
    expect(list.body.map((session) => session.id)).toContain(revoked.sessionId);
    expect((await revoker.browser.send('DELETE', `/api/me/sessions/${revoked.sessionId}`)).status).toBe(200);
    await expectCut(server, revoked, revoker, places, Date.now());
    await expectWorking(server, revoker, places);
  });

  it('reporting a compromised account closes the other sessions’ connections', async () => {
    const stolen = await open('ines.rodrigues');
    const owner = await open('ines.rodrigues');
    await expectWorking(server, stolen, places);

    expect((await owner.browser.post('/api/me/compromise', { details: 'Quelqu’un connaît mon mot de passe' })).status).toBe(200);
    await expectCut(server, stolen, owner, places, Date.now());
    await expectWorking(server, owner, places);
  });

  it('signing out everywhere closes every session’s connections, with « session ended » rather than « suspended »', async () => {
    const witness = await open('claire.fontaine');
    const first = await open('louis.garnier');
    const second = await open('louis.garnier');
    await expectWorking(server, first, places);

    expect((await second.browser.post('/api/auth/logout-all')).status).toBe(200);
    const endedAt = Date.now();
    await expectCut(server, first, witness, places, endedAt);
    await expectCut(server, second, witness, places, endedAt);
  });

  it('the director resetting a pupil’s password closes every session of the pupil, live connections included', async () => {
    const director = await open('isabelle.moreau');
    const pupil = await open('noah.kowalski');
    await expectWorking(server, pupil, places);
    const pupilId = (await pupil.browser.get<{ user: { id: string } }>('/api/me')).body.user.id;

    expect((await director.browser.post(`/api/admin/users/${pupilId}/reset-password`)).status).toBe(200);
    await expectCut(server, pupil, director, places, Date.now());
  });

  it('signing in again from a browser closes the live connections of the session it replaces', async () => {
    const replaced = await open('gabriel.dubois');
    const witness = await open('gabriel.dubois');
    await expectWorking(server, replaced, places);

    const account = demoAccount(server.dataDir, 'gabriel.dubois');
    expect((await replaced.browser.login(account.login, account.password)).status).toBe(200);
    await expectCut(server, replaced, witness, places, Date.now());
    await expectWorking(server, witness, places);
  });
});
