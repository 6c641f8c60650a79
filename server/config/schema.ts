import { z } from 'zod';
import { RATE_LIMITS, type RateLimit, type RateLimitName } from '../../shared/ratelimit/limits';
import { SESSION_ABSOLUTE_TIMEOUT_MS, SESSION_IDLE_TIMEOUT_MS } from '../../shared/limits';
import { PAD_COMPACT_AFTER_ROWS, PAD_UNLOAD_GRACE_MS } from '../../shared/pad/limits';
import { WALL_BROADCAST_WINDOW_MS } from '../../shared/wall/limits';
import { SESSION_PURGE_INTERVAL_MS } from '../../shared/jobs/limits';
import { EVIDENCE_PURGE_INTERVAL_MS } from '../../shared/moderation/limits';
import { NOTIFICATION_RELEASE_INTERVAL_MS } from '../../shared/notifications/limits';
import { parseEmbedHosts } from '../../shared/wall/embeds';

const port = z.coerce
  .number({ message: 'must be an integer between 0 and 65535' })
  .int('must be an integer between 0 and 65535')
  .min(0, 'must be an integer between 0 and 65535')
  .max(65535, 'must be an integer between 0 and 65535');

const origin = z
  .string()
  .url('must be an origin such as https://preau.example.fr')
  .transform((value) => new URL(value).origin);

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === '' ? undefined : value));

/** A duration in seconds (decimals allowed, so tests can use short ones), read as milliseconds; unset: `defaultMs`. */
const seconds = (defaultMs: number) =>
  optionalString
    .pipe(z.string().regex(/^\d+(\.\d+)?$/, 'must be a number of seconds').optional())
    .transform((value) => (value === undefined ? defaultMs : Math.round(Number(value) * 1000)))
    .pipe(z.number().positive('must be a positive number of seconds').max(31 * 24 * 3600 * 1000, 'must be at most 31 days'));

/** A periodic job's interval in whole milliseconds (at least 100, at most a day); unset: `defaultMs`. */
const intervalMs = (defaultMs: number) =>
  optionalString
    .pipe(z.string().regex(/^\d+$/, 'must be a whole number of milliseconds').optional())
    .transform((value) => (value === undefined ? defaultMs : Number(value)))
    .pipe(z.number().min(100, 'must be at least 100 milliseconds').max(86_400_000, 'must be at most 86400000 milliseconds'));

