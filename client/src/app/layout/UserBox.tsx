import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MeResponse } from '../../../../shared/identity/api';
import { useSignOut } from '../../features/auth/useSignOut';
import { useLiveState } from '../../lib/socket';
import { touchTarget } from './media';

/**
 * The signed-in user's name, the live-connection state and "Se déconnecter": in the header from tablets up,
 * at the bottom of the navigation drawer on phones (only one of the two is displayed at a time).
 */
export function UserBox({ me, variant }: { me: MeResponse; variant: 'header' | 'drawer' }) {
  const { t } = useTranslation();
  const signOut = useSignOut();
  const live = useLiveState();
  const liveLabel = live === 'online' ? t('live.online') : live === 'connecting' ? t('live.connecting') : null;

  const name = (
    <Text fw={600} truncate="end" maw={variant === 'header' ? 220 : undefined} data-testid={variant === 'header' ? 'signed-in-user' : undefined}>
      {me.user.displayName}
    </Text>
  );
  const button = (
    <Button variant="light" size={variant === 'header' ? 'compact-md' : 'md'} onClick={() => signOut.mutate()} loading={signOut.isPending} style={touchTarget}>
      {t('auth.signOut')}
    </Button>
  );

  if (variant === 'header') {
    return (
      <Group gap="sm" wrap="nowrap" visibleFrom="sm">
        <Stack gap={0} align="flex-end">
          {name}
          {liveLabel && (
            <Text fz="xs" c="dimmed" data-testid="live-state" data-state={live}>
              {liveLabel}
            </Text>
          )}
        </Stack>
        {button}
      </Group>
    );
  }
  return (
    <Stack gap="xs" mt="auto" pt="md" hiddenFrom="sm">
      {name}
      {button}
    </Stack>
  );
}
