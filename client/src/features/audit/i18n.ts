import { useCallback } from 'react';
import { AUDIT_EVENT_LABELS, type AuditLanguage } from '../../../../shared/audit/labels';
import { defineFeatureI18n, useFeatureT, type FeatureT } from '../../i18n/feature';
import fr from './i18n/fr.json';

type Json = { [key: string]: string | Json };

/**
 * The events' words come from the one table the CSV export uses too (`shared/audit/labels.ts`), nested by their
 * dotted names as i18next reads them: `events.chat.message_sent`.
 */
export function eventWords(language: AuditLanguage): Json {
  const words: Json = {};
  for (const [event, labels] of Object.entries(AUDIT_EVENT_LABELS)) {
    const [family = '', name = ''] = event.split('.');
    const group = (words[family] ??= {}) as Json;
    group[name] = labels[language];
  }
  return words;
}

/** The audit namespace, registered when this module is first imported (with the audit pages). */
export const auditI18n = defineFeatureI18n('audit', { ...fr, events: eventWords('fr') }, () =>
  import('./i18n/en.json').then((en) => ({ default: { ...(en.default as Json), events: eventWords('en') } })),
);

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends Record<string, unknown> ? Leaves<T[K], `${P}${K}.`> : `${P}${K}`;
}[keyof T & string];
/** Plural keys are asked for without their suffix (`console.total` for `total_one` / `total_other`). */
type Unplural<K extends string> = K extends `${infer B}_${'one' | 'other'}` ? B : K;
export type AuditKey = Unplural<Leaves<typeof fr>>;
export type AuditT = (key: AuditKey, options?: Record<string, unknown>) => string;

/**
 * `t` for the audit namespace (`auditI18n`), keys checked at
 * compile time, plus `event`: an event name in words, or the raw name for an event nobody has worded yet.
 */
export function useAuditT(): { t: AuditT; event: (name: string, values?: { name: string }) => string; language: string } {
  const { t, language } = useFeatureT(auditI18n);
  const typed = useCallback<AuditT>((key, options) => t(key, options), [t]);
  const event = useCallback((name: string, values?: { name: string }) => eventLabel(t, name, values), [t]);
  return { t: typed, event, language };
}

/**
 * Event names are dotted (`wall.card_created`), which is also i18next's nesting: `events.wall.card_created`. Some
 * wordings name the person concerned (« … au compte de {{name}} … »): `values.name`.
 */
export function eventLabel(t: FeatureT, name: string, values?: { name: string }): string {
  return t(`events.${name}`, { defaultValue: name, ...values });
}
