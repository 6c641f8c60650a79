import { Group, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import { usePadT } from './i18n';

interface Present {
  id: string;
  name: string;
  color: string;
  me: boolean;
}

function presentOf(provider: WebsocketProvider): Present[] {
  const byUser = new Map<string, Present>();
  const mine = provider.awareness.clientID;
  for (const [clientId, state] of provider.awareness.getStates()) {
    const user = (state as { user?: { id?: unknown; name?: unknown; color?: unknown } }).user;
    if (!user || typeof user.name !== 'string') continue;
    const id = typeof user.id === 'string' ? user.id : `client-${clientId}`;
    const me = clientId === mine;
    const known = byUser.get(id);
    byUser.set(id, { id, name: user.name, color: typeof user.color === 'string' ? user.color : '#495057', me: me || (known?.me ?? false) });
  }
  return [...byUser.values()].sort((a, b) => Number(b.me) - Number(a.me) || a.name.localeCompare(b.name, 'fr'));
}

/** Who is in the pad right now (one line per person, however many tabs, in their caret colour), from the presence of the carets. */
export function PresenceList({ provider, colorOf }: { provider: WebsocketProvider; colorOf: (userId: string) => string }) {
  const { t } = usePadT();
  const [present, setPresent] = useState<Present[]>(() => presentOf(provider));
  useEffect(() => {
    const refresh = () => setPresent(presentOf(provider));
    provider.awareness.on('change', refresh);
    refresh();
    return () => provider.awareness.off('change', refresh);
  }, [provider]);
  return (
    <Stack gap={6} component="section" aria-labelledby="pad-presence">
      <Title order={2} fz="md" id="pad-presence">
        {t('presence.title')}
      </Title>
      <Text fz="sm" c="dimmed" aria-live="polite">
        {t('presence.count', { count: present.length })}
      </Text>
      <Stack component="ul" gap={4} p={0} m={0} style={{ listStyle: 'none' }} data-testid="pad-presence">
        {present.map((person) => (
          <Group component="li" key={person.id} gap={8} wrap="nowrap">
            <span aria-hidden style={{ width: 12, height: 12, borderRadius: 6, background: colorOf(person.id), flex: 'none' }} />
            <Text fz="sm">{person.me ? t('presence.you', { name: person.name }) : person.name}</Text>
          </Group>
        ))}
      </Stack>
    </Stack>
  );
}
