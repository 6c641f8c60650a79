import { useCallback } from 'react';
import { useFeatureT, type FeatureT } from '../../i18n/feature';
import { REASON_CODES } from '../../../../shared/moderation/types';
import { auditI18n } from './i18n';

/**
 * The detail of a log entry in the reader's words. The server writes its own details in English for the logs
 * (« 41 updates, 848 bytes, 0 deletions », « personal information: phone », « MUTED: chat:send »); the ones Préau
 * writes itself are recognised here and worded (`reasons.*`); anything else is what a person typed (a reason for a
 * suspension, a moderation note) and is shown as written.
 */
interface Pattern {
  match: RegExp;
  key: string;
  params?: (found: RegExpExecArray, t: FeatureT) => Record<string, unknown>;
}

/** « phone, email » → « téléphone, adresse e-mail ». */
const kinds = (list: string, t: FeatureT) =>
  list
    .split(/,\s*/)
    .map((kind) => t(`reasons.kinds.${kind}`, { defaultValue: t('reasons.kinds.other') }))
    .join(', ');

const parisDate = (iso: string) => new Date(iso).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' });
/** A moderation or report reason code (`hors_sujet`), in words. */
const CODE = `(${REASON_CODES.join('|')})`;

const PATTERNS: readonly Pattern[] = [
  { match: new RegExp(`^${CODE}$`), key: 'codes.$1', params: () => ({}) },
  { match: new RegExp(`^${CODE} until (\\S+)`), key: 'codeUntil', params: (m, t) => ({ code: t(`reasons.codes.${m[1]}`), date: parisDate(m[2]!) }) },
  { match: /^(\d+) updates, (\d+) bytes, (\d+) deletions$/, key: 'padActivity', params: (m) => ({ updates: Number(m[1]), bytes: Number(m[2]), deleted: Number(m[3]) }) },
  { match: /^(?:held: )?personal information: (.+?)( \(held for review\))?$/, key: 'personalInfo', params: (m, t) => ({ kinds: kinds(m[1]!, t), context: m[2] || m[0].startsWith('held') ? 'held' : undefined }) },
  { match: /^information_personnelle \(automatic: (.+)\)$/, key: 'personalInfoAutomatic', params: (m, t) => ({ kinds: kinds(m[1]!, t) }) },
  { match: /^held for review$/, key: 'heldForReview' },
  { match: /^MUTED: .+$/, key: 'muted' },
  { match: /^FORBIDDEN: .+$/, key: 'forbidden' },
  { match: /^(\d+) items$/, key: 'items', params: (m) => ({ count: Number(m[1]) }) },
  { match: /^(\d+) (?:other )?sessions closed$/, key: 'sessionsClosed', params: (m) => ({ count: Number(m[1]) }) },
  { match: /^(\d+) expired$/, key: 'expired', params: (m) => ({ count: Number(m[1]) }) },
  { match: /^(\d+) holidays$/, key: 'holidays', params: (m) => ({ count: Number(m[1]) }) },
  { match: /^(\d+) card\(s\) revoked$/, key: 'cardsRevoked', params: (m) => ({ count: Number(m[1]) }) },
  { match: /^(\d+) pupils and (\d+) parents imported into (.+)$/, key: 'imported', params: (m) => ({ pupils: Number(m[1]), parents: Number(m[2]), name: m[3] }) },
  { match: /^automatic hide: (\w+); evidence kept (\d+) months$/, key: 'moderationSettings', params: (m, t) => ({ hide: m[1] === 'off' ? t('reasons.off') : m[1], months: Number(m[2]) }) },
  { match: /^valid until (\S+)/, key: 'validUntil', params: (m) => ({ date: parisDate(m[1]!) }) },
  { match: /^account (\w+)$/, key: 'account', params: (m, t) => ({ status: t(`reasons.statuses.${m[1]}`, { defaultValue: m[1] }) }) },
  { match: /^(?:one-time sign-in code|class sign-in card) issued by .+$/, key: 'signInCode' },
  { match: /^wrong current password$/, key: 'wrongPassword' },
  { match: /^account detail$/, key: 'accountDetail' },
  { match: /^class chat room$/, key: 'classChatRoom' },
  { match: /^one-click link of an e-mail$/, key: 'emailLink' },
  { match: /^demo seed$/, key: 'demoSeed' },
  { match: /^\d+ occurrence\(s\) of \d+ passage\(s\) removed/, key: 'redacted' },
];

/** The words of an entry's detail: Préau's own details translated, a person's words as they are. */
export function reasonText(reason: string, t: FeatureT): { text: string; translated: boolean } {
  for (const pattern of PATTERNS) {
    const found = pattern.match.exec(reason);
    if (found) return { text: t(`reasons.${pattern.key.replace('$1', found[1] ?? '')}`, pattern.params?.(found, t)), translated: true };
  }
  return { text: reason, translated: false };
}

/** `reasonText` with the audit namespace's words: an entry's detail as the reader reads it. */
export function useReasonText(): (reason: string) => string {
  const { t } = useFeatureT(auditI18n);
  return useCallback((reason: string) => reasonText(reason, t).text, [t]);
}
