import { VIEW_LOG_COALESCE_MS } from '../limits';

/**
 * Every rate limit of Préau, by name: `points` actions per `durationSeconds` window, per key (a user, or an IP
 * when nobody is signed in). One limiter library enforces them all (server/ratelimit), in memory on one node and
 * in Redis when REDIS_URL is set, so a limit holds across reconnections and nodes. Tests and operators may
 * override any of them through RATE_LIMITS (JSON, same shape), never by editing code.
 */
export interface RateLimit {
  points: number;
  durationSeconds: number;
  /** Once the points are spent, refuse the key for this long (default: until the window ends). */
  blockSeconds?: number;
}

export const RATE_LIMITS = {
  /** Yjs updates written to pads, per user across all their connections (typing sends a few a second). */
  collabUpdate: { points: 120, durationSeconds: 3 },
  /** Every collab frame (sync, presence, queries), per user. */
  collabMessage: { points: 300, durationSeconds: 3 },
  /** Presence updates (cursor moves), per user. */
  collabAwareness: { points: 150, durationSeconds: 3 },
  /**
   * The work of decoding, checking and applying pad updates, per user, in structs (an update's structs plus a
   * quarter of its deleted ranges, read on its bytes): the largest update a pad takes (PAD_MAX_UPDATE_*) fits,
   * typing (a few structs a keystroke) and pasting stay far below, a stream of large updates does not (a struct
   * costs about 10 µs, more on a busy machine), so no writer keeps the server busy.
   */
  collabWork: { points: 8_000, durationSeconds: 10 },

  /** REST, every API route, per signed-in user: a page load with a wall full of thumbnails fits, a script does not. */
  restUser: { points: 300, durationSeconds: 30 },
  /**
   * REST before sign-in, per client IP: generous, since a whole school signs in from one IP at 8:30 (700 pupils,
   * a few anonymous calls each, within minutes); a script hammering anonymous routes is still cut off.
   */
  restAnonymous: { points: 3_000, durationSeconds: 60 },
  /** Every Socket.IO event, per user across all their sockets: far above a class at work, far below a script. */
  socketEvent: { points: 200, durationSeconds: 10 },
  /** `system:ping` (latency checks), per user: clients need one every few seconds at most. */
  socketPing: { points: 10, durationSeconds: 10 },
  /** New wall cards, per user: a pupil writes one in a minute, a teacher preparing a wall a few. */
  wallCardCreate: { points: 20, durationSeconds: 60 },
  /** Wall moves (one per drop of a drag-and-drop), per user: a teacher rearranging fast stays under it. */
  wallCardMove: { points: 30, durationSeconds: 10 },
  /** Wall reactions (toggling a like), per user. */
  wallReact: { points: 30, durationSeconds: 10 },
  /** Wall comments, per user: each one is typed. */
  wallComment: { points: 15, durationSeconds: 60 },
  /** Chat writes (send, edit, delete), per user: a burst of 10, then 5 a second (the former token bucket). */
  chatWrite: { points: 10, durationSeconds: 2 },
  /** Chat typing indicators relayed, per user and room (beyond it they are silently not relayed). */
  chatTyping: { points: 1, durationSeconds: 2 },
  /** Forum writes (topics, replies, edits), per user: a burst of 6, then one a second (the former token bucket). */
  forumWrite: { points: 6, durationSeconds: 6 },
  /** How often a refusal of one limit for one key is logged (the rest are counted, not logged: bounded logs). */
  rateLimitLog: { points: 1, durationSeconds: 60 },
  /**
   * One `content.viewed` audit event per user and item in VIEW_LOG_COALESCE_MS (shared/limits.ts), across every
   * node (a user whose requests land on several nodes is logged once).
   */
  contentViewLog: { points: 1, durationSeconds: VIEW_LOG_COALESCE_MS / 1000 },

  // Sign-in (server/features/auth/throttle.ts). Each attempt spends its points BEFORE the password is checked.
  /** Failed sign-ins per client IP (IPv6: per /64) a minute, from unknown devices; a success gives back its own point. */
  signInIp: { points: 10, durationSeconds: 60 },
  /** Failed sign-ins on one account from one network (IPv4 /24, IPv6 /64) in an hour, from unknown devices. */
  signInAccountNetwork: { points: 30, durationSeconds: 3600 },
  /** Failed sign-ins on one account from every network together in an hour, from unknown devices. */
  signInAccount: { points: 100, durationSeconds: 3600 },
  /** Failed sign-ins on one account from browsers that signed in to it before (they skip the IP's limit). */
  signInKnownDevice: { points: 10, durationSeconds: 900 },
  /** Sign-ins with a one-time code per client IP in a minute (a code has about 40 bits: guessing is hopeless). */
  signInCodeIp: { points: 20, durationSeconds: 60 },
  /**
   * Sign-ins with a class card's link per client IP in a minute: a class of 30 tablets signing in at 8:30 behind
   * one address fits; a token has 192 bits, so the limit is against floods, not guessing.
   */
  signInCardIp: { points: 60, durationSeconds: 60 },
  /** How often refused sign-ins to one account are reported in the audit log (and to its teachers): coalesced. */
  signInAlert: { points: 1, durationSeconds: 900 },
  /** Downloads of « Mes données » (a ZIP of everything about a person, files included), per user: one a minute. */
  myDataExport: { points: 1, durationSeconds: 60 },
  /** Rectification requests sent, per user: a few an hour, never a flood of the direction's queue. */
  myDataRectification: { points: 5, durationSeconds: 3600 },
} as const satisfies Record<string, RateLimit>;

export type RateLimitName = keyof typeof RATE_LIMITS;
