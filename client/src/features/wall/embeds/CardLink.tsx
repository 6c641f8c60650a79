import { Anchor, Paper, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { FrameEmbed } from '../../../../../shared/wall/embeds';
import type { WallLink } from '../../../../../shared/wall/types';
import { fetchWalls } from '../api';
import { useWallT } from '../i18n';
import { LinkIcon } from '../icons';
import { wallPath } from '../paths';
import { FRAME_RULES } from './frames';
import { useEmbed } from './useEmbeds';

/**
 * A card's link: a whitelisted provider's player or exercise in a sandboxed frame (its address rebuilt from a
 * checked id, see shared/wall/embeds.ts), with the domain and a link to open it under it; a link to a wall of this
 * Préau as an internal link card; any other link as a plain link card that shows its domain.
 */
export function CardLink({ link, title }: { link: WallLink; title: string }) {
  const embed = useEmbed(link.url);
  if (embed?.kind === 'frame') return <EmbedFrame embed={embed} link={link} title={title} />;
  if (embed?.kind === 'wall') return <WallLinkCard spaceId={embed.spaceId} />;
  return <PlainLink link={link} />;
}

function PlainLink({ link }: { link: WallLink }) {
  const { t } = useWallT();
  return (
    <Anchor href={link.url} target="_blank" rel="noopener noreferrer nofollow" fz="sm" display="block" mt={4} aria-label={t('card.link', { domain: link.domain })} data-testid="wall-card-link">
      <LinkIcon />
      {link.domain}
    </Anchor>
  );
}

function EmbedFrame({ embed, link, title }: { embed: FrameEmbed; link: WallLink; title: string }) {
  const { t } = useWallT();
  const rule = FRAME_RULES[embed.provider];
  const frameTitle = t(`embed.frameTitle.${embed.provider}`, { title });
  return (
    <figure style={{ margin: '6px 0 0' }} data-testid="wall-card-embed" data-provider={embed.provider}>
      <iframe
        src={embed.src}
        title={frameTitle}
        sandbox={rule.sandbox}
        allow={rule.allow}
        referrerPolicy="strict-origin-when-cross-origin"
        loading="lazy"
        style={{ display: 'block', width: '100%', aspectRatio: rule.aspectRatio, border: 0, borderRadius: 6, background: '#212529' }}
      />
      <figcaption style={{ marginTop: 4 }}>
        <Anchor href={link.url} target="_blank" rel="noopener noreferrer nofollow" fz="sm" aria-label={t('embed.openLabel', { title: frameTitle, domain: link.domain })} data-testid="wall-card-embed-link">
          <LinkIcon />
          {t('embed.open', { domain: link.domain })}
        </Anchor>
      </figcaption>
    </figure>
  );
}

/**
 * A wall of this Préau, never framed (Préau keeps `frame-ancestors 'none'`): « Mur : <titre> » when the reader
 * may see that wall, a neutral « Un mur de l'école » otherwise; opening it goes through the wall's own rights.
 */
function WallLinkCard({ spaceId }: { spaceId: string }) {
  const { t } = useWallT();
  const walls = useQuery({ queryKey: ['walls'], queryFn: ({ signal }) => fetchWalls(signal), staleTime: 60_000 });
  const wall = walls.data?.find((space) => space.id === spaceId);
  return (
    <Paper withBorder radius="sm" p="xs" mt={6} data-testid="wall-card-wall-link">
      <Anchor component={Link} to={wallPath(spaceId)} fw={600} display="block">
        {wall ? t('embed.wall', { title: wall.title }) : t('embed.wallUnknown')}
      </Anchor>
      <Text fz="xs" c="dark.4">
        {t('embed.wallOpen')}
      </Text>
    </Paper>
  );
}

/**
 * A link as the print view and the moderation console show it: no frame, the provider when it is an embed, the
 * domain and the whole address (so what a card shows can be judged and kept on paper).
 */
export function LinkSummary({ link }: { link: WallLink }) {
  const { t } = useWallT();
  const embed = useEmbed(link.url);
  return (
    <Text fz="sm" data-testid="wall-link-summary" data-provider={embed?.kind === 'frame' ? embed.provider : undefined} style={{ overflowWrap: 'anywhere' }}>
      <LinkIcon />
      {embed?.kind === 'frame' && `${t('embed.summary', { provider: t(`embed.provider.${embed.provider}`) })} — `}
      {link.domain} — {link.url}
    </Text>
  );
}

