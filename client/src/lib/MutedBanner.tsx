import { Alert } from '@mantine/core';
import { useEffect, useState } from 'react';

/**
 * Until when the viewer is muted, while it lasts: `until` as the server sent it, null once that moment has passed
 * (a timer re-renders the page at the mute's end, so the banner goes and writing comes back without a reload).
 */
export function useMutedUntil(until: number | null): number | null {
  // The mute that has run out (a later mute, a different `until`, shows again).
  const [ended, setEnded] = useState<number | null>(null);
  useEffect(() => {
    if (until === null) return;
    const timer = setTimeout(() => setEnded(until), Math.max(0, until - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [until]);
  return until !== null && until !== ended ? until : null;
}

/** The hour a mute ends, as people say it: « 14 h 30 » in French, « 2:30 PM » in English. */
export function muteEndTime(at: number, language: string): string {
  const date = new Date(at);
  if (language.startsWith('fr')) return `${date.getHours()} h ${String(date.getMinutes()).padStart(2, '0')}`;
  return new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit' }).format(date);
}

/** A muted user's banner (« Un modérateur t’empêche d’écrire ici jusqu’à 14 h 30. »), the words the page's own. */
export function MutedBanner({ text, testId }: { text: string; testId: string }) {
  return (
    <Alert color="red" py={6} role="status" data-testid={testId}>
      {text}
    </Alert>
  );
}
