import { Alert, Button, Group, Progress, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { WALL_AUDIO_BITS_PER_SECOND, WALL_AUDIO_MAX_SECONDS, WALL_VIDEO_BITS_PER_SECOND, WALL_VIDEO_MAX_SECONDS } from '../../../../../shared/wall/limits';
import { touchTarget } from '../../../app/layout/media';
import { useWallT } from '../i18n';
import { clock, useRecorder } from './recorder';

interface RecorderPanelProps {
  video: boolean;
  busy: boolean;
  /** The recording is kept: the field sends it and puts it on the card. */
  onKeep: (blob: Blob, url: string) => void;
  onCancel: () => void;
}

/** The camera's live picture while filming (muted: what is said is recorded, not played back). */
function LivePreview({ stream }: { stream: MediaStream }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.srcObject = stream;
  }, [stream]);
  return <video ref={ref} autoPlay muted playsInline style={{ width: '100%', maxHeight: 240, background: '#000', borderRadius: 4 }} />;
}

/**
 * « Enregistrer un son » / « Filmer une vidéo »: records at once (the browser asks for the microphone or the camera),
 * shows the time against its limit and stops by itself there; then the recording can be listened to (or watched),
 * recorded again, or put on the card.
 */
export function RecorderPanel({ video, busy, onKeep, onCancel }: RecorderPanelProps) {
  const { t } = useWallT();
  const maxSeconds = video ? WALL_VIDEO_MAX_SECONDS : WALL_AUDIO_MAX_SECONDS;
  const { state, stream, start, stop } = useRecorder({ video, maxSeconds, bitsPerSecond: video ? WALL_VIDEO_BITS_PER_SECOND : WALL_AUDIO_BITS_PER_SECOND });
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void start();
  }, [start]);

  return (
    <div className="wall-media-recorder" data-testid={video ? 'wall-video-recorder' : 'wall-audio-recorder'} style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 6, padding: 8, marginTop: 6 }}>
      {state.phase === 'starting' && <Text fz="sm">{t('media.starting')}</Text>}
      {state.phase === 'failed' && (
        <Alert color="red" role="alert" py="xs">
          {t(state.reason === 'denied' ? 'media.denied' : 'media.unsupported')}
        </Alert>
      )}
      {state.phase === 'recording' && (
        <>
          {video && stream && <LivePreview stream={stream} />}
          <Text fz="sm" fw={600} role="timer" aria-live="off" data-testid="wall-media-timer">
            <span aria-hidden="true" style={{ color: 'var(--mantine-color-red-8)' }}>● </span>
            {t('media.recording', { elapsed: clock(state.seconds), max: clock(maxSeconds) })}
          </Text>
          <Progress value={(state.seconds / maxSeconds) * 100} size="sm" mt={4} aria-hidden="true" />
          <Button color="red" mt={6} onClick={stop} style={touchTarget} data-testid="wall-media-stop">
            {t('media.stop')}
          </Button>
        </>
      )}
      {state.phase === 'recorded' && (
        <>
          {state.seconds >= maxSeconds - 0.5 && <Text fz="sm">{t('media.limitReached', { max: clock(maxSeconds) })}</Text>}
          {video ? (
            <video controls playsInline src={state.url} style={{ width: '100%', maxHeight: 240, borderRadius: 4 }} data-testid="wall-media-preview" />
          ) : (
            <audio controls src={state.url} style={{ width: '100%' }} data-testid="wall-media-preview" />
          )}
          <Group gap="xs" mt={6}>
            <Button onClick={() => onKeep(state.blob, state.url)} loading={busy} style={touchTarget} data-testid="wall-media-keep">
              {t(video ? 'media.keepVideo' : 'media.keepAudio')}
            </Button>
            <Button variant="default" onClick={() => void start()} disabled={busy} style={touchTarget} data-testid="wall-media-again">
              {t('media.again')}
            </Button>
          </Group>
        </>
      )}
      {state.phase !== 'recorded' && state.phase !== 'recording' && (
        <Button variant="subtle" mt={6} onClick={onCancel} style={touchTarget}>
          {t('media.cancel')}
        </Button>
      )}
      {state.phase === 'recorded' && (
        <Button variant="subtle" mt={6} onClick={onCancel} disabled={busy} style={touchTarget}>
          {t('media.cancel')}
        </Button>
      )}
    </div>
  );
}
