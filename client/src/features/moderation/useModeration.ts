import { useCallback, useEffect, useState } from 'react';
import type { Ack } from '../../../../shared/realtime/ack';
import type { ClientEventName, ClientEventPayload, ClientEventResults } from '../../../../shared/realtime/events';
import type { ModeratedItemView, ModerationScope, ReportView } from '../../../../shared/moderation/types';
import { getLiveSocket, useLiveState } from '../../lib/socket';

/** Emits a client event on the live connection and resolves with its ack (an `INTERNAL`-coded failure when offline). */
export async function emitAck<E extends ClientEventName>(event: E, payload: ClientEventPayload<E>): Promise<Ack<ClientEventResults[E]>> {
  const socket = getLiveSocket();
  if (!socket?.connected) return { ok: false, code: 'UNAVAILABLE', message: 'offline' };
  try {
    // The typed overloads do not accept a generic event name: call through a loosely typed view of the same method.
    const timed = socket.timeout(10_000) as unknown as { emitWithAck(name: string, body: unknown): Promise<Ack<ClientEventResults[E]>> };
    return await timed.emitWithAck(event, payload);
  } catch {
    return { ok: false, code: 'UNAVAILABLE', message: 'timeout' };
  }
}

function upsert<T extends { id: string }>(list: T[], item: T): T[] {
  const index = list.findIndex((entry) => entry.id === item.id);
  if (index < 0) return [item, ...list];
  const copy = [...list];
  copy[index] = item;
  return copy;
}

/** The moderation console of one scope: the queue, then live reports and items. */
export function useModerationConsole(scope: ModerationScope | null) {
  const live = useLiveState();
  const [reports, setReports] = useState<ReportView[]>([]);
  const [pending, setPending] = useState<ModeratedItemView[]>([]);
  const [stream, setStream] = useState<ModeratedItemView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const scopeKey = scope ? JSON.stringify(scope) : '';

  useEffect(() => {
    const socket = getLiveSocket();
    if (!scope || !socket || live !== 'online') return;
    let active = true;
    void emitAck('moderation:join', { scope }).then((answer) => {
      if (!active) return;
      if (answer.ok) {
        setReports(answer.data.reports);
        setPending(answer.data.pending);
        setError(null);
      } else setError(answer.code);
    });
    const onReport = (report: ReportView) => setReports((list) => upsert(list, report));
    const onItem = (item: ModeratedItemView) => {
      setStream((list) => upsert(list, item).slice(0, 100));
      setPending((list) => (item.state === 'pending' ? upsert(list, item) : list.filter((entry) => entry.id !== item.id)));
    };
    socket.on('moderation:report', onReport);
    socket.on('moderation:item', onItem);
    return () => {
      active = false;
      socket.off('moderation:report', onReport);
      socket.off('moderation:item', onItem);
    };
    // scopeKey stands for scope's value.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scopeKey, live]);

  const replaceReport = useCallback((report: ReportView) => setReports((list) => upsert(list, report)), []);
  return { reports, pending, stream, error, live, replaceReport };
}
