import { describe, expect, it } from 'vitest';
import type { Capabilities, MeResponse } from '../../../../shared/identity/api';
import type { Profile } from '../../../../shared/identity/profiles';
import { NO_CAPABILITIES } from '../../lib/capabilities';
import { navEntriesFor } from './navEntries';

function me(capabilities: Partial<Capabilities>, profiles: Profile[] = ['pupil'], overrides: Partial<MeResponse> = {}): MeResponse {
  return {
    capabilities: { ...NO_CAPABILITIES, ...capabilities },
    user: { id: 'u1', login: 'lea.martin', displayName: 'Léa Martin', profiles, status: 'active' },
    profiles,
    charter: { accepted: true, version: 1, pending: [] },
    mustChangePassword: false,
    csrfToken: 'csrf',
    school: { id: 's1', name: 'École' },
    ...overrides,
  };
}

const labels = (entries: { labelKey: string }[]) => entries.map((entry) => entry.labelKey);
const moderation = (part: Partial<Capabilities['moderation']>): Capabilities['moderation'] => ({ school: false, classIds: [], spaceIds: [], ...part });

describe('the menu, from the rights the server sent', () => {
  it('gives a pupil with no extra right the everyday entries only', () => {
    const { main, admin } = navEntriesFor(me({}));
    expect(labels(main)).toEqual(['nav.dashboard', 'nav.account', 'nav.reports', 'nav.charter']);
    expect(admin).toEqual([]);
  });

  it('puts the family week first for whoever follows children, from the rights the server sent', () => {
    const parent = navEntriesFor(me({ family: { childIds: ['c1'] } }, ['parent']));
    expect(labels(parent.main)).toEqual(['nav.family', 'nav.dashboard', 'nav.account', 'nav.reports', 'nav.charter']);
    expect(parent.main[0]!.to).toBe('/famille');
    expect(labels(navEntriesFor(me({}, ['parent'])).main)).not.toContain('nav.family');
  });

  it('adds « Modération » for a pupil designated on one space, whatever their profile says, and takes it away when revoked', () => {
    const designated = navEntriesFor(me({ moderation: moderation({ spaceIds: ['w1'] }) }));
    expect(labels(designated.main)).toEqual(['nav.dashboard', 'nav.moderation', 'nav.account', 'nav.reports', 'nav.charter']);
    expect(designated.main[1]!.to).toBe('/moderation');
    expect(labels(navEntriesFor(me({ moderation: moderation({ spaceIds: [] }) })).main)).not.toContain('nav.moderation');
  });

  it('gives the console and the log to whoever moderates and reads classes, not to a profile name', () => {
    const teacher = navEntriesFor(me({ moderation: moderation({ classIds: ['c1'] }), audit: { school: false, classIds: ['c1'] } }, ['teacher']));
    expect(labels(teacher.main)).toEqual(['nav.dashboard', 'nav.moderation', 'nav.adminAudit', 'nav.account', 'nav.reports', 'nav.charter']);
    expect(teacher.admin).toEqual([]);
    // A teacher without any class gets neither: the profile name alone opens nothing.
    expect(labels(navEntriesFor(me({}, ['teacher'])).main)).toEqual(['nav.dashboard', 'nav.account', 'nav.reports', 'nav.charter']);
  });

  it('splits the administration: accounts for whoever administers, charters and moderation settings for whoever runs the school', () => {
    const admin = navEntriesFor(me({ administer: true }, ['admin']));
    expect(labels(admin.admin)).toEqual(['nav.adminUsers', 'nav.adminClasses', 'nav.adminImport']);
    // The admin does not read the log (the server refuses it): no entry.
    expect(labels(admin.main)).not.toContain('nav.adminAudit');
    const director = navEntriesFor(
      me({ administer: true, manageSchool: true, moderation: moderation({ school: true }), audit: { school: true, classIds: [] } }, ['director']),
    );
    expect(labels(director.admin)).toEqual(['nav.adminUsers', 'nav.adminClasses', 'nav.adminImport', 'nav.adminCharter', 'nav.adminModeration']);
    expect(labels(director.main)).toEqual(['nav.dashboard', 'nav.moderation', 'nav.adminAudit', 'nav.account', 'nav.reports', 'nav.charter']);
  });

  it('shows only the pending step (password, then charter) until it is done, whatever the rights', () => {
    const all = { administer: true, manageSchool: true, moderation: moderation({ school: true }) };
    expect(navEntriesFor(me(all, ['director'], { mustChangePassword: true }))).toEqual({ main: [{ to: '/mot-de-passe', labelKey: 'nav.changePassword' }], admin: [] });
    const charter = navEntriesFor(me(all, ['director'], { charter: { accepted: false, version: 2, pending: [{ profile: 'director', version: 2 }] } }));
    expect(charter).toEqual({ main: [{ to: '/charte', labelKey: 'nav.charter' }], admin: [] });
  });
});
