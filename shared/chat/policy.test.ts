import { describe, expect, it } from 'vitest';
import { actionApplies } from '../moderation/transitions';
import type { Actor } from '../policy/actor';
import { can } from '../policy/can';
import { actorFixture, spaceFixture } from '../policy/fixtures';
import type { ItemResource, SpaceResource } from '../policy/resources';
import { CHAT_ITEM_STATE, chatMessageActions, chatReviewHold, type ChatRoomFacts } from './policy';
import { ChatSettingsSchema } from './settings';
import { CHAT_MESSAGE_STATUSES, CHAT_MODERATION_ACTIONS, type ChatMessageView } from './types';

const actor = actorFixture;
const space = (overrides: Partial<SpaceResource> = {}): SpaceResource => spaceFixture({ spaceId: 'room', kind: 'chat', parentsRead: false, moderatorIds: ['m'], ...overrides });

const PEOPLE: Record<string, Actor> = {
  teacher: actor('t', { profiles: ['teacher'], pupilClassIds: [], teacherClassIds: ['ce2'] }),
  director: actor('d', { profiles: ['director'], pupilClassIds: [] }),
  pupilModerator: actor('m'),
  pupil: actor('p'),
  otherTeacher: actor('o', { profiles: ['teacher'], pupilClassIds: [], teacherClassIds: ['cm2'] }),
};

type Shown = Pick<ChatMessageView, 'status' | 'authorId' | 'pendingBody' | 'personalInfo' | 'removedBy'>;

/** Every shape a message can take, by each possible author. */
function messages(): Shown[] {
  const all: Shown[] = [];
  for (const status of CHAT_MESSAGE_STATUSES) {
    for (const authorId of ['p', 'm', 't']) {
      for (const personalInfo of [false, true]) {
        for (const pendingBody of status === 'published' ? [null, 'changé'] : [null]) {
          for (const removedBy of status === 'hidden' || status === 'deleted' ? (['moderator', 'author'] as const) : [null]) {
            all.push({ status, authorId, personalInfo, pendingBody, removedBy });
          }
        }
      }
    }
  }
  return all;
}

describe('chatMessageActions: the chat menu follows the policy table', () => {
  it('offers exactly what `can()` allows on the message and what applies to its state, for every viewer', () => {
    const room = space();
    for (const [who, viewer] of Object.entries(PEOPLE)) {
      const rights = { moderate: can(viewer, 'moderate', room), configure: can(viewer, 'configure', room) };
      for (const message of messages()) {
        const item: ItemResource = {
          type: 'item',
          schoolId: 'school',
          space: room,
          kind: 'chatMessage',
          itemId: 'x',
          authorId: message.authorId,
          state: CHAT_ITEM_STATE[message.status],
          // A chat message is pending only before its first publication.
          firstReview: message.status === 'pending',
          personalInfo: message.personalInfo,
          pendingEdit: message.status === 'published' && message.pendingBody !== null,
        };
        const expected = CHAT_MODERATION_ACTIONS.filter(
          (action) => actionApplies(action, item) && !(action === 'restore' && message.removedBy === 'author') && can(viewer, action, item),
        );
        expect(chatMessageActions(rights, message, viewer.userId), `${who} on ${JSON.stringify(message)}`).toEqual(expected);
      }
    }
  });

  it('a pupil moderator never re-publishes what a teacher removed, nor approves their own or a held message', () => {
    const rights = { moderate: true, configure: false };
    const base = { authorId: 'p', pendingBody: null, personalInfo: false, removedBy: null };
    expect(chatMessageActions(rights, { ...base, status: 'hidden', removedBy: 'moderator' }, 'm')).toEqual([]);
    expect(chatMessageActions(rights, { ...base, status: 'deleted', removedBy: 'moderator' }, 'm')).toEqual([]);
    expect(chatMessageActions(rights, { ...base, status: 'pending', authorId: 'm' }, 'm')).toEqual([]);
    expect(chatMessageActions(rights, { ...base, status: 'pending', personalInfo: true }, 'm')).toEqual([]);
    expect(chatMessageActions(rights, { ...base, status: 'published', pendingBody: 'changé' }, 'm')).toEqual(['hide']);
    expect(chatMessageActions(rights, { ...base, status: 'pending' }, 'm')).toEqual(['approve']);
  });
});

describe('chatReviewHold', () => {
  const facts = (preModeration: boolean): ChatRoomFacts => ({ resource: space(), settings: ChatSettingsSchema.parse({ preModeration }) });

  it('holds a pupil’s personal information in any room, and everything of those who do not run a pre-moderated room', () => {
    expect(chatReviewHold(PEOPLE.pupil!, facts(false), 'Mon numéro : 06 12 34 56 78')).toEqual({ held: true, personalInfo: ['phone'] });
    expect(chatReviewHold(PEOPLE.pupil!, facts(false), 'Bonjour')).toEqual({ held: false, personalInfo: [] });
    expect(chatReviewHold(PEOPLE.pupilModerator!, facts(true), 'Bonjour')).toEqual({ held: true, personalInfo: [] });
    expect(chatReviewHold(PEOPLE.teacher!, facts(true), 'Le secrétariat : 03 26 00 00 00')).toEqual({ held: false, personalInfo: [] });
  });
});
