import { Alert, Badge, Box, Button, Center, Group, Loader, Modal, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { ErrorCode } from '../../../../shared/errors';
import { canMoveCard, postsPending } from '../../../../shared/wall/policy';
import { wallSettingsOf } from '../../../../shared/wall/settings';
import type { WallCard, WallComment } from '../../../../shared/wall/types';
import { richTextToPlain } from '../../../../shared/richtext/validate';
import { touchTarget } from '../../app/layout/media';
import { WALL_CARD_PARAM } from '../spaces/itemPath';
import { CanvasBoard, ColumnsBoard, StreamBoard, type MoveRequest, type RenderCard } from './boards';
import { CardEditor, type CardDraft, type SaveResult } from './CardEditor';
import { CardView, type CardHandlers } from './CardView';
import { useWallT, type WallKey } from './i18n';
import { limitWords } from './limitWords';
import { isDarkBackground, WALL_BACKGROUND_COLORS } from './palette';
import { wallPrintPath } from './paths';
import { SettingsDrawer } from './SettingsDrawer';
import { usePersonalInfoCheck } from './usePersonalInfoCheck';
import { useWallLive } from './useWallLive';
import { MutedBanner, muteEndTime, useMutedUntil } from '../../lib/MutedBanner';
import { useRevealCards } from './useRevealCards';
import { useWallLayout } from './useWallLayout';
import { useWallModeration } from './useWallModeration';
import './wall.css';
import { getLiveState } from '../../lib/socket';
import { ArchivedNotice } from '../spaces/lifecycle/ArchivedNotice';

const KNOWN_ERRORS = new Set(['CONFLICT', 'FORBIDDEN', 'MUTED', 'NOT_FOUND', 'VALIDATION', 'PAYLOAD_TOO_LARGE', 'UNAVAILABLE']);
const errorKey = (code: ErrorCode | string): WallKey => (KNOWN_ERRORS.has(code) ? (`errors.${code}` as WallKey) : 'errors.other');

type Editing = { card: WallCard | null } | null;

/** One wall, live: its cards in the chosen layout, who is here, and what the user may do. */
export function WallPage() {
  const { spaceId = '' } = useParams();
  const { t, language } = useWallT();
  const { state, live, load, rights, send, resync, dispatch } = useWallLive(spaceId);
  const muted = useMutedUntil(state.mutedUntil);
  // `?carte=<id>` (from a notification): that card is scrolled to and highlighted once it is on the board.
  const highlighted = useSearchParams()[0].get(WALL_CARD_PARAM);
  const highlightShown = Boolean(highlighted && state.cards[highlighted] && rights);
  useEffect(() => {
    if (!highlightShown || !highlighted) return;
    const element = document.querySelector<HTMLElement>(`[data-card-id="${CSS.escape(highlighted)}"]`);
    element?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    element?.focus({ preventScroll: true });
  }, [highlighted, highlightShown]);
  const [editing, setEditing] = useState<Editing>(null);
  const [confirmDelete, setConfirmDelete] = useState<WallCard | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  // New cards scrolled into view: mine, and others' arriving in the column I look at (not under a dialog).
  const reveal = useRevealCards(state.cards, rights?.userId ?? null, Boolean(editing) || settingsOpen || confirmDelete !== null);
  const [announcement, setAnnouncement] = useState<{ text: string; error: boolean } | null>(null);
  const announceTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const announce = useCallback((text: string, error = false) => {
    setAnnouncement({ text, error });
    clearTimeout(announceTimer.current);
    announceTimer.current = setTimeout(() => setAnnouncement(null), 6_000);
  }, []);
  useEffect(() => () => clearTimeout(announceTimer.current), []);

  const settings = wallSettingsOf(state.space?.settings ?? {});
  const cards = useMemo(() => Object.values(state.cards), [state.cards]);
  const commentsByCard = useMemo(() => {
    const map = new Map<string, WallComment[]>();
    for (const comment of Object.values(state.comments).sort((a, b) => a.createdAt - b.createdAt)) map.set(comment.cardId, [...(map.get(comment.cardId) ?? []), comment]);
    return map;
  }, [state.comments]);

  // « C'est trop long ou trop gros » says the limits (the named limits of shared/wall).
  const errorText = useCallback((code: ErrorCode | string) => t(errorKey(code), limitWords(t, language)), [t, language]);
  const fail = useCallback((code: ErrorCode | string) => announce(errorText(code), true), [announce, errorText]);
  const moderation = useWallModeration({ spaceId, rights, send, announce, fail });
  const personalInfo = usePersonalInfoCheck(rights);
  const layout = useWallLayout({ spaceId, space: state.space, rights, send, dispatch, announce, fail, t });

  /** Tells the author when what they sent waits for review, in words a child understands. */
  const announceHeld = useCallback(
    (card: WallCard, edited: boolean) => {
      if (edited && card.pendingEdit) announce(card.personalInfo ? t('card.editHeldPersonalInfo') : t('card.editHeld'));
      else if (!edited && card.status === 'pending') announce(card.personalInfo ? t('card.heldPersonalInfo') : t('card.heldPending'));
    },
    [announce, t],
  );

  const handlers: CardHandlers = {
    onEdit: async (card) => {
      const answer = await send('wall:card:lock', { spaceId, cardId: card.id });
      if (!answer.ok) {
        if (answer.code === 'CONFLICT') announce(t('card.lockedBy', { name: answer.issues?.[0]?.message ?? '' }), true);
        else fail(answer.code);
        return;
      }
      setEditing({ card });
    },
    onDelete: (card) => {
      if (!moderation.deleteCard(card)) setConfirmDelete(card);
    },
    onApprove: async (card) => {
      const answer = await send('wall:card:approve', { spaceId, cardId: card.id });
      if (answer.ok) announce(card.pendingEdit ? t('card.editApproved') : t('card.approved'));
      else fail(answer.code);
    },
    onReact: async (card, value) => {
      const answer = await send('wall:card:react', { spaceId, cardId: card.id, value });
      if (!answer.ok) fail(answer.code);
    },
    onComment: async (card, text) => {
      if (!(await personalInfo.check(text))) return false;
      const answer = await send('wall:comment:create', { spaceId, cardId: card.id, text });
      if (!answer.ok) fail(answer.code);
      else if (answer.data.comment.status === 'pending') announce(t('comments.heldPersonalInfo'));
      return answer.ok;
    },
    onDeleteComment: moderation.deleteComment,
    onModerate: moderation.moderate,
  };

  const onMove = async (move: MoveRequest) => {
    const { cardId, ...changes } = move;
    dispatch({ type: 'localMove', cardId, changes });
    const answer = await send('wall:card:move', { spaceId, cardId, ...changes });
    if (!answer.ok) {
      fail(answer.code);
      await resync();
    }
  };

  const closeEditor = () => {
    if (editing?.card) void send('wall:card:unlock', { spaceId, cardId: editing.card.id });
    setEditing(null);
  };

  const save = async (draft: CardDraft, baseVersion: number | null): Promise<SaveResult> => {
    const content = { title: draft.title, body: draft.body, link: draft.link || null, attachmentId: draft.attachment?.blobId ?? null, color: draft.color };
    // « Corriger » keeps the editor open with the text; « Envoyer quand même » sends it to be held for review.
    if (!(await personalInfo.check([draft.title, draft.body ? richTextToPlain(draft.body) : '', draft.link].join('\n')))) return { ok: false, conflict: false, message: '' };
    const answer = editing?.card
      ? await send('wall:card:edit', { spaceId, cardId: editing.card.id, version: baseVersion ?? editing.card.version, changes: content })
      : await send('wall:card:create', { spaceId, ...content, ...(draft.sectionId ? { sectionId: draft.sectionId } : {}) });
    if (answer.ok) {
      announceHeld(answer.data.card, Boolean(editing?.card));
      if (!editing?.card) reveal(answer.data.card.id);
      closeEditor();
      return { ok: true };
    }
    if (answer.code === 'CONFLICT') {
      await resync();
      return { ok: false, conflict: true, message: t('errors.CONFLICT') };
    }
    // Offline, the answer comes at once (not after the ack timeout) and says the draft waits for the network.
    if (answer.code === 'UNAVAILABLE' && getLiveState() !== 'online') return { ok: false, conflict: false, message: t('errors.offline') };
    return { ok: false, conflict: false, message: errorText(answer.code) };
  };

  const renderCard: RenderCard = (card, options) =>
    rights ? (
      <CardView
        key={card.id}
        card={card}
        comments={commentsByCard.get(card.id) ?? []}
        rights={rights}
        lock={state.locks[card.id]}
        handlers={handlers}
        highlighted={card.id === highlighted}
        moves={[...options.moves, ...layout.pinMoves(card)]}
        dragHandle={options.dragHandle}
        {...(options.style ? { style: options.style } : {})}
        {...(options.setRef ? { setRef: options.setRef } : {})}
      />
    ) : null;

  if (load.status === 'error') {
    return (
      <Alert color="red" role="alert" maw={640}>
        {load.code === 'FORBIDDEN' || load.code === 'NOT_FOUND' ? t('page.notFound') : errorText(load.code)}
      </Alert>
    );
  }
  if (load.status === 'loading' || !state.space || !rights) {
    return (
      <Center py="xl" role="status">
        <Loader aria-hidden="true" />
        <Text ml="sm">{t('page.loading')}</Text>
      </Center>
    );
  }

  const space = state.space;
  const dark = isDarkBackground(settings.background);
  const canMove = (card: WallCard) => canMoveCard(rights, card);
  const boardProps = { cards, canMove, onMove: (move: MoveRequest) => void onMove(move), renderCard };

  return (
    <Stack gap="md" className="wall-page">
      <title>{space.title}</title>
      <Group justify="space-between" align="flex-start" gap="sm">
        <div>
          <Title order={1}>{space.title}</Title>
          <ArchivedNotice space={space} />
          <Group gap="xs" mt={4}>
            <Badge variant="light" color={live === 'online' ? 'green' : 'orange'} data-testid="wall-live">
              {live === 'online' ? t('page.live') : t('page.reconnecting')}
            </Badge>
            <Badge variant="light" data-testid="wall-presence">
              {t('page.present', { count: state.present })}
            </Badge>
          </Group>
        </div>
        <Group gap="xs" className="wall-no-print">
          {rights.post && (
            <Button onClick={() => setEditing({ card: null })} disabled={muted !== null} data-testid="wall-add-card" style={touchTarget}>
              {t('page.addCard')}
            </Button>
          )}
          {rights.configure && (
            <Button variant="default" onClick={() => setSettingsOpen(true)} data-testid="wall-settings" style={touchTarget}>
              {t('page.settings')}
            </Button>
          )}
          {/* The JSON export is the teachers' (the server refuses it to anyone else); every reader may print. */}
          {rights.export && (
            <Button variant="default" component="a" href={`/api/walls/${encodeURIComponent(space.id)}/export?download=1`} download style={touchTarget}>
              {t('page.export')}
            </Button>
          )}
          <Button variant="default" component={Link} to={wallPrintPath(space.id)} style={touchTarget}>
            {t('page.print')}
          </Button>
        </Group>
      </Group>
      {live === 'closed' && <Alert color="red">{t('page.closed')}</Alert>}
      {!rights.post && settings.whoCanPost === 'closed' && <Text c="dimmed">{t('page.postingClosed')}</Text>}
      {muted !== null && <MutedBanner text={t('page.muted', { time: muteEndTime(muted, language) })} testId="wall-muted" />}
      {settings.preModeration && <Text fz="sm" c="dimmed">{t('page.preModerationNotice')}</Text>}
      <div aria-live="polite" role="status" className="wall-announce">
        {announcement && (
          <Alert color={announcement.error ? 'red' : 'green'} variant="light" py="xs" data-testid="wall-announcement">
            {announcement.text}
          </Alert>
        )}
      </div>
      <Box p={{ base: 'xs', sm: 'md' }} style={{ background: WALL_BACKGROUND_COLORS[settings.background], borderRadius: 12, minHeight: 300 }} aria-label={t('page.boardLabel', { title: space.title })} role="region" data-testid="wall-board" data-layout={settings.layout}>
        {cards.length === 0 && <Text c={dark ? 'white' : 'dimmed'}>{t('page.empty')}</Text>}
        {settings.layout === 'columns' && <ColumnsBoard {...boardProps} sections={settings.sections} dark={dark} onReorderSections={layout.onReorderSections} />}
        {settings.layout === 'stream' && <StreamBoard {...boardProps} streamOrder={settings.streamOrder} />}
        {settings.layout === 'canvas' && <CanvasBoard {...boardProps} />}
      </Box>

      {editing && (
        <CardEditor
          spaceId={space.id}
          card={editing.card}
          latest={editing.card ? (state.cards[editing.card.id] ?? null) : null}
          sections={[...settings.sections].sort((a, b) => a.order - b.order)}
          showSections={settings.layout === 'columns'}
          pendingNotice={postsPending(rights)}
          onSave={save}
          onClose={closeEditor}
          {...(editing.card ? { onRenewLock: () => void send('wall:card:lock', { spaceId, cardId: editing.card!.id }) } : {})}
        />
      )}
      <Modal opened={confirmDelete !== null} onClose={() => setConfirmDelete(null)} title={t('card.delete')}>
        <Text mb="md">{t('card.deleteConfirm', { title: confirmDelete?.title || t('card.untitled') })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirmDelete(null)}>
            ✕
          </Button>
          <Button
            color="red"
            data-testid="wall-confirm-delete"
            onClick={async () => {
              const card = confirmDelete;
              setConfirmDelete(null);
              if (!card) return;
              const answer = await send('wall:card:delete', { spaceId, cardId: card.id });
              if (answer.ok) announce(t('card.deleted'));
              else fail(answer.code);
            }}
          >
            {t('card.delete')}
          </Button>
        </Group>
      </Modal>
      {moderation.modal}
      {personalInfo.modal}
      {/* Settings are the teachers' (configure): a pupil moderator moderates, they do not get the drawer at all. */}
      {rights.configure && <SettingsDrawer space={space} opened={settingsOpen} onClose={() => setSettingsOpen(false)} onSaved={(saved) => dispatch({ type: 'space', space: { ...saved, rights: space.rights } })} />}
    </Stack>
  );
}
