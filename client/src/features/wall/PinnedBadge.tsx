import { Badge } from '@mantine/core';
import { useWallT } from './i18n';

/** « Épinglé »: a teacher pinned the card to the top of its section and of the stream. */
export function PinnedBadge() {
  const { t } = useWallT();
  return (
    <Badge variant="light" color="indigo" size="sm" data-testid="wall-pinned-badge" style={{ flex: 'none' }}>
      <span aria-hidden="true">📌 </span>
      {t('card.pinned')}
    </Badge>
  );
}
