import { spawnSync } from 'node:child_process';
import { io as connect } from 'socket.io-client';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/audit/events';
import { demoAccount } from '../../helpers/demo';
import { Browser } from '../../helpers/http';
import { ROOT, useTestServer, type TestServer } from '../../helpers/server';
import { openTestStore, serverMongoUri } from '../../helpers/store';

function auditVerify(dataDir: string): { status: number | null; stdout: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, MONGODB_URI: serverMongoUri(dataDir) },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout };
}

async function entries(dataDir: string): Promise<AuditEntry[]> {
  const store = await openTestStore(dataDir);
  try {
    return await store.collection<AuditEntry>('audit').find({}, { sort: { schoolId: 1, seq: 1 } });
  } finally {
    await store.close();
  }
}

describe('audit log', () => {
  const use = useTestServer();
  let server: TestServer;
  beforeAll(() => {
    server = use();
  });

  it('writes exactly one attributed event per action, and the chain verifies', async () => {
    const before = (await entries(server.dataDir)).length;
    const parentAccount = demoAccount(server.dataDir, 'mathieu.garnier');
    const parent = new Browser(server.url);
    const me = await parent.login(parentAccount.login, parentAccount.password);
    await parent.acceptCharters();

    const pupilAccount = demoAccount(server.dataDir, 'timeo.lambert');
    const pupil = new Browser(server.url);
    await pupil.login(pupilAccount.login, pupilAccount.password);
    await pupil.acceptCharters();
    const denied = await pupil.get('/api/admin/users');
    expect(denied.status).toBe(403);

    const all = await entries(server.dataDir);
    const added = all.slice(before);
    const byEvent = (event: string, userId: string) => added.filter((entry) => entry.event === event && entry.actor.userId === userId);
    expect(byEvent('auth.login', me.body.user.id)).toHaveLength(1);
    expect(byEvent('charter.accepted', me.body.user.id)).toHaveLength(1);
    const pupilId = (await pupil.get<{ user: { id: string } }>('/api/me')).body.user.id;
    const denials = byEvent('access.denied', pupilId);
    expect(denials).toHaveLength(1);
    expect(denials[0]).toMatchObject({ status: 'denied', origin: 'http', actor: { profile: 'pupil' } });

    const verify = auditVerify(server.dataDir);
    expect(verify.stdout).toMatch(/ok \(\d+ entries\)/);
    expect(verify.status).toBe(0);
  });

  it('closes a suspended pupil’s live socket and refuses their next sign-in', async () => {
    const teacherAccount = demoAccount(server.dataDir, 'claire.fontaine');
    const teacher = new Browser(server.url);
    await teacher.login(teacherAccount.login, teacherAccount.password);
    await teacher.acceptCharters();

    const pupilAccount = demoAccount(server.dataDir, 'gabriel.dubois');
    const pupil = new Browser(server.url);
    const me = await pupil.login(pupilAccount.login, pupilAccount.password);
    await pupil.acceptCharters();
    const socket = connect(server.url, { transports: ['websocket'], reconnection: false, extraHeaders: { Cookie: pupil.cookieHeader } });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const disconnected = new Promise<number>((resolve) => socket.once('disconnect', () => resolve(Date.now())));

    const suspendedAt = Date.now();
    const reason = 'Entretien prévu\r\n2026-01-01 FAKE auth.login admin\u001b[31m';
    const answer = await teacher.post(`/api/admin/users/${me.body.user.id}/suspend`, { reason });
    expect(answer.status).toBe(200);
    expect((await disconnected) - suspendedAt).toBeLessThan(2_000);

    // Log injection: control characters in a reason are stored as visible escapes, never as a new line.
    const suspension = (await entries(server.dataDir)).find((entry) => entry.event === 'user.suspended' && entry.target.id === me.body.user.id);
    // eslint-disable-next-line no-control-regex
    expect(suspension?.reason).not.toMatch(/[\r\n\u001b]/);
    expect(suspension?.reason).toContain('\\u000d\\u000a2026-01-01 FAKE');
    expect((await pupil.get('/api/me')).status).toBe(401);
    expect((await pupil.login(pupilAccount.login, pupilAccount.password)).status).toBe(403);
  });

  it('names the seq of an event altered through the raw store', async () => {
    await server.stop();
    const store = await openTestStore(server.dataDir);
    const audit = store.collection<AuditEntry>('audit');
    const victim = (await audit.find({ event: 'auth.login' }, { sort: { seq: 1 }, limit: 1 }))[0]!;
    await audit.updateOne({ _id: victim._id }, { $set: { 'actor.ip': '10.6.6.6' } });
    await store.close();
    const verify = auditVerify(server.dataDir);
    expect(verify.status).toBe(1);
    expect(verify.stdout).toContain(`BROKEN at seq ${victim.seq}`);
  });
});
