import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import type { ConsoleSpace, ReasonCode } from '../../../../shared/moderation/types';
import { useFeatureT } from '../../i18n/feature';
import { moderationI18n } from './i18n';
import { failureText } from './consoleState';
import { ReasonModal } from './ReasonModal';
import { emitAck, type ModerationConsole } from './useModeration';

/**
 * Locks a space from the console (nobody but its teachers writes there until it is unlocked), or unlocks it,
 * with a reason. For those who run the space (`configure`, sent with it); the lock state is shared by every card of
 * the space.
 */
export function LockControl({ space, moderation }: { space: ConsoleSpace | undefined; moderation: ModerationConsole }) {
  const { t } = useFeatureT(moderationI18n);
  const [asking, setAsking] = useState(false);
  const [result, setResult] = useState('');
  if (!space?.configure) return null;

  const lock = async (locked: boolean, reasonCode: ReasonCode) => {
    setAsking(false);
    const answer = await emitAck('moderation:lock', { spaceId: space.id, locked, reasonCode });
    if (answer.ok) {
      moderation.applySpace(answer.data.space);
      setResult(t(locked ? 'lock.doneLocked' : 'lock.doneUnlocked'));
    } else if (answer.code === 'CONFLICT') {
      // Someone else did it first: the space is already in the state asked for.
      moderation.applySpace({ ...space, locked });
      setResult(t(locked ? 'lock.alreadyLocked' : 'lock.alreadyUnlocked'));
    } else setResult(failureText(t, answer.code));
  };

  return (
    <Group gap="xs" wrap="wrap">
      <Button size="compact-xs" variant="subtle" color={space.locked ? 'green.8' : 'red.8'} onClick={() => setAsking(true)}>
        {space.locked ? t('lock.unlock') : t('lock.lock')}
      </Button>
      <Text role="status" fz="xs">
        {result}
      </Text>
      <ReasonModal
        key={String(space.locked)}
        title={t(space.locked ? 'lock.unlockTitle' : 'lock.lockTitle', { title: space.title })}
        opened={asking}
        onClose={() => setAsking(false)}
        onConfirm={(reason) => void lock(!space.locked, reason)}
        confirmLabel={space.locked ? t('lock.unlock') : t('lock.lock')}
        initialReason="autre"
        help={t('lock.reasonHelp')}
      >
        <Text mb="sm">{t(space.locked ? 'lock.unlockExplain' : 'lock.lockExplain')}</Text>
      </ReasonModal>
    </Group>
  );
}
