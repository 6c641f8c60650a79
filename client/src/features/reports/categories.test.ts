import { describe, expect, it } from 'vitest';
import { moderationClientEvents } from '../../../../shared/moderation/events';
import { REASON_CODES, REPORT_CATEGORIES } from '../../../../shared/moderation/types';
import moderationEn from '../moderation/i18n/en.json';
import moderationFr from '../moderation/i18n/fr.json';
import reportsEn from './i18n/en.json';
import reportsFr from './i18n/fr.json';

const report = (category: string) => ({ kind: 'chatMessage', itemId: 'message-1', spaceId: 'room-1', category, text: '', quote: '' });

describe('report categories: « Moquerie » among them', () => {
  it('offers « moquerie », accepted by the server’s validation of a report, and usable as a moderator’s reason', () => {
    expect(REPORT_CATEGORIES).toContain('moquerie');
    expect(REASON_CODES).toContain('moquerie');
    expect(moderationClientEvents['report:create'].safeParse(report('moquerie')).success).toBe(true);
    expect(moderationClientEvents['report:create'].safeParse(report('pas_une_categorie')).success).toBe(false);
  });

  it('words every category in French and English, with a line a pupil understands, where reports are shown', () => {
    expect(moderationFr.categories.moquerie).toBe('Moquerie');
    expect(reportsFr.categories.moquerie).toBe('Moquerie');
    for (const category of REPORT_CATEGORIES) {
      for (const words of [moderationFr, moderationEn]) {
        expect(words.categories[category], category).toBeTruthy();
        expect(words.categoryHints[category], category).toBeTruthy();
      }
      for (const words of [reportsFr, reportsEn]) expect(words.categories[category], category).toBeTruthy();
    }
    expect(moderationFr.categoryHints.moquerie).toMatch(/se moque/);
  });

  it('tells a pupil why her contribution was withdrawn for every reason, « moquerie » included', () => {
    for (const reason of REASON_CODES) {
      for (const words of [moderationFr, moderationEn]) {
        const forChild = words.reasonsForChild as Record<string, string>;
        expect(forChild[reason], reason).toBeTruthy();
        expect(forChild[`${reason}_wallCard`], `${reason}_wallCard`).toBeTruthy();
        expect((words.reasons as Record<string, string>)[reason], reason).toBeTruthy();
      }
    }
  });
});
