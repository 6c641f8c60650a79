import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clearRateLimited, secondsLeft, useRateLimited } from './rateLimit';

// Most tabs never see it: its Mantine notification loads the first time it shows.
const RateLimitToast = lazy(async () => ({ default: (await import('./RateLimitToast')).RateLimitToast }));

/**
 * Tells the user, whatever screen they are on, that the server refused an action for going too fast and how long
 * to wait: « Doucement ! Tu pourras recommencer dans 5 secondes. » to pupils, « vous » to adults. It counts down
 * and goes away by itself when the wait is over. Screens keep their own message for the action that failed.
 * Screen readers hear the message once (the countdown itself is not announced every second).
 */
export function RateLimitNotice({ pupil }: { pupil: boolean }) {
  const { t } = useTranslation();
  const notice = useRateLimited();
  const [now, setNow] = useState(0);

  useEffect(() => {
    if (!notice) return;
    const tick = () => {
      const current = Date.now();
      if (current >= notice.until) clearRateLimited();
      else setNow(current);
    };
    const timer = setInterval(tick, 250);
    return () => clearInterval(timer);
  }, [notice]);

  if (!notice) return null;
  const text = (count: number) => t('errors.rateLimited.wait', { count, context: pupil ? 'pupil' : undefined });
  const count = secondsLeft(notice.until, Math.max(now, notice.at));
  if (count === 0) return null;
  return (
    <Suspense fallback={null}>
      <RateLimitToast shown={text(count)} announced={text(secondsLeft(notice.until, notice.at))} closeLabel={t('common.close')} onClose={clearRateLimited} />
    </Suspense>
  );
}
