import { describe, expect, it } from 'vitest';
import { AUDIT_EVENTS } from './events';
import { AUDIT_EVENT_LABELS, AUDIT_STATUS_LABELS, auditEventLabel } from './labels';

/** Every feature's own list of events (`shared/<feature>/audit.ts`), read from the files themselves. */
const featureModules = import.meta.glob<Record<string, unknown>>('../*/audit.ts', { eager: true });
const featureEvents = Object.values(featureModules).flatMap((module) =>
  Object.values(module).filter((value): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string')).flat(),
);

describe('the words of the audit events', () => {
  it('reads the event lists of the features (chat, wall, pad, forum, moderation, spaces, notifications)', () => {
    expect(Object.keys(featureModules).length).toBeGreaterThanOrEqual(7);
    expect(featureEvents).toEqual(expect.arrayContaining(['chat.message_sent', 'wall.card_created', 'moderation.hide']));
  });

  it('has French and English words for every event the code defines, and none for an unknown event', () => {
    const defined = new Set<string>([...AUDIT_EVENTS, ...featureEvents]);
    expect(featureEvents.filter((event) => !(AUDIT_EVENTS as readonly string[]).includes(event))).toEqual([]);
    expect(Object.keys(AUDIT_EVENT_LABELS).sort()).toEqual([...defined].sort());
    for (const event of defined) {
      const labels = (AUDIT_EVENT_LABELS as Record<string, { fr: string; en: string }>)[event];
      expect(labels?.fr, event).toMatch(/\S/);
      expect(labels?.en, event).toMatch(/\S/);
    }
  });

  it('says things in words, not codes: no dotted or snake_case names, no two events alike', () => {
    const french = Object.values(AUDIT_EVENT_LABELS).map((labels) => labels.fr);
    for (const label of french) expect(label).not.toMatch(/\w\.\w|_|\b(sent|created|deleted|updated)\b/);
    expect(new Set(french).size).toBe(french.length);
  });

  it('names the person concerned where the words ask for it, and keeps an unknown event as it is', () => {
    expect(auditEventLabel('chat.message_sent', 'fr', 'Léa Martin')).toBe('Message envoyé dans une discussion');
    expect(auditEventLabel('auth.login_throttled', 'fr', 'Léa Martin')).toBe('Plusieurs tentatives de connexion au compte de Léa Martin ont échoué');
    expect(auditEventLabel('quiz.answered', 'fr', 'Léa Martin')).toBe('quiz.answered');
    expect(AUDIT_STATUS_LABELS.denied.fr).toBe('Refusé');
  });
});
