/**
 * Named limits of the collaborative wall and of file uploads, shared by the server (which enforces them) and the
 * client (which tells the user before sending). Sizes are in bytes.
 */

/** A card's title, in characters. */
export const WALL_TITLE_MAX = 120;
/** A card's text, in characters as read (a card is a short note: longer writing belongs in a pad). */
export const WALL_BODY_MAX_CHARS = 2_000;
/** A card's rich text, as JSON characters (well under the editor's own limit: a card is not a pad). */
export const WALL_BODY_MAX_JSON_CHARS = 20_000;
/** A link's URL, in characters. */
export const WALL_LINK_MAX = 2_000;
/** A comment, in characters (one level of comments, plain text). */
export const WALL_COMMENT_MAX = 1_000;
/** Cards on one wall, deleted ones excluded: past this, posting is refused with a clear message. */
export const WALL_MAX_CARDS = 500;
/** Comments under one card. */
export const WALL_MAX_COMMENTS_PER_CARD = 200;
/** Sections (columns) of one wall. */
export const WALL_MAX_SECTIONS = 20;
/** A section's title, in characters. */
export const WALL_SECTION_TITLE_MAX = 60;
/** The free canvas, in CSS pixels: positions are clamped into it. */
export const WALL_CANVAS_WIDTH = 2_400;
export const WALL_CANVAS_HEIGHT = 1_600;
/** A soft lock ("en cours de modification par X") lasts this long unless its holder renews it. */
export const WALL_LOCK_TTL_MS = 30_000;
/** How often an editing client renews its soft lock. */
export const WALL_LOCK_RENEW_MS = 10_000;
/**
 * A client catching up asks for everything since its last known seq minus this margin: operations of other
 * nodes that were numbered before but persisted after the last one it saw are still covered. Replays are
 * harmless (a card is replaced only by a newer seq).
 */
export const WALL_SYNC_OVERLAP = 50;
/**
 * A node keeps the walls it serves (the space, mutes, rights) between operations, dropped at once by every space or
 * rights change it is told of; it reloads each one after this long whatever happens (a bound for changes it might
 * not be told of, e.g. from another node).
 */
export const WALL_CACHE_TTL_MS = 1_000;
/** How many walls a node keeps at most (the oldest loaded is forgotten first). */
export const WALL_CACHE_MAX_WALLS = 5_000;
/**
 * A wall's changes for the same viewers within this long leave as one frame per socket (`wall:changes`) rather than
 * one each: at class scale a frame per change and viewer is most of the server's work. It adds at most this much to
 * when a change is seen. Servers may set another (`WALL_BROADCAST_WINDOW_MS`; 0: each change leaves at once).
 */
export const WALL_BROADCAST_WINDOW_MS = 30;

/** The files a card may carry, as browsers name their types (the server reads the bytes to be sure). */
export const WALL_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;
export const WALL_FILE_TYPES = [...WALL_IMAGE_TYPES, 'application/pdf'] as const;

/** The largest image accepted before processing (it is then resized and re-encoded). */
export const IMAGE_MAX_BYTES = 8 * 1024 * 1024;
/** The largest PDF accepted. */
export const PDF_MAX_BYTES = 10 * 1024 * 1024;

/**
 * Card media (sound and video), stored as recorded or uploaded: never transcoded on the server, their container
 * checked by its first bytes (WebM, Ogg, MP4/M4A). A sound is recorded in the browser (« Enregistrer un son »: a
 * pupil reads a poem aloud) and stops by itself at its time limit; a video is recorded with the camera (stopped at
 * its limit) or uploaded (its duration read by the browser before sending). The server enforces the bytes.
 */
export const WALL_AUDIO_MAX_SECONDS = 180;
export const WALL_AUDIO_MAX_BYTES = 5 * 1024 * 1024;
export const WALL_VIDEO_MAX_SECONDS = 120;
export const WALL_VIDEO_MAX_BYTES = 25 * 1024 * 1024;
/** What the recorder asks of the browser per second (a 2-minute video then fits in its limit). */
export const WALL_VIDEO_BITS_PER_SECOND = 1_000_000;
export const WALL_AUDIO_BITS_PER_SECOND = 64_000;
/** Video files a card may carry, as browsers name their types (offered by « Envoyer une vidéo »). */
export const WALL_VIDEO_TYPES = ['video/webm', 'video/ogg', 'video/mp4'] as const;

/** The largest upload of any kind: busboy stops reading past it. */
export const UPLOAD_MAX_BYTES = Math.max(IMAGE_MAX_BYTES, PDF_MAX_BYTES, WALL_AUDIO_MAX_BYTES, WALL_VIDEO_MAX_BYTES);
/** Images are scaled down to fit in this square (pixels), and thumbnails to this one. */
export const IMAGE_MAX_SIDE = 1_600;
export const THUMB_MAX_SIDE = 480;
/** Images larger than this many pixels are refused before decoding (decompression bombs). */
export const IMAGE_MAX_INPUT_PIXELS = 50_000_000;

/** A file uploaded but never attached to a card (an abandoned form) is deleted after this long. */
export const BLOB_ORPHAN_TTL_MS = 24 * 60 * 60 * 1000;

const MB = 1024 * 1024;
/**
 * Storage quotas per profile (BRIEF rule 12): what one user's files may take in all, thumbnails included.
 * A user holding several profiles gets the largest of theirs.
 */
export const STORAGE_QUOTA_BYTES = {
  pupil: 50 * MB,
  parent: 20 * MB,
  guest: 20 * MB,
  staff: 100 * MB,
  teacher: 500 * MB,
  director: 500 * MB,
  admin: 500 * MB,
} as const;

/**
 * A drawing made on a card (client/src/features/wall/drawing): its canvas in pixels (the PNG it saves has exactly
 * this size, within IMAGE_MAX_SIDE so it is never scaled down), and how many strokes and points per stroke it may hold
 * (an undo history and a PNG of bounded cost on a school tablet).
 */
export const WALL_DRAWING_WIDTH = 800;
export const WALL_DRAWING_HEIGHT = 600;
export const WALL_DRAWING_MAX_STROKES = 400;
export const WALL_DRAWING_MAX_POINTS = 2_000;
