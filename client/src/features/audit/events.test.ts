import { describe, expect, it } from 'vitest';
import { AUDIT_EVENTS } from '../../../../shared/audit/events';
import { EVENT_GROUPS, eventGroup, groupedEvents } from './events';
import fr from './i18n/fr.json';
import en from './i18n/en.json';

type Json = { [key: string]: string | Json };
const lookup = (json: Json, path: string): unknown => path.split('.').reduce<unknown>((node, part) => (node as Json | undefined)?.[part], json);

describe('event families', () => {
  it('puts every event in exactly one family, in the order of the list', () => {
    const grouped = groupedEvents();
    expect(grouped.flatMap((entry) => entry.events).sort()).toEqual([...AUDIT_EVENTS].sort());
    expect(grouped.map((entry) => entry.group)).toEqual(EVENT_GROUPS.filter((group) => grouped.some((entry) => entry.group === group)));
  });

  it('maps by feature prefix, and an unknown prefix to « other »', () => {
    expect(eventGroup('auth.login')).toBe('access');
    expect(eventGroup('access.denied')).toBe('access');
    expect(eventGroup('activity.read')).toBe('reads');
    expect(eventGroup('report.created')).toBe('moderation');
    expect(eventGroup('quiz.answered')).toBe('other');
  });

  it('names every family in both languages', () => {
    for (const group of EVENT_GROUPS) {
      expect(lookup(fr, `groups.${group}`)).toEqual(expect.any(String));
      expect(lookup(en, `groups.${group}`)).toEqual(expect.any(String));
    }
  });

  it('words the events in French under their dotted name (an unworded one falls back to its name)', () => {
    expect(lookup(fr, 'events.chat.message_sent')).toBe('Message envoyé');
    const worded = AUDIT_EVENTS.filter((event) => typeof lookup(fr, `events.${event}`) === 'string');
    // New events may land before their wording; most of the list must be worded.
    expect(worded.length).toBeGreaterThan(AUDIT_EVENTS.length * 0.9);
  });
});
