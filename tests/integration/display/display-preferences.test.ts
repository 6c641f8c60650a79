/**
 * `GET`/`PUT /api/me/display` (« Mon compte » › « Affichage »): validated at the edge with the shared schema and its
 * named limits, kept per user (one person's choice is nobody else's), read back by a new session on another
 * device, refused without a session, and readable before the charter is accepted (its page is shown with them).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_DISPLAY_PREFERENCES, TEXT_SCALE_MAX, TEXT_SCALE_MIN, TEXT_SCALE_STEP, type DisplayPreferences } from '../../../shared/display/preferences';
import { demoAccount } from '../../helpers/demo';
import { Browser } from '../../helpers/http';
import { useTestServer } from '../../helpers/server';
import { signedIn } from '../../helpers/sockets';

const CHOSEN: DisplayPreferences = { font: 'opendyslexic', textScale: TEXT_SCALE_MAX, contrast: 'high' };

describe('display preferences (GET/PUT /api/me/display)', () => {
  const server = useTestServer();

  it('requires a session', async () => {
    const anonymous = new Browser(server().url);
    expect((await anonymous.get('/api/me/display')).status).toBe(401);
    expect((await anonymous.send('PUT', '/api/me/display', CHOSEN)).status).toBe(401);
  });

  it('gives the defaults first, then keeps each person’s own choice, read back from another device', async () => {
    const pupil = await signedIn(server(), 'lea.martin');
    const teacher = await signedIn(server(), 'claire.fontaine');
    expect((await pupil.get<DisplayPreferences>('/api/me/display')).body).toEqual(DEFAULT_DISPLAY_PREFERENCES);

    const saved = await pupil.send<DisplayPreferences>('PUT', '/api/me/display', CHOSEN);
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual(CHOSEN);
    const teacherChoice: DisplayPreferences = { font: 'atkinson', textScale: TEXT_SCALE_MIN + TEXT_SCALE_STEP, contrast: 'normal' };
    expect((await teacher.send('PUT', '/api/me/display', teacherChoice)).status).toBe(200);

    const otherDevice = await signedIn(server(), 'lea.martin');
    expect((await otherDevice.get<DisplayPreferences>('/api/me/display')).body).toEqual(CHOSEN);
    expect((await teacher.get<DisplayPreferences>('/api/me/display')).body).toEqual(teacherChoice);
    const classmate = await signedIn(server(), 'chloe.nguyen');
    expect((await classmate.get<DisplayPreferences>('/api/me/display')).body).toEqual(DEFAULT_DISPLAY_PREFERENCES);

    // Audited as the other preferences are: who changed which fields.
    const director = await signedIn(server(), 'isabelle.moreau');
    const pupilId = (await pupil.get<{ user: { id: string } }>('/api/me')).body.user.id;
    const logged = await director.get<{ items: { event: string; actor: { userId: string }; change: { fields: string[] } | null }[] }>(
      `/api/audit?event=display.preferences_changed&actor=${pupilId}&pageSize=10`,
    );
    expect(logged.status).toBe(200);
    expect(logged.body.items).toEqual([expect.objectContaining({ event: 'display.preferences_changed', actor: expect.objectContaining({ userId: pupilId }), change: expect.objectContaining({ fields: ['font', 'textScale', 'contrast'] }) })]);
  });

  it('refuses what the schema does not allow, and keeps what was there', async () => {
    const parent = await signedIn(server(), 'sophie.renaud');
    const kept: DisplayPreferences = { font: 'system', textScale: 120, contrast: 'high' };
    expect((await parent.send('PUT', '/api/me/display', kept)).status).toBe(200);
    const refused: unknown[] = [
      { ...kept, textScale: TEXT_SCALE_MAX + TEXT_SCALE_STEP },
      { ...kept, textScale: TEXT_SCALE_MIN - TEXT_SCALE_STEP },
      { ...kept, textScale: TEXT_SCALE_MIN + TEXT_SCALE_STEP / 2 },
      { ...kept, font: 'comic-sans' },
      { ...kept, contrast: 'inverted' },
      { ...kept, theme: 'dark' },
      { font: 'atkinson' },
    ];
    for (const body of refused) {
      const answer = await parent.send<{ error: { code: string } }>('PUT', '/api/me/display', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
    }
    expect((await parent.get<DisplayPreferences>('/api/me/display')).body).toEqual(kept);
  });

  it('is read before the charter is accepted (the charter page is shown with them)', async () => {
    const account = demoAccount(server().dataDir, 'karim.benali');
    const fresh = new Browser(server().url);
    expect((await fresh.login(account.login, account.password)).status).toBe(200);
    expect((await fresh.get<DisplayPreferences>('/api/me/display')).status).toBe(200);
    expect((await fresh.send('PUT', '/api/me/display', CHOSEN)).status).toBe(200);
  });
});