/**
 * The environment Préau reads at start-up. Every variable here is documented in `.env.example`, and the
 * compose test checks that `docker-compose.yml` sets nothing outside this list.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  MONGODB_URI: optionalString.pipe(
    z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
      .optional(),
  ),
  DATA_DIR: z.string().min(1).default('./data'),
  SESSION_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters long').optional()),
  // The audit log's signing key, kept outside the store (unset: generated once in DATA_DIR/audit-key).
  AUDIT_KEY: optionalString.pipe(z.string().min(32, 'must be at least 32 characters long').optional()),
  // Where the audit chain's signed checkpoints are written (unset: DATA_DIR/audit-checkpoints).
  AUDIT_CHECKPOINT_DIR: optionalString,
  PUBLIC_ORIGIN: optionalString.pipe(origin.optional()),
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((value, ctx) => {
      const origins: string[] = [];
      for (const item of value.split(',').map((part) => part.trim()).filter(Boolean)) {
        try {
          origins.push(new URL(item).origin);
        } catch {
          ctx.addIssue({ code: 'custom', message: `"${item}" is not an origin such as https://preau.example.fr` });
        }
      }
      return origins;
    }),
  // How many reverse proxies stand in front of Préau: the client IP is the address the outermost of them saw
  // (the rightmost untrusted entry of X-Forwarded-For), never one the client wrote. `true` (older setting) is 1.
  TRUST_PROXY: z
    .string()
    .default('0')
    .transform((value) => (value === '' || value === 'false' ? '0' : value === 'true' ? '1' : value))
    .pipe(z.string().regex(/^\d{1,2}$/, 'must be the number of proxies in front of Préau (0, 1, 2…; true means 1)'))
    .transform(Number)
    .pipe(z.number().max(10, 'must be at most 10 proxies')),
  REDIS_URL: optionalString.pipe(
    z
      .string()
      .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
      .optional(),
  ),
  RATE_LIMITS: z
    .string()
    .default('')
    .transform((value, ctx): Partial<Record<RateLimitName, RateLimit>> => {
      if (value.trim() === '') return {};
      const limit = z.object({ points: z.number().int().positive(), durationSeconds: z.number().positive(), blockSeconds: z.number().nonnegative().optional() }).strict();
      const names = Object.keys(RATE_LIMITS) as [RateLimitName, ...RateLimitName[]];
      let json: unknown;
      try {
        json = JSON.parse(value);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON such as {"collabUpdate":{"points":10,"durationSeconds":1}}' });
        return {};
      }
      const parsed = z.partialRecord(z.enum(names), limit).safeParse(json);
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', message: `must name known limits (${names.join(', ')}) with points and durationSeconds` });
        return {};
      }
      return parsed.data;
    }),
  // Session lifetimes (shared/limits.ts by default): idle, then absolute. A school may shorten them; tests do.
  SESSION_IDLE_TIMEOUT_SECONDS: seconds(SESSION_IDLE_TIMEOUT_MS),
  SESSION_ABSOLUTE_TIMEOUT_SECONDS: seconds(SESSION_ABSOLUTE_TIMEOUT_MS),
  EMBEDDED_SYNC: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  // Holds the demo seed back this long (tests watch /readyz answer 503 until the seed is done); 0 by default.
  SEED_DELAY_SECONDS: optionalString
    .pipe(z.string().regex(/^\d+(\.\d+)?$/, 'must be a number of seconds').optional())
    .transform((value) => (value === undefined ? 0 : Math.round(Number(value) * 1000)))
    .pipe(z.number().max(600_000, 'must be at most 600 seconds')),
  // How long a pad stays in memory after its last connection leaves (shared/pad/limits.ts by default). Tests
  // shorten it to watch a pad unload.
  PAD_UNLOAD_GRACE_MS: optionalString
    .pipe(z.string().regex(/^\d+$/, 'must be a whole number of milliseconds').optional())
    .transform((value) => (value === undefined ? PAD_UNLOAD_GRACE_MS : Number(value)))
    .pipe(z.number().max(3_600_000, 'must be at most 3600000 milliseconds')),
  // A pad's update log is folded into its snapshot past this many rows (shared/pad/limits.ts by default). Tests
  // lower it to watch compaction while other nodes write.
  PAD_COMPACT_AFTER_ROWS: optionalString
    .pipe(z.string().regex(/^\d+$/, 'must be a whole number of rows').optional())
    .transform((value) => (value === undefined ? PAD_COMPACT_AFTER_ROWS : Number(value)))
    .pipe(z.number().min(1, 'must be at least 1').max(100_000, 'must be at most 100000 rows')),
  // A wall's changes for the same viewers within this many milliseconds leave as one frame (shared/wall/limits.ts
  // by default; 0: each at once). Tests lengthen it to watch the batching.
  WALL_BROADCAST_WINDOW_MS: optionalString
    .pipe(z.string().regex(/^\d+$/, 'must be a whole number of milliseconds').optional())
    .transform((value) => (value === undefined ? WALL_BROADCAST_WINDOW_MS : Number(value)))
    .pipe(z.number().max(60_000, 'must be at most 60000 milliseconds')),
  // How often expired sessions and expired moderation evidence are purged (shared/ by default; with REDIS_URL
  // one node runs each purge per interval). Tests shorten them to watch the purges run.
  SESSION_PURGE_INTERVAL_MS: intervalMs(SESSION_PURGE_INTERVAL_MS),
  EVIDENCE_PURGE_INTERVAL_MS: intervalMs(EVIDENCE_PURGE_INTERVAL_MS),
  // How often held notifications are released and e-mail summaries sent (shared/notifications/limits.ts by default).
  NOTIFICATION_RELEASE_INTERVAL_MS: intervalMs(NOTIFICATION_RELEASE_INTERVAL_MS),
  // Tests only: a file holding the server's calendar time in ms (serverNow), moved by writing it. Refused in production.
  CLOCK_FILE: optionalString,
  // E-mail summaries and urgent e-mails (optional): smtp:// or smtps:// with credentials; unset: no e-mail at all.
  SMTP_URL: optionalString.pipe(z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional()),
  SMTP_FROM: optionalString,
  // The PeerTube instances whose videos a wall card may show in a frame (host names, comma list; unset: none). Each
  // one is added to the CSP's frame-src, next to the fixed providers of shared/wall/embeds.ts.
  PEERTUBE_HOSTS: z
    .string()
    .default('')
    .transform((value, ctx) => {
      const parsed = parseEmbedHosts(value);
      if (parsed.ok) return parsed.hosts;
      ctx.addIssue({ code: 'custom', message: `must list host names such as tube.ac-lyon.fr,peertube.fr ("${parsed.bad}" is not one)` });
      return [];
    }),
}).superRefine((env, ctx) => {
  if (env.NODE_ENV === 'production' && env.CLOCK_FILE !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['CLOCK_FILE'], message: 'is for tests only and refused when NODE_ENV=production' });
  }
  // Several nodes share Redis: each would generate its own session secret, and a session signed on one node
  // would be refused by the others. A shared secret cannot be generated by one of them, so it must be given.
  if (env.REDIS_URL !== undefined && env.SESSION_SECRET === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['SESSION_SECRET'],
      message: 'is required when REDIS_URL is set (every node must sign sessions with the same secret, at least 32 characters)',
    });
  }
});

/** The names of every variable Préau reads. */
export const ENV_VARIABLES = Object.keys(envSchema.shape) as (keyof typeof envSchema.shape)[];

export type Env = z.infer<typeof envSchema>;
