import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { NotificationView } from '../../../../shared/notifications/types';
import type { FeatureT } from '../../i18n/feature';
import en from './i18n/en.json';
import fr from './i18n/fr.json';
import { FORUM_POST_PARAM, WALL_CARD_PARAM } from '../spaces/itemPath';
import { targetPath } from './targets';
import { notificationText } from './words';

const i18n = i18next.createInstance();
void i18n.init({ initAsync: false, lng: 'fr', resources: { fr: { notifications: fr }, en: { notifications: en } }, defaultNS: 'notifications', interpolation: { escapeValue: false } });
const tIn =
  (lng: string): FeatureT =>
  (key, options) =>
    (i18n.t as unknown as (k: string, o?: Record<string, unknown>) => string)(key, { ...options, lng });
const t = tIn('fr');

const view = (fields: Partial<NotificationView>): NotificationView => ({
  id: 'n1',
  kind: 'newCard',
  spaceTitle: 'Nos animaux préférés',
  target: { spaceKind: 'wall', spaceId: 'w1', itemKind: 'wallCard', itemId: 'c1', parentId: null },
  count: 1,
  actorNames: ['Léa Martin'],
  childName: null,
  decision: null,
  held: null,
  firstAt: 1,
  lastAt: 2,
  read: false,
  ...fields,
});

