/** Resolves after `ms`, or at once when `signal` aborts. */
export const pause = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

/**
 * Reads Redis streams from a position in a loop until `signal` aborts (the invalidation stream, the pads' shard
 * streams): each reply is handed to `handle`, in order; a failed read (Redis restarting, the connection closed) is
 * told to `onFailure` and retried after `retryMs`, while the connection reconnects.
 */
export async function readStreamLoop<T>(options: {
  signal: AbortSignal;
  read: () => Promise<T | null>;
  handle: (reply: T) => Promise<void> | void;
  retryMs: number;
  onFailure: (error: unknown) => void;
}): Promise<void> {
  const { signal } = options;
  while (!signal.aborted) {
    let reply: T | null;
    try {
      reply = await options.read();
    } catch (error) {
      if (signal.aborted) return;
      options.onFailure(error);
      await pause(options.retryMs, signal);
      continue;
    }
    if (reply) await options.handle(reply);
  }
}
