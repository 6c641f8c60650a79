/**
 * The pad's named limits (BRIEF: every size, rate and count is a named constant), shared by the collab server,
 * the REST routes, the client and the tests.
 */
import { COLLAB_MAX_MESSAGE_BYTES } from '../limits';

/** Largest collab WebSocket frame (sync or awareness); a larger one closes that connection (1009). */
export const PAD_MAX_MESSAGE_BYTES = COLLAB_MAX_MESSAGE_BYTES;
/** Largest pad, as its encoded Yjs state: an update that would grow it beyond is refused (close 4413). */
export const PAD_MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

/*
 * What one update may carry, checked on its bytes before anything decodes it (a frame of 20,000 one-character
 * paragraphs took 0.3–1.3 s to decode, check and apply): a paste of a long text (a few hundred paragraphs with
 * their formatting) stays well inside. Beyond, the connection is closed (4413) and nothing is applied.
 */
/** Structs (inserted items, garbage-collected or skipped ranges) in one update. */
export const PAD_MAX_UPDATE_STRUCTS = 3_000;
/** New nodes (Yjs types: paragraphs, list items, text runs…) one update may create. */
export const PAD_MAX_UPDATE_NODES = 1_000;
/** Yjs client ids whose items one update carries (the editor's own, a few after an offline spell or a reload). */
export const PAD_MAX_UPDATE_CLIENTS = 16;
/** Deleted ranges one update may carry (deleting a whole long pad written by many pupils stays inside). */
export const PAD_MAX_UPDATE_DELETE_RANGES = 20_000;
/** Bytes of one attribute value (a node's attribute, a mark's attributes). */
export const PAD_MAX_ATTRIBUTE_BYTES = 2_048;
/** Longest attribute or mark name. */
export const PAD_MAX_ATTRIBUTE_NAME_CHARS = 64;
/** Nesting of a value inside an attribute (attributes are numbers and short strings: nothing needs more). */
export const PAD_MAX_ATTRIBUTE_DEPTH = 4;
/**
 * Deepest nesting of a pad's nodes (a top-level paragraph is at 1; each list level counts its list and its item):
 * deeper is refused (4422), so no pad holds the 5,000-deep quotes that would overflow a renderer's stack.
 */
export const PAD_MAX_DEPTH = 16;
/**
 * Nodes one pad may hold (each costs about 2 KB of server memory while the pad is open): about 6,000
 * paragraphs, far beyond a class's text. An update that would go beyond is refused (4413).
 */
export const PAD_MAX_NODES = 15_000;
/**
 * Deleted ranges cost about a quarter of a struct to apply: they count as that in the work an update costs, spent
 * from the user's `collabWork` limit (shared/ratelimit/limits.ts) before it is decoded.
 */
export const PAD_DELETE_RANGES_PER_WORK_UNIT = 4;

/**
 * Updates, frames and presence are rate-limited per user across all their connections and reconnections, by the
 * one limiter service: `collabUpdate`, `collabMessage` and `collabAwareness` in `shared/ratelimit/limits.ts`.
 * Frames of one connection waiting for their turn (they are handled strictly in order); more closes it (4429).
 */
export const PAD_MAX_QUEUED_FRAMES = 256;

/** Largest awareness (presence, caret) message from a connection that may write… */
export const PAD_MAX_AWARENESS_BYTES = 4 * 1024;
/** …and from a read-only one (a parent's caret needs little). */
export const PAD_MAX_READONLY_AWARENESS_BYTES = 1024;
/** Awareness states (browser tabs) one connection may publish. */
export const PAD_MAX_AWARENESS_CLIENTS_PER_CONNECTION = 4;

/**
 * Yjs client ids a loaded pad remembers as claimed without accepted content (by presence, or by a refused write,
 * which refuses that id for good); a connection that would go beyond is closed (4422). Ids with content belong to
 * their author through attribution, without limit.
 */
export const PAD_MAX_CLAIMED_CLIENTS = 4_096;
/** Yjs client ids one connection may claim that way (an editor uses one; a raw client forging more is closed). */
export const PAD_MAX_CLAIMS_PER_CONNECTION = 4;
/** A connection whose updates are refused is told at most this often (the first refusal is always told). */
export const PAD_REFUSAL_NOTICE_INTERVAL_MS = 1_000;
/** Messages buffered while a connection is being authenticated and its pad loaded; more closes it. */
export const PAD_MAX_MESSAGES_BEFORE_READY = 64;
/** Bytes queued towards a slow reader before the server drops it (it reconnects and resyncs). */
export const PAD_MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** A connection that answers no ping for this long is closed. */
export const PAD_KEEPALIVE_MS = 30_000;