describe('a notification’s words, from its kind and count, for its reader', () => {
  it('counts coalesced items (« 5 nouvelles cartes sur Nos animaux préférés ») and names a single one’s author', () => {
    expect(notificationText(t, view({ count: 5, actorNames: ['Léa', 'Tom'] }), 'pupil')).toBe('5 nouvelles cartes sur Nos animaux préférés');
    expect(notificationText(t, view({}), 'adult')).toBe('Nouvelle carte de Léa Martin sur Nos animaux préférés');
    expect(notificationText(t, view({ actorNames: [] }), 'adult')).toBe('1 nouvelle carte sur Nos animaux préférés');
    expect(notificationText(t, view({ kind: 'newReply', count: 2 }), 'adult')).toBe('2 nouvelles réponses sur Nos animaux préférés');
    expect(notificationText(tIn('en'), view({ count: 5 }), 'adult')).toBe('5 new cards on Nos animaux préférés');
  });

  it('says « tu » to a pupil and « vous » to an adult about their own items', () => {
    const comment = view({ kind: 'commentOnMine', actorNames: ['Léa'], target: { spaceKind: 'wall', spaceId: 'w1', itemKind: 'wallComment', itemId: 'k1', parentId: 'c1' } });
    expect(notificationText(t, comment, 'pupil')).toBe('Léa a commenté ta carte');
    expect(notificationText(t, comment, 'adult')).toBe('Léa a commenté votre carte');
    expect(notificationText(t, { ...comment, count: 3 }, 'pupil')).toBe('3 commentaires sur ta carte');
    const reply = view({ kind: 'commentOnMine', actorNames: ['Tom'], target: { spaceKind: 'forum', spaceId: 'f1', itemKind: 'forumPost', itemId: 'p2', parentId: 't1' } });
    expect(notificationText(t, reply, 'pupil')).toBe('Tom a répondu à ton message');
    expect(notificationText(t, view({ kind: 'mention', actorNames: ['Tom'] }), 'pupil')).toBe('Tom a écrit ton nom sur Nos animaux préférés');
    expect(notificationText(t, view({ kind: 'toReview', count: 3 }), 'adult')).toBe('3 contributions à relire sur Nos animaux préférés');
  });

  it('tells a moderation decision with the item’s gender, and a parent about their child’s item', () => {
    const hidden = view({ kind: 'moderationOfMine', decision: 'hide', actorNames: [] });
    expect(notificationText(t, hidden, 'pupil')).toBe('Ta carte a été masquée par un modérateur');
    expect(notificationText(t, hidden, 'adult')).toBe('Votre carte a été masquée par un modérateur');
    expect(notificationText(t, { ...hidden, childName: 'Léa' }, 'adult')).toBe('Une carte de Léa a été masquée par un modérateur');
    const post = { ...hidden, target: { spaceKind: 'forum' as const, spaceId: 'f1', itemKind: 'forumPost' as const, itemId: 'p1', parentId: 't1' } };
    expect(notificationText(t, post, 'pupil')).toBe('Ton message a été masqué par un modérateur');
    expect(notificationText(t, { ...post, decision: 'reject' }, 'pupil')).toBe('Ton message reste comme avant : la modification a été refusée');
    expect(notificationText(t, { ...post, decision: 'something-new' }, 'pupil')).toBe('Un modérateur a pris une décision sur ton message');
    expect(notificationText(t, view({ kind: 'reactionOnMine', childName: 'Léa', actorNames: ['Tom'] }), 'adult')).toBe('Tom a réagi à une carte de Léa');
    expect(notificationText(t, view({ kind: 'reportOutcome', decision: 'dismiss', target: null }), 'pupil')).toBe('Ton signalement a été examiné : le contenu reste en ligne');
  });

  it('sums up what was held during quiet hours, in the order of the kinds (« Pendant ta pause : 3 nouvelles cartes, 1 réponse »)', () => {
    const summary = view({ kind: 'quietSummary', spaceTitle: null, target: null, actorNames: [], count: 4, held: { newReply: 1, newCard: 3 } });
    expect(notificationText(t, summary, 'pupil')).toBe('Pendant ta pause : 3 nouvelles cartes, 1 réponse');
    expect(notificationText(t, summary, 'adult')).toBe('Pendant votre pause : 3 nouvelles cartes, 1 réponse');
    expect(notificationText(t, { ...summary, held: {} }, 'adult')).toBe('Pendant votre pause : 4 notifications');
  });

  it('never shows a key or a code', () => {
    for (const kind of ['newCard', 'newTopic', 'newReply', 'newComment', 'padVersion', 'commentOnMine', 'reactionOnMine', 'moderationOfMine', 'reportOutcome', 'toReview', 'mention', 'quietSummary'] as const) {
      for (const count of [1, 2]) {
        for (const audience of ['pupil', 'adult'] as const) {
          for (const lng of ['fr', 'en']) {
            const text = notificationText(tIn(lng), view({ kind, count, held: { newCard: count } }), audience);
            expect(text, `${kind} ${count} ${audience} ${lng}`).not.toMatch(/\{\{|kinds\.|objects\.|subjects\.|moderation\.|report\.|held\.|undefined/);
          }
        }
      }
    }
  });
});

describe('where a notification opens its item', () => {
  it('opens a wall with the card highlighted (a comment opens its card), a forum post in its topic, a pad', () => {
    expect(targetPath({ spaceKind: 'wall', spaceId: 'w 1', itemKind: 'wallCard', itemId: 'c1', parentId: null })).toBe(`/murs/w%201?${WALL_CARD_PARAM}=c1`);
    expect(targetPath({ spaceKind: 'wall', spaceId: 'w1', itemKind: 'wallComment', itemId: 'k1', parentId: 'c9' })).toBe(`/murs/w1?${WALL_CARD_PARAM}=c9`);
    expect(targetPath({ spaceKind: 'forum', spaceId: 'f1', itemKind: 'forumPost', itemId: 'p2', parentId: 't1' })).toBe(`/forums/f1/sujets/t1?${FORUM_POST_PARAM}=p2`);
    expect(targetPath({ spaceKind: 'forum', spaceId: 'f1', itemKind: null, itemId: null, parentId: null })).toBe('/forums/f1');
    expect(targetPath({ spaceKind: 'pad', spaceId: 'p1', itemKind: 'pad', itemId: 'p1', parentId: null })).toBe('/pads/p1');
    expect(targetPath(null)).toBeNull();
  });
});
