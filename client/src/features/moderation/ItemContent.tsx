import { Anchor, Image, Stack, Text } from '@mantine/core';
import type { ModeratedDisplay, ModeratedKind } from '../../../../shared/moderation/types';
import { useFeatureT } from '../../i18n/feature';
import { RichTextView as ForumRichText } from '../forum/RichText';
import { FileIcon, LinkIcon } from '../wall/icons';
import { EmbedNote } from './EmbedNote';
import { RichTextView as WallRichText } from '../wall/RichTextView';
import '../wall/wall.css';
import { moderationI18n } from './i18n';

interface Props {
  display: ModeratedDisplay;
  kind: ModeratedKind;
  spaceId: string;
  /** The file can no longer be fetched (a deleted card's): its name and size are shown instead of the image. */
  fileGone?: boolean;
  testId?: string;
}

/** The wall's file route: the same URL, and the same rights, as the file on its card. */
const wallFileUrl = (spaceId: string, blobId: string, thumb: boolean): string =>
  `/api/walls/${encodeURIComponent(spaceId)}/files/${encodeURIComponent(blobId)}${thumb ? '/thumb' : ''}`;

/**
 * An item as its space shows it: a wall card's image, text, link and file; a forum post's title and rich text; a
 * comment's or a chat message's text; with the space's own renderers, so that a moderator judges what the class sees.
 */
export function ItemContent({ display, kind, spaceId, fileGone = false, testId }: Props) {
  const { t } = useFeatureT(moderationI18n);
  const { title, body, text, link, attachment } = display;
  const size = (bytes: number) => (bytes >= 1024 * 1024 ? t('content.sizeMb', { size: (bytes / 1024 / 1024).toFixed(1) }) : t('content.sizeKb', { size: Math.max(1, Math.round(bytes / 1024)) }));
  const onWall = kind === 'wallCard' || kind === 'wallComment';
  return (
    <Stack gap={6} mt={6} data-testid={testId} style={{ overflowWrap: 'anywhere' }}>
      {title && <Text fw={700}>{title}</Text>}
      {attachment?.kind === 'image' && onWall && !fileGone && (
        <Anchor href={wallFileUrl(spaceId, attachment.blobId, false)} target="_blank" rel="noopener" aria-label={t('content.openImage', { name: attachment.name })} display="block">
          <Image src={wallFileUrl(spaceId, attachment.blobId, attachment.hasThumb)} alt={title ?? attachment.name} radius="sm" fit="contain" mah={220} maw={360} data-testid="console-image" />
        </Anchor>
      )}
      {body && (kind === 'forumPost' ? <ForumRichText doc={body} /> : <WallRichText doc={body} />)}
      {text && (
        <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="console-text">
          {text}
        </Text>
      )}
      {link && (
        <Anchor href={link.url} target="_blank" rel="noopener noreferrer nofollow" fz="sm" aria-label={t('content.link', { domain: link.domain })}>
          <LinkIcon />
          {link.domain}
        </Anchor>
      )}
      {link && onWall && <EmbedNote url={link.url} />}
      {/* A card's sound or video, played here as on the wall (the browser's own player; its name and size follow). */}
      {attachment?.kind === 'audio' && onWall && !fileGone && <audio controls preload="metadata" src={wallFileUrl(spaceId, attachment.blobId, false)} aria-label={title ?? attachment.name} data-testid="console-media" style={{ maxWidth: 360 }} />}
      {attachment?.kind === 'video' && onWall && !fileGone && (
        <video controls playsInline preload="metadata" src={wallFileUrl(spaceId, attachment.blobId, false)} {...(attachment.hasThumb ? { poster: wallFileUrl(spaceId, attachment.blobId, true) } : {})} aria-label={title ?? attachment.name} data-testid="console-media" style={{ maxWidth: 360, maxHeight: 220 }} />
      )}
      {attachment &&
        (attachment.kind !== 'image' || fileGone || !onWall) &&
        (onWall && !fileGone ? (
          <Anchor href={`${wallFileUrl(spaceId, attachment.blobId, false)}?download=1`} fz="sm" data-testid="console-file">
            <FileIcon />
            {t('content.file', { name: attachment.name, size: size(attachment.size) })}
          </Anchor>
        ) : (
          <Text fz="sm" data-testid="console-file">
            <FileIcon />
            {t('content.file', { name: attachment.name, size: size(attachment.size) })}
          </Text>
        ))}
      {!title && !body && !text && !link && !attachment && (
        <Text c="dimmed" fz="sm">
          {t('content.empty')}
        </Text>
      )}
    </Stack>
  );
}
