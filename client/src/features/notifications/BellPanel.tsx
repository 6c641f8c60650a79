import { Paper } from '@mantine/core';
import { useEffect, type RefObject } from 'react';
import type { MeResponse } from '../../../../shared/identity/api';
import { MeContext } from '../auth/useSession';
import { useNotificationsT } from './i18n';
import { NotificationList } from './NotificationList';

interface BellPanelProps {
  id: string;
  /** The header is outside the session gate: the panel provides the signed-in user to the centre's list itself. */
  me: MeResponse;
  /** The bell and its panel: a click outside it closes the panel. */
  container: RefObject<HTMLDivElement | null>;
  /** `refocus`: the panel was closed from the keyboard, the bell gets the focus back. */
  onClose: (refocus: boolean) => void;
}

/** The centre under the bell, from tablets up (phones open the page). Escape or a click outside closes it. */
export function BellPanel({ me, ...props }: BellPanelProps) {
  return (
    <MeContext.Provider value={me}>
      <Panel {...props} />
    </MeContext.Provider>
  );
}

function Panel({ id, container, onClose }: Omit<BellPanelProps, 'me'>) {
  const { t } = useNotificationsT();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose(true);
    const onPointer = (event: PointerEvent) => {
      if (container.current && !container.current.contains(event.target as Node)) onClose(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [container, onClose]);

  return (
    <Paper id={id} className="notification-panel" shadow="lg" radius="md" p="md" withBorder role="region" aria-label={t('title')} data-testid="notification-panel">
      <NotificationList variant="panel" />
    </Paper>
  );
}
