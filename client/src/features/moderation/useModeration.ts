import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Ack } from '../../../../shared/realtime/ack';
import type { ClientEventName, ClientEventPayload, ClientEventResults } from '../../../../shared/realtime/events';
import type { ConsoleSpace, ModeratedItemView, ModeratedKind, ModerationScope, ReportView } from '../../../../shared/moderation/types';
import { emitWithAck, getLiveSocket, useLiveState, useRightsEpoch } from '../../lib/socket';
import { pendingWith, reportsWithItem, reportsWithoutItem, streamWith, withoutItem, withReport } from './consoleState';

/** Emits a client event on the live connection and resolves with its ack (an `INTERNAL`-coded failure when offline). */
export function emitAck<E extends ClientEventName>(event: E, payload: ClientEventPayload<E>): Promise<Ack<ClientEventResults[E]>> {
  return emitWithAck(getLiveSocket(), event, payload);
}

/**
 * What the console's cards read and change: the spaces it covers (with whether this moderator runs each one:
 * `configure`), and the shared state of items and reports. What may be done on an item comes with the item.
 */
export interface ModerationConsole {
  /** The signed-in moderator. */
  userId: string;
  spaces: Readonly<Record<string, ConsoleSpace>>;
  /** An item's new view (an action's answer, a fresh read): the queue, the pending list and the stream follow. */
  applyItem: (item: ModeratedItemView) => void;
  applyReport: (report: ReportView) => void;
  applySpace: (space: ConsoleSpace) => void;
  /** Reads an item's current state again (after a conflict); resolves with it, or null if it is gone. */
  refreshItem: (ref: { kind: ModeratedKind; id: string; spaceId: string }) => Promise<ModeratedItemView | null>;
}

const bySpaceId = (spaces: ConsoleSpace[]): Record<string, ConsoleSpace> => Object.fromEntries(spaces.map((space) => [space.id, space]));

/**
 * The moderation console of one scope: the queue, then live reports and items. When the user's rights change
 * (designated, revoked), it joins again on the new rights; a refused join empties it (a revoked pupil moderator
 * keeps nothing on screen).
 */
export function useModerationConsole(scope: ModerationScope | null, userId: string) {
  const live = useLiveState();
  const rightsEpoch = useRightsEpoch();
  const [reports, setReports] = useState<ReportView[]>([]);
  const [pending, setPending] = useState<ModeratedItemView[]>([]);
  const [stream, setStream] = useState<ModeratedItemView[]>([]);
  const [spaces, setSpaces] = useState<Record<string, ConsoleSpace>>({});
  const [error, setError] = useState<string | null>(null);
  const spacesRef = useRef(spaces);
  const scopeKey = scope ? JSON.stringify(scope) : '';

  // Another scope starts empty (adjusting state to a new prop, during render); its join fills it.
  const [shownScope, setShownScope] = useState(scopeKey);
  if (shownScope !== scopeKey) {
    setShownScope(scopeKey);
    setReports([]);
    setPending([]);
    setStream([]);
    setSpaces({});
    setError(null);
  }

  const applyItem = useCallback((item: ModeratedItemView) => {
    if (item.withdrawn) {
      setStream((list) => withoutItem(list, item));
      setPending((list) => withoutItem(list, item));
      setReports((list) => reportsWithoutItem(list, item));
      return;
    }
    setStream((list) => streamWith(list, item));
    setPending((list) => pendingWith(list, item));
    setReports((list) => reportsWithItem(list, item));
  }, []);
  const applyReport = useCallback((report: ReportView) => setReports((list) => withReport(list, report)), []);
  const applySpace = useCallback((space: ConsoleSpace) => {
    spacesRef.current = { ...spacesRef.current, [space.id]: space };
    setSpaces(spacesRef.current);
  }, []);
  const refreshItem = useCallback(
    async (ref: { kind: ModeratedKind; id: string; spaceId: string }) => {
      const answer = await emitAck('moderation:read', { kind: ref.kind, itemId: ref.id, spaceId: ref.spaceId });
      if (!answer.ok) return null;
      applyItem(answer.data.item);
      return answer.data.item;
    },
    [applyItem],
  );

  useEffect(() => {
    const socket = getLiveSocket();
    if (!scope || !socket || live !== 'online') return;
    let active = true;
    const join = () => emitAck('moderation:join', { scope });
    const keepSpaces = (list: ConsoleSpace[]) => {
      spacesRef.current = { ...spacesRef.current, ...bySpaceId(list) };
      setSpaces(spacesRef.current);
    };
    void join().then((answer) => {
      if (!active) return;
      if (answer.ok) {
        setReports(answer.data.reports);
        setPending(answer.data.pending);
        // The newest contributions first, then the live ones as they come.
        setStream(answer.data.recent);
        spacesRef.current = {};
        keepSpaces(answer.data.spaces);
        setError(null);
      } else {
        setReports([]);
        setPending([]);
        setStream([]);
        spacesRef.current = {};
        setSpaces({});
        setError(answer.code);
      }
    });
    // A space created since the console opened: ask again for the spaces' titles and lock states (once per space).
    const asked = new Set<string>();
    const knowSpace = (spaceId: string) => {
      if (spacesRef.current[spaceId] || asked.has(spaceId)) return;
      asked.add(spaceId);
      void join().then((answer) => active && answer.ok && keepSpaces(answer.data.spaces));
    };
    const onReport = (report: ReportView) => {
      knowSpace(report.spaceId);
      applyReport(report);
    };
    const onItem = (item: ModeratedItemView) => {
      knowSpace(item.spaceId);
      applyItem(item);
    };
    socket.on('moderation:report', onReport);
    socket.on('moderation:item', onItem);
    socket.on('moderation:space', applySpace);
    return () => {
      active = false;
      socket.off('moderation:report', onReport);
      socket.off('moderation:item', onItem);
      socket.off('moderation:space', applySpace);
    };
    // scopeKey stands for scope's value; a new rights epoch joins again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scopeKey, live, rightsEpoch, applyItem, applyReport]);

  const moderation = useMemo<ModerationConsole>(
    () => ({ userId, spaces, applyItem, applyReport, applySpace, refreshItem }),
    [userId, spaces, applyItem, applyReport, applySpace, refreshItem],
  );
  return { reports, pending, stream, error, live, moderation };
}
