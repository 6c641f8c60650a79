import type { EmbedProvider } from '../../../../../shared/wall/embeds';

/** How a provider's frame is sandboxed, which browser features it gets, and its shape. */
export interface FrameRule {
  sandbox: string;
  allow: string;
  /** Width / height; an exercise or a pad is taller than a video. */
  aspectRatio: string;
}

// No frame ever gets the camera, the microphone, the location, autoplay or payments: they are named 'none' so
// that no default can hand them over. No frame gets allow-popups, allow-top-navigation or allow-forms either: a
// player's « watch on the site » button stays inert, and the card's own « Ouvrir sur … » link opens the site.
const DENIED = "camera 'none'; microphone 'none'; geolocation 'none'; autoplay 'none'; payment 'none'; usb 'none'";
const VIDEO = `fullscreen; picture-in-picture; encrypted-media; ${DENIED}`;

/**
 * Per provider, only what it needs:
 * - every player and exercise is a script (allow-scripts) that reads its own origin's storage and cookies for its
 *   settings and state (allow-same-origin: its origin, not ours, since the frame is cross-origin; YouTube's and
 *   Vimeo's players refuse to play without it);
 * - YouTube and Vimeo can cast to a screen of the classroom (allow-presentation, the Presentation API);
 *   PeerTube, LearningApps and Digipad do not use it;
 * - videos may go full screen and picture-in-picture, and encrypted-media lets YouTube and Vimeo play the videos
 *   that need it; an exercise or a pad only goes full screen.
 */
export const FRAME_RULES: Record<EmbedProvider, FrameRule> = {
  youtube: { sandbox: 'allow-scripts allow-same-origin allow-presentation', allow: VIDEO, aspectRatio: '16 / 9' },
  vimeo: { sandbox: 'allow-scripts allow-same-origin allow-presentation', allow: VIDEO, aspectRatio: '16 / 9' },
  peertube: { sandbox: 'allow-scripts allow-same-origin', allow: VIDEO, aspectRatio: '16 / 9' },
  learningapps: { sandbox: 'allow-scripts allow-same-origin', allow: `fullscreen; ${DENIED}`, aspectRatio: '4 / 3' },
  digipad: { sandbox: 'allow-scripts allow-same-origin', allow: `fullscreen; ${DENIED}`, aspectRatio: '4 / 3' },
};
