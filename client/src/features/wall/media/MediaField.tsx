import { Alert, Button, Group, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import { IMAGE_MAX_BYTES, WALL_AUDIO_MAX_BYTES, WALL_AUDIO_MAX_SECONDS, WALL_VIDEO_MAX_BYTES, WALL_VIDEO_MAX_SECONDS, WALL_VIDEO_TYPES } from '../../../../../shared/wall/limits';
import type { UploadedFile, WallAttachment } from '../../../../../shared/wall/types';
import { touchTarget } from '../../../app/layout/media';
import { uploadWallFile } from '../api';
import { useWallT } from '../i18n';
import { limitWords } from '../limitWords';
import { uploadPoster } from './api';
import { MediaPlayer, isMedia } from './MediaPlayer';
import { clock, durationOf, posterOf } from './recorder';
import { RecorderPanel } from './RecorderPanel';

interface MediaFieldProps {
  spaceId: string;
  /** The card's file: a sound or a video is played here before publishing; another file leaves no room for one. */
  attachment: WallAttachment | null;
  onAttach: (file: UploadedFile) => void;
  /** Told while a file is being sent (the card cannot be saved meanwhile). */
  onBusy?: (busy: boolean) => void;
}

const MB = 1024 * 1024;
const extensionOf = (type: string) => (type.includes('mp4') ? 'mp4' : type.includes('ogg') ? 'ogg' : 'webm');

/**
 * The card's media: « Enregistrer un son », « Prendre une photo » (the tablet's camera; the photo goes through the
 * same path as an uploaded image, its position and camera data removed), « Filmer une vidéo » and « Envoyer une
 * vidéo » (its duration read here before sending; a poster frame drawn from it and sent with it).
 */
export function MediaField({ spaceId, attachment, onAttach, onBusy }: MediaFieldProps) {
  const { t, language } = useWallT();
  const [panel, setPanel] = useState<'audio' | 'video' | null>(null);
  const [busy, setBusyState] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The file pickers are made on demand and never put in the page: the card's own file field stays its one input.
  const picker = useRef<HTMLInputElement | null>(null);
  const pick = (accept: string, capture: boolean, onPick: (file: File | undefined) => Promise<void>) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    if (capture) input.setAttribute('capture', 'environment');
    input.addEventListener('change', () => void onPick(input.files?.[0]), { once: true });
    picker.current = input;
    input.click();
  };
  const megabytes = (bytes: number) => t('units.megabytes', { value: new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(bytes / MB) });

  const setBusy = (value: boolean) => {
    setBusyState(value);
    onBusy?.(value);
  };

  /** Sends a file (and a video's poster frame), and puts it on the card; says why when it is refused. */
  const send = async (file: File, posterUrl: string | null): Promise<boolean> => {
    setError(null);
    setBusy(true);
    try {
      const answer = await uploadWallFile(spaceId, file);
      if (!answer.ok) {
        // The file field's words name images and PDFs: a sound or a video is told its own.
        const media = file.type.startsWith('audio/') || file.type.startsWith('video/');
        const max = file.type.startsWith('audio/') ? WALL_AUDIO_MAX_BYTES : WALL_VIDEO_MAX_BYTES;
        if (media && answer.reason === 'upload.type') setError(t('media.type'));
        else if (media && answer.reason === 'upload.tooLarge') setError(t('media.tooLarge', { max: megabytes(max) }));
        else setError(t(answer.reason, limitWords(t, language)));
        return false;
      }
      let uploaded = answer.file;
      if (uploaded.kind === 'video' && posterUrl) {
        const poster = await posterOf(posterUrl);
        if (poster) uploaded = (await uploadPoster(spaceId, uploaded.blobId, poster)) ?? uploaded;
      }
      onAttach(uploaded);
      setPanel(null);
      return true;
    } finally {
      setBusy(false);
    }
  };

  const keepRecording = (video: boolean) => (blob: Blob, url: string) => {
    const max = video ? WALL_VIDEO_MAX_BYTES : WALL_AUDIO_MAX_BYTES;
    if (blob.size > max) {
      setError(t('media.tooLarge', { max: megabytes(max) }));
      return;
    }
    const name = `${t(video ? 'media.videoFileName' : 'media.audioFileName')}.${extensionOf(blob.type)}`;
    void send(new File([blob], name, { type: blob.type }), video ? url : null);
  };

  const pickPhoto = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > IMAGE_MAX_BYTES) return setError(t('media.tooLarge', { max: megabytes(IMAGE_MAX_BYTES) }));
    await send(file, null);
  };

  const pickVideo = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > WALL_VIDEO_MAX_BYTES) return setError(t('media.tooLarge', { max: megabytes(WALL_VIDEO_MAX_BYTES) }));
    const url = URL.createObjectURL(file);
    try {
      const duration = await durationOf(url);
      if (Number.isNaN(duration)) return setError(t('media.unreadable'));
      // A duration the browser cannot find (Infinity) is left to the server's limit on bytes.
      if (Number.isFinite(duration) && duration > WALL_VIDEO_MAX_SECONDS) return setError(t('media.tooLong', { max: clock(WALL_VIDEO_MAX_SECONDS) }));
      await send(file, url);
    } finally {
      URL.revokeObjectURL(url);
    }
  };

  if (attachment && isMedia(attachment)) {
    return <MediaPlayer spaceId={spaceId} attachment={attachment} title="" testId="wall-editor-media" />;
  }
  if (attachment) return null;

  return (
    <div data-testid="wall-media-field">
      {panel === null ? (
        <Group gap="xs" mt={6}>
          <Button variant="default" onClick={() => setPanel('audio')} disabled={busy} style={touchTarget} data-testid="wall-audio-button">
            {t('media.recordAudio')}
          </Button>
          <Button variant="default" onClick={() => pick('image/*', true, pickPhoto)} loading={busy} style={touchTarget} data-testid="wall-camera-button">
            {t('media.takePhoto')}
          </Button>
          <Button variant="default" onClick={() => setPanel('video')} disabled={busy} style={touchTarget} data-testid="wall-video-record-button">
            {t('media.recordVideo')}
          </Button>
          <Button variant="default" onClick={() => pick(WALL_VIDEO_TYPES.join(','), false, pickVideo)} disabled={busy} style={touchTarget} data-testid="wall-video-file-button">
            {t('media.uploadVideo')}
          </Button>
        </Group>
      ) : (
        <RecorderPanel key={panel} video={panel === 'video'} busy={busy} onKeep={keepRecording(panel === 'video')} onCancel={() => setPanel(null)} />
      )}
      <Text fz="xs" c="dimmed" mt={4}>
        {t('media.hint', { audio: clock(WALL_AUDIO_MAX_SECONDS), video: clock(WALL_VIDEO_MAX_SECONDS), videoSize: megabytes(WALL_VIDEO_MAX_BYTES) })}
      </Text>
      {error && (
        <Alert color="red" role="alert" py="xs" mt={4}>
          {error}
        </Alert>
      )}
    </div>
  );
}
