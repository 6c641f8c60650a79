import { NOTIFICATION_KINDS, type NotificationKind } from '../../../../shared/notifications/types';
import type { NotificationDoc } from '../model';
import { CHILD_WORDS, counted, DECISION_WORDS, EMAIL_WORDS, KIND_WORDS } from './fr';

/** One e-mail, ready to send: French text only, counts and names, never a word a pupil wrote. */
export interface ComposedEmail {
  subject: string;
  text: string;
}

const CONTRIBUTIONS: readonly NotificationKind[] = ['newCard', 'newTopic', 'newReply', 'newComment', 'padVersion'];
const ON_CHILDS: readonly NotificationKind[] = ['commentOnMine', 'reactionOnMine'];
type ChildCategory = keyof typeof CHILD_WORDS;

const categoryOf = (kind: NotificationKind): ChildCategory =>
  CONTRIBUTIONS.includes(kind) ? 'contributions' : ON_CHILDS.includes(kind) ? 'reactions' : kind === 'moderationOfMine' ? 'moderation' : 'other';

/**
 * The lines of a summary: what concerns each child first (« 3 nouvelles contributions de Léa »), then the rest by
 * kind (« 5 nouvelles cartes »), each the number of items gathered.
 */
export function summaryLines(docs: readonly NotificationDoc[], childNames: ReadonlyMap<string, string>): string[] {
  const byChild = new Map<string, Map<ChildCategory, number>>();
  const byKind = new Map<NotificationKind, number>();
  for (const doc of docs) {
    if (doc.kind === 'quietSummary') continue;
    const child = doc.childId ? childNames.get(doc.childId) : undefined;
    if (child !== undefined) {
      const categories = byChild.get(child) ?? new Map<ChildCategory, number>();
      categories.set(categoryOf(doc.kind), (categories.get(categoryOf(doc.kind)) ?? 0) + doc.count);
      byChild.set(child, categories);
    } else {
      byKind.set(doc.kind, (byKind.get(doc.kind) ?? 0) + doc.count);
    }
  }
  const lines: string[] = [];
  for (const [child, categories] of [...byChild].sort(([a], [b]) => a.localeCompare(b, 'fr'))) {
    for (const category of Object.keys(CHILD_WORDS) as ChildCategory[]) {
      const count = categories.get(category);
      if (count) lines.push(counted(CHILD_WORDS[category], count, child));
    }
  }
  for (const kind of NOTIFICATION_KINDS) {
    const count = byKind.get(kind);
    if (count && kind !== 'quietSummary') lines.push(counted(KIND_WORDS[kind], count));
  }
  return lines;
}

const footer = (why: string, links: { preau: string; unsubscribe: string }): string[] => ['', EMAIL_WORDS.seeOnPreau(links.preau), '', '--', why, EMAIL_WORDS.unsubscribe(links.unsubscribe), EMAIL_WORDS.signature];

/** A daily or weekly summary, or null when there is nothing to tell. */
export function composeSummary(
  frequency: 'daily' | 'weekly',
  recipientName: string,
  lines: readonly string[],
  links: { preau: string; unsubscribe: string },
): ComposedEmail | null {
  if (lines.length === 0) return null;
  const daily = frequency === 'daily';
  return {
    subject: daily ? EMAIL_WORDS.subjectDaily : EMAIL_WORDS.subjectWeekly,
    text: [EMAIL_WORDS.hello(recipientName), '', daily ? EMAIL_WORDS.introDaily : EMAIL_WORDS.introWeekly, '', ...lines.map((line) => `- ${line}`), ...footer(daily ? EMAIL_WORDS.whyDaily : EMAIL_WORDS.whyWeekly, links)].join('\n'),
  };
}

/** An urgent e-mail: a moderator decided on a contribution of the recipient's child. */
export function composeUrgent(recipientName: string, childName: string, decision: string | null, links: { preau: string; unsubscribe: string }): ComposedEmail {
  const decided = (decision ? DECISION_WORDS[decision] : undefined) ?? DECISION_WORDS.other ?? '';
  return {
    subject: EMAIL_WORDS.subjectUrgent(childName),
    text: [EMAIL_WORDS.hello(recipientName), '', EMAIL_WORDS.urgent(childName, decided), ...footer(EMAIL_WORDS.whyUrgent, links)].join('\n'),
  };
}
