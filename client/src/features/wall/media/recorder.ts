import { useCallback, useEffect, useRef, useState } from 'react';

/** What the recorder is doing: asking for the device, recording (with the seconds elapsed), or done. */
export type RecorderState =
  | { phase: 'idle' }
  | { phase: 'starting' }
  | { phase: 'recording'; seconds: number }
  | { phase: 'recorded'; blob: Blob; url: string; seconds: number }
  | { phase: 'failed'; reason: 'denied' | 'unsupported' };

/** The container the browser can record into, best first (Chromium: WebM/Opus; Safari: MP4). */
function recordingType(video: boolean): string | undefined {
  const candidates = video ? ['video/webm;codecs=vp8,opus', 'video/webm', 'video/mp4'] : ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus', 'audio/mp4'];
  return candidates.find((type) => typeof MediaRecorder !== 'undefined' && MediaRecorder.isTypeSupported(type));
}

/** « 1:05 » */
export function clock(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/**
 * Records a sound (or a video with the camera) in the browser with MediaRecorder, stopping by itself at
 * `maxSeconds`. The stream is shown live (`stream`, for the camera's preview) and released when the recording ends.
 */
export function useRecorder(options: { video: boolean; maxSeconds: number; bitsPerSecond: number }) {
  const { video, maxSeconds, bitsPerSecond } = options;
  const [state, setState] = useState<RecorderState>({ phase: 'idle' });
  const [stream, setStream] = useState<MediaStream | null>(null);
  const recorder = useRef<MediaRecorder | null>(null);
  const timer = useRef<number | null>(null);
  const urlRef = useRef<string | null>(null);

  const release = useCallback(() => {
    if (timer.current !== null) window.clearInterval(timer.current);
    timer.current = null;
    setStream((current) => {
      current?.getTracks().forEach((track) => track.stop());
      return null;
    });
  }, []);

  const stop = useCallback(() => {
    if (recorder.current?.state === 'recording') recorder.current.stop();
  }, []);

  const reset = useCallback(() => {
    stop();
    release();
    if (urlRef.current) URL.revokeObjectURL(urlRef.current);
    urlRef.current = null;
    setState({ phase: 'idle' });
  }, [release, stop]);

  const start = useCallback(async () => {
    reset();
    const type = recordingType(video);
    if (!navigator.mediaDevices?.getUserMedia || type === undefined) {
      setState({ phase: 'failed', reason: 'unsupported' });
      return;
    }
    setState({ phase: 'starting' });
    let media: MediaStream;
    try {
      media = await navigator.mediaDevices.getUserMedia(video ? { audio: true, video: { facingMode: 'environment', width: { ideal: 1280 }, height: { ideal: 720 } } } : { audio: true });
    } catch {
      setState({ phase: 'failed', reason: 'denied' });
      return;
    }
    setStream(media);
    const chunks: Blob[] = [];
    const rec = new MediaRecorder(media, { mimeType: type, ...(video ? { videoBitsPerSecond: bitsPerSecond } : { audioBitsPerSecond: bitsPerSecond }) });
    recorder.current = rec;
    const startedAt = performance.now();
    const elapsed = () => (performance.now() - startedAt) / 1000;
    rec.ondataavailable = (event) => {
      if (event.data.size > 0) chunks.push(event.data);
    };
    rec.onstop = () => {
      const seconds = Math.min(maxSeconds, elapsed());
      release();
      const blob = new Blob(chunks, { type: rec.mimeType || type });
      const url = URL.createObjectURL(blob);
      urlRef.current = url;
      setState({ phase: 'recorded', blob, url, seconds });
    };
    rec.start(1_000);
    setState({ phase: 'recording', seconds: 0 });
    timer.current = window.setInterval(() => {
      const seconds = elapsed();
      // The limit stops the recording by itself (what is said is kept).
      if (seconds >= maxSeconds) stop();
      else setState((current) => (current.phase === 'recording' ? { phase: 'recording', seconds } : current));
    }, 250);
  }, [bitsPerSecond, maxSeconds, release, reset, stop, video]);

  useEffect(
    () => () => {
      if (recorder.current?.state === 'recording') {
        recorder.current.onstop = null;
        recorder.current.stop();
      }
      release();
      if (urlRef.current) URL.revokeObjectURL(urlRef.current);
    },
    [release],
  );

  return { state, stream, start, stop, reset };
}

/** Waits for one event of a media element (or its error). */
function once(element: HTMLMediaElement, event: string, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timeout = window.setTimeout(() => reject(new Error(`${event} timed out`)), timeoutMs);
    element.addEventListener(event, () => (window.clearTimeout(timeout), resolve()), { once: true });
    element.addEventListener('error', () => (window.clearTimeout(timeout), reject(new Error('media error'))), { once: true });
  });
}

/**
 * The duration of a video file, read by the browser (NaN when it cannot be read). A file recorded by a browser
 * (WebM from MediaRecorder) often does not say its duration: seeking far past its end makes the browser find it.
 */
export async function durationOf(url: string): Promise<number> {
  const element = document.createElement('video');
  element.preload = 'metadata';
  element.muted = true;
  element.src = url;
  try {
    await once(element, 'loadedmetadata');
    if (element.duration === Infinity) {
      const found = once(element, 'durationchange').catch(() => undefined);
      element.currentTime = Number.MAX_SAFE_INTEGER;
      await found;
    }
    return element.duration;
  } catch {
    return Number.NaN;
  } finally {
    element.removeAttribute('src');
    element.load();
  }
}

/** The largest side of a poster frame, in pixels. */
const POSTER_MAX_SIDE = 640;

/**
 * A poster frame of a video (a JPEG drawn on a canvas): a moment into it when its duration is known (a file), its
 * first frame otherwise (a recording, whose duration the browser learns only at its end). Null when none can be drawn.
 */
export async function posterOf(url: string): Promise<Blob | null> {
  const element = document.createElement('video');
  element.preload = 'auto';
  element.muted = true;
  element.playsInline = true;
  element.src = url;
  try {
    await once(element, 'loadeddata');
    if (Number.isFinite(element.duration) && element.duration > 0.5) {
      element.currentTime = Math.min(1, element.duration / 3);
      await once(element, 'seeked');
    }
    const scale = Math.min(1, POSTER_MAX_SIDE / Math.max(element.videoWidth, element.videoHeight, 1));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(element.videoWidth * scale));
    canvas.height = Math.max(1, Math.round(element.videoHeight * scale));
    canvas.getContext('2d')?.drawImage(element, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.8));
  } catch {
    return null;
  } finally {
    element.removeAttribute('src');
    element.load();
  }
}
