import { ActionIcon, Group, Rating, Text, Tooltip, UnstyledButton } from '@mantine/core';
import type { WallReaction } from '../../../../shared/wall/settings';
import { TOUCH_TARGET_PX, touchTarget } from '../../app/layout/media';
import type { WallCard } from '../../../../shared/wall/types';
import { useWallT } from './i18n';

interface ReactionsProps {
  card: WallCard;
  type: WallReaction;
  userId: string;
  canReact: boolean;
  onReact: (value: number) => void;
}

/** The wall's one reaction type: a like, a 1–5 star rating, or a vote for or against. */
export function Reactions({ card, type, userId, canReact, onReact }: ReactionsProps) {
  const { t } = useWallT();
  const mine = card.reactions.find((reaction) => reaction.userId === userId)?.value ?? 0;
  if (type === 'like') {
    const count = card.reactions.filter((reaction) => reaction.value > 0).length;
    return (
      <UnstyledButton
        onClick={() => onReact(mine > 0 ? 0 : 1)}
        disabled={!canReact}
        aria-pressed={mine > 0}
        aria-label={`${t('reactions.like')}, ${t('reactions.likeCount', { count })}`}
        data-testid="wall-like"
        style={{ ...touchTarget, display: 'inline-flex', alignItems: 'center', justifyContent: 'center', gap: 4, padding: '2px 10px', borderRadius: 12, cursor: canReact ? 'pointer' : 'default' }}
      >
        <span aria-hidden="true" style={{ color: mine > 0 ? '#d6336c' : '#868e96', fontSize: 18 }}>
          {mine > 0 ? '♥' : '♡'}
        </span>
        <Text span fz="sm">
          {count}
        </Text>
      </UnstyledButton>
    );
  }
  if (type === 'star') {
    const ratings = card.reactions.filter((reaction) => reaction.value > 0);
    const average = ratings.length ? ratings.reduce((sum, reaction) => sum + reaction.value, 0) / ratings.length : 0;
    return (
      <Group gap={6} wrap="nowrap">
        <Rating
          value={mine}
          onChange={(value) => onReact(value === mine ? 0 : value)}
          readOnly={!canReact}
          size="xl"
          // Each star is a 44 px target (32 px star and its padding).
          styles={{ label: { padding: 6 } }}
          aria-label={t('reactions.star', { value: mine })}
        />
        <Text fz="xs" c="dimmed">
          {t('reactions.starAverage', { value: average.toLocaleString(undefined, { maximumFractionDigits: 1 }), count: ratings.length })}
        </Text>
      </Group>
    );
  }
  const score = card.reactions.reduce((sum, reaction) => sum + reaction.value, 0);
  return (
    <Group gap={4} wrap="nowrap">
      <Tooltip label={t('reactions.voteUp')}>
        <ActionIcon variant={mine === 1 ? 'filled' : 'subtle'} size={TOUCH_TARGET_PX} disabled={!canReact} aria-pressed={mine === 1} aria-label={t('reactions.voteUp')} onClick={() => onReact(mine === 1 ? 0 : 1)}>
          ▲
        </ActionIcon>
      </Tooltip>
      <Text fz="sm" aria-label={t('reactions.score', { value: score })}>
        {score}
      </Text>
      <Tooltip label={t('reactions.voteDown')}>
        <ActionIcon variant={mine === -1 ? 'filled' : 'subtle'} size={TOUCH_TARGET_PX} disabled={!canReact} aria-pressed={mine === -1} aria-label={t('reactions.voteDown')} onClick={() => onReact(mine === -1 ? 0 : -1)}>
          ▼
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
