import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { UserStatus } from '../../../../shared/identity/profiles';

const COLORS: Record<UserStatus, string> = { active: 'green', suspended: 'red', pending_deletion: 'gray' };

export function StatusBadge({ status }: { status: UserStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status]} variant="light" tt="none">
      {t(`admin.status.${status}`)}
    </Badge>
  );
}