/** A pad stays in memory this long after its last connection leaves. */
export const PAD_UNLOAD_GRACE_MS = 30_000;
/**
 * Pads' changes are flushed (persisted together in one store write, then relayed) at most once per this interval,
 * so under load one frame carries every change of a pad in that interval; after a quiet spell the next flush is at
 * once.
 */
export const PAD_FLUSH_INTERVAL_MS = 20;
/** Frames a flush relays before it lets the event loop read incoming frames (at least one pad's at a time). */
export const PAD_FLUSH_MAX_FRAMES = 300;
/** Accepted updates are durable before they are relayed; this bounds how long a store hiccup may hold them. */
export const PAD_PERSIST_MAX_DELAY_MS = 2_000;
/** The update log of a pad is compacted into its snapshot past this many rows… */
export const PAD_COMPACT_AFTER_ROWS = 500;
/** …or this many bytes of updates. */
export const PAD_COMPACT_AFTER_BYTES = 512 * 1024;

/** While a pad is being edited, an automatic version is kept at most this often. */
export const PAD_AUTO_VERSION_INTERVAL_MS = 10 * 60 * 1000;
/** Automatic versions kept per pad (the oldest go first); named versions are kept until redaction or deletion. */
export const PAD_MAX_AUTO_VERSIONS = 30;
/** Named versions per pad. */
export const PAD_MAX_NAMED_VERSIONS = 100;
/** Length of a version's name. */
export const PAD_VERSION_NAME_MAX = 80;

/** One user's edits in one pad are written to the audit log once per window (edit activity, coalesced). */
export const PAD_EDIT_AUDIT_WINDOW_MS = 60_000;
/** A refused write from a read-only connection is audited at most once per window per connection. */
export const PAD_DENIAL_AUDIT_WINDOW_MS = 60_000;

/** A redacted passage: long enough not to erase every "le" of the pad, short enough to be a passage. */
export const PAD_REDACT_MIN_CHARS = 3;
export const PAD_REDACT_MAX_CHARS = 1_000;
/** Passages in one redaction (a selection over several paragraphs gives one per paragraph). */
export const PAD_REDACT_MAX_PASSAGES = 50;

/**
 * The personal-information guard of pads (« pad reports »): pupils' new text is checked off the hot path, this
 * long after the first unchecked change of a pad (so a number typed digit by digit is seen whole at the next
 * check at the latest), never per keystroke.
 */
export const PAD_PII_CHECK_DELAY_MS = 2_000;
/** Up to this much is added at random to each pad's delay, so pads that started together are not checked together. */
export const PAD_PII_CHECK_JITTER_MS = 1_000;
/** Characters of context read around new text (a phone number or an address is shorter). */
export const PAD_PII_CONTEXT_CHARS = 80;
/** Paragraphs looked at in one check at most (a paste of a whole text counts its first ones). */
export const PAD_PII_MAX_PARAGRAPHS = 200;
/** Characters around a finding quoted in the report, on each side. */
export const PAD_PII_QUOTE_CONTEXT_CHARS = 40;
/** Passages a pad remembers as reported (per pupil), so one number is reported once. */
export const PAD_PII_MAX_REMEMBERED = 1_000;

/*
 * Pads across nodes (with REDIS_URL): each accepted flush is stored, then added to its pad's shard stream, which
 * every node reads to apply and relay the pads it holds (collab/cluster/).
 */
/** Redis streams the pads' updates are spread over (by a hash of the pad's name); every node reads them all. */
export const PAD_STREAM_SHARDS = 16;
/** Entries kept per shard stream (`MAXLEN ~`): a node further behind catches its pads up from the store. */
export const PAD_STREAM_MAX_ENTRIES = 10_000;
/** Entries one stream read takes at most. */
export const PAD_STREAM_READ_COUNT = 500;
/** How long one blocking stream read waits for new entries before it is issued again. */
export const PAD_STREAM_BLOCK_MS = 5_000;
/** A compaction's Redis lock expires after this long, should its node die while holding it. */
export const PAD_COMPACT_LOCK_MS = 30_000;
/** Log rows one compaction folds at most (the rest wait for the next one). */
export const PAD_COMPACT_MAX_ROWS = 5_000;
