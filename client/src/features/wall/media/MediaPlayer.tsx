import { Text } from '@mantine/core';
import type { WallAttachment } from '../../../../../shared/wall/types';
import { useWallT } from '../i18n';

const fileUrl = (spaceId: string, blobId: string, thumb = false) => `/api/walls/${encodeURIComponent(spaceId)}/files/${encodeURIComponent(blobId)}${thumb ? '/thumb' : ''}`;

/** Whether a card's file is a sound or a video (played in the card). */
export const isMedia = (attachment: WallAttachment | null | undefined): attachment is WallAttachment & { kind: 'audio' | 'video' } =>
  attachment?.kind === 'audio' || attachment?.kind === 'video';

/**
 * A card's sound or video, with the browser's own player (`controls`: keyboard and screen-reader friendly); a video
 * shows its poster frame until played. The file route serves byte ranges, so the player can seek.
 */
export function MediaPlayer({ spaceId, attachment, title, testId }: { spaceId: string; attachment: Pick<WallAttachment, 'blobId' | 'kind' | 'name' | 'hasThumb'>; title: string; testId: string }) {
  const { t } = useWallT();
  if (attachment.kind === 'audio') {
    return <audio controls preload="metadata" src={fileUrl(spaceId, attachment.blobId)} aria-label={t('media.audioOf', { title: title || attachment.name })} data-testid={testId} style={{ width: '100%', marginTop: 6 }} />;
  }
  if (attachment.kind === 'video') {
    return (
      <video
        controls
        playsInline
        preload="metadata"
        src={fileUrl(spaceId, attachment.blobId)}
        {...(attachment.hasThumb ? { poster: fileUrl(spaceId, attachment.blobId, true) } : {})}
        aria-label={t('media.videoOf', { title: title || attachment.name })}
        data-testid={testId}
        style={{ width: '100%', maxHeight: 320, marginTop: 6, borderRadius: 4, background: '#000' }}
      />
    );
  }
  return null;
}

/** The print view: a clear « Son » / « Vidéo » mention (paper plays nothing), with the video's poster frame. */
export function PrintedMedia({ spaceId, attachment }: { spaceId: string; attachment: WallAttachment }) {
  const { t } = useWallT();
  if (!isMedia(attachment)) return null;
  return (
    <div data-testid="wall-print-media">
      {attachment.kind === 'video' && attachment.hasThumb && <img src={fileUrl(spaceId, attachment.blobId, true)} alt="" style={{ maxWidth: '100%', maxHeight: 200 }} />}
      <Text fz="sm">{t(attachment.kind === 'audio' ? 'media.printAudio' : 'media.printVideo', { name: attachment.name })}</Text>
    </div>
  );
}
