import { Paper } from '@mantine/core';
import { useEffect, type RefObject } from 'react';
import { useNotificationsT } from './i18n';
import { NotificationList } from './NotificationList';

interface BellPanelProps {
  id: string;
  /** The bell and its panel: a click outside it closes the panel. */
  container: RefObject<HTMLDivElement | null>;
  /** `refocus`: the panel was closed from the keyboard, the bell gets the focus back. */
  onClose: (refocus: boolean) => void;
}

/** The centre under the bell, from tablets up (phones open the page). Escape or a click outside closes it. */
export function BellPanel({ id, container, onClose }: BellPanelProps) {
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
