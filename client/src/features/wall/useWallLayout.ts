import type { ErrorCode } from '../../../../shared/errors';
import type { SpaceView } from '../../../../shared/spaces/types';
import { reorderSections } from '../../../../shared/wall/layout';
import type { WallRights } from '../../../../shared/wall/policy';
import { wallSettingsOf } from '../../../../shared/wall/settings';
import type { WallCard } from '../../../../shared/wall/types';
import type { CardMove } from './CardView';
import type { WallT } from './i18n';
import type { Send } from './useWallLive';
import type { WallAction } from './wallState';

interface WallLayoutOptions {
  spaceId: string;
  space: SpaceView | null;
  rights: WallRights | null;
  send: Send;
  dispatch: (action: WallAction) => void;
  announce: (text: string) => void;
  fail: (code: ErrorCode | string) => void;
  t: WallT;
}

/**
 * The teachers' layout actions on a wall (`configure`): moving a column, shown at once and sent as one operation
 * (put back if refused; everyone else gets it with `space:updated`), and pinning a card from its menu.
 */
export function useWallLayout({ spaceId, space, rights, send, dispatch, announce, fail, t }: WallLayoutOptions) {
  const configure = Boolean(rights?.configure);

  const moveSections = async (sectionIds: string[]) => {
    if (!space) return;
    const settings = space.settings;
    dispatch({ type: 'space', space: { ...space, settings: { ...settings, sections: reorderSections(wallSettingsOf(settings).sections, sectionIds) } } });
    const answer = await send('wall:sections:reorder', { spaceId, sectionIds });
    if (!answer.ok) {
      dispatch({ type: 'space', space });
      fail(answer.code);
    }
  };

  const pin = async (card: WallCard) => {
    const pinned = !card.pinned;
    const answer = await send('wall:card:pin', { spaceId, cardId: card.id, pinned });
    if (answer.ok) announce(pinned ? t('card.pinDone') : t('card.unpinDone'));
    else fail(answer.code);
  };

  return {
    /** Given to the columns board only for those who configure the wall (the handles are shown then). */
    onReorderSections: configure ? (sectionIds: string[]) => void moveSections(sectionIds) : undefined,
    /** The card menu's pin entry, for those who configure the wall. */
    pinMoves: (card: WallCard): CardMove[] => (configure ? [{ labelKey: card.pinned ? 'card.unpin' : 'card.pin', run: () => void pin(card) }] : []),
  };
}
