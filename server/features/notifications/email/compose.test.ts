import { describe, expect, it } from 'vitest';
import type { NotificationDoc } from '../model';
import { composeSummary, composeUrgent, summaryLines } from './compose';
import { summaryPeriod } from './job';
import { unsubscribeToken, verifyUnsubscribeToken } from './token';

const utc = (iso: string): number => Date.parse(`${iso}Z`);
const doc = (fields: Partial<NotificationDoc>): NotificationDoc => ({
  _id: 'n',
  schoolId: 's',
  userId: 'u',
  kind: 'newCard',
  openKey: 'k',
  spaceId: 'space',
  spaceKind: 'wall',
  items: [],
  count: 1,
  actorIds: [],
  childId: null,
  decision: null,
  delivery: 'live',
  heldUntil: null,
  emailedAt: null,
  read: false,
  firstAt: 0,
  lastAt: 0,
  ...fields,
});
const LINKS = { preau: 'https://preau.example.fr/', unsubscribe: 'https://preau.example.fr/api/notifications/unsubscribe?token=t' };

describe('e-mail summaries', () => {
  it('count per child, then per kind, in French, with nothing but counts and names', () => {
    const lines = summaryLines(
      [
        doc({ kind: 'newCard', count: 2, childId: 'lea' }),
        doc({ kind: 'newComment', count: 1, childId: 'lea' }),
        doc({ kind: 'moderationOfMine', count: 1, childId: 'lea', decision: 'hide' }),
        doc({ kind: 'newCard', count: 5 }),
        doc({ kind: 'newTopic', count: 1 }),
        doc({ kind: 'quietSummary', count: 4 }),
      ],
      new Map([['lea', 'Léa']]),
    );
    expect(lines).toEqual(['3 nouvelles contributions de Léa', '1 décision de modération sur une contribution de Léa', '5 nouvelles cartes', '1 nouveau sujet de forum']);
    const email = composeSummary('daily', 'Sophie Renaud', lines, LINKS);
    expect(email?.subject).toBe('Préau : votre résumé du jour');
    expect(email?.text).toContain('Bonjour Sophie Renaud,');
    expect(email?.text).toContain('- 3 nouvelles contributions de Léa');
    expect(email?.text).toContain(LINKS.unsubscribe);
    expect(composeSummary('weekly', 'Sophie Renaud', [], LINKS)).toBeNull();
    expect(composeUrgent('Sophie Renaud', 'Léa', 'hide', LINKS).text).toContain('une contribution de Léa : elle a été masquée.');
  });

  it('are due once per period: the day of the last 17:00 passed in Paris, or the Friday of the week', () => {
    // Tuesday 8 December 2026, 16:59 and 17:00 in Paris (UTC+1).
    expect(summaryPeriod('daily', utc('2026-12-08T15:59'))).toEqual({ key: 'd:2026-12-07', at: utc('2026-12-07T16:00') });
    expect(summaryPeriod('daily', utc('2026-12-08T16:00'))).toEqual({ key: 'd:2026-12-08', at: utc('2026-12-08T16:00') });
    // Summer time: 17:00 in Paris is 15:00 UTC.
    expect(summaryPeriod('daily', utc('2026-07-01T15:00')).at).toBe(utc('2026-07-01T15:00'));
    // Weekly: Friday 11 December 17:00; before it, the Friday before.
    expect(summaryPeriod('weekly', utc('2026-12-08T16:00'))).toEqual({ key: 'w:2026-12-04', at: utc('2026-12-04T16:00') });
    expect(summaryPeriod('weekly', utc('2026-12-11T15:59')).key).toBe('w:2026-12-04');
    expect(summaryPeriod('weekly', utc('2026-12-11T16:00')).key).toBe('w:2026-12-11');
    expect(summaryPeriod('weekly', utc('2026-12-13T12:00')).key).toBe('w:2026-12-11');
  });

  it('unsubscribe with a token signed by the server: another secret, another user or a changed token is refused', () => {
    const secret = 's'.repeat(48);
    const token = unsubscribeToken(secret, 'user-1');
    expect(verifyUnsubscribeToken(secret, token)).toBe('user-1');
    expect(verifyUnsubscribeToken('t'.repeat(48), token)).toBeNull();
    const [, mac] = token.split('.');
    expect(verifyUnsubscribeToken(secret, `${Buffer.from('user-2').toString('base64url')}.${mac}`)).toBeNull();
    expect(verifyUnsubscribeToken(secret, `${token}x`)).toBeNull();
    expect(verifyUnsubscribeToken(secret, 'garbage')).toBeNull();
  });
});
