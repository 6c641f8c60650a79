import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainVerification } from '../../../shared/audit/chain';
import type { DashboardResponse, MeResponse } from '../../../shared/identity/api';
import { generateSchool, type BenchSchool } from '../../../bench/school/generate';
import { browserOf } from '../../../bench/school/server';
import { Browser } from '../../helpers/http';
import { startServer, type TestServer } from '../../helpers/server';
import { openSocket } from '../../helpers/sockets';

/**
 * The benchmark school generator (`bench/school/`): a school of 2 classes written through the store, then the
 * real server started on that DATA_DIR without the demo seed.
 */
describe('benchmark school generator', () => {
  let dataDir: string;
  let school: BenchSchool;
  let server: TestServer;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'preau-bench-school-'));
    school = await generateSchool(dataDir, { classes: 2, pupilsPerClass: 3 });
    // The generator writes the embedded store of that DATA_DIR (bench/school/generate.ts), also when the tests run
    // on MongoDB: the server reads the same store.
    server = await startServer({ dataDir, env: { SEED_DEMO: 'false', MONGODB_URI: '' } });
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('plans the classes, pupils, teachers and guardians asked for', () => {
    expect(school.classes.map((schoolClass) => schoolClass.pupils.length)).toEqual([3, 3]);
    expect(school.classes.every((schoolClass) => schoolClass.teacher.classId === schoolClass.id)).toBe(true);
    // One or two guardians per pupil: every other pupil has a second one.
    expect(school.parents.flatMap((parent) => parent.childIds).sort()).toHaveLength(9);
    expect(new Set(school.accounts.map((account) => account.sessionToken)).size).toBe(school.accounts.length);
  });

  it('signs a generated pupil in with the shared password, charter already accepted', async () => {
    const pupil = school.classes[1]!.pupils[2]!;
    const browser = new Browser(server.url);
    const answer = await browser.login(pupil.login, school.password);
    expect(answer.status).toBe(200);
    expect(answer.body.user.id).toBe(pupil.id);
    expect(answer.body.charter.accepted).toBe(true);
    expect((await new Browser(server.url).login(pupil.login, 'not-the-password')).status).toBe(401);
  });

  it('accepts a generated session cookie on REST and Socket.IO, with the account’s memberships', async () => {
    const pupil = school.classes[0]!.pupils[0]!;
    const browser = browserOf(server, pupil);
    const me = await browser.get<MeResponse>('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.user.login).toBe(pupil.login);
    expect(me.body.csrfToken).toBe(pupil.csrfToken);
    const dashboard = await browser.get<DashboardResponse>('/api/dashboard');
    expect(dashboard.body.classes.map((schoolClass) => schoolClass.id)).toEqual([school.classes[0]!.id]);
    const socket = await openSocket(server, browser, { origin: server.url });
    expect(socket.connected).toBe(true);
    socket.close();
    // A teacher's session can change things (its CSRF token is the session's): it opens its class's chat room.
    const teacher = browserOf(server, school.classes[0]!.teacher);
    expect((await teacher.post(`/api/chat/classes/${school.classes[0]!.id}/room`)).status).toBe(201);
    // Another class's teacher may not.
    expect((await browserOf(server, school.classes[1]!.teacher).post(`/api/chat/classes/${school.classes[0]!.id}/room`)).status).toBe(403);
  });

  it('writes an audit chain the server verifies: the import, then each account’s sign-in and charter acceptance', async () => {
    const answer = await browserOf(server, school.director).get<ChainVerification>('/api/audit/verify');
    expect(answer.status).toBe(200);
    expect(answer.body.ok).toBe(true);
    expect(answer.body.count).toBeGreaterThanOrEqual(1 + 2 * school.accounts.length);
  });
});
