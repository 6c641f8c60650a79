import { Alert, Button, Checkbox, Group, Paper, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../../shared/identity/profiles';
import { ApiError } from '../../lib/api';
import { errorMessageKey } from '../../lib/errorMessage';
import { useMe } from '../auth/useSession';
import { wantedPath } from '../auth/session';
import { useSignOut } from '../auth/useSignOut';
import { homePathOf } from '../family/home';
import { useAcceptCharters } from './useCharters';

/** "I have read and accept": the checkbox must be ticked; declining means signing out. */
export function AcceptCharterForm({ pending, several }: { pending: { profile: Profile; version: number }[]; several: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  // Where the user was going before sign-in sent them here (a wall link): there, else their home page.
  const wanted = wantedPath(useLocation().state);
  const accept = useAcceptCharters(() => void navigate(wanted ?? homePathOf(me), { replace: true }));
  const signOut = useSignOut();
  const [checked, setChecked] = useState(false);
  const [missing, setMissing] = useState(false);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!checked) {
      setMissing(true);
      return;
    }
    accept.mutate(pending);
  }

  return (
    <Paper component="form" onSubmit={onSubmit} noValidate withBorder radius="lg" p={{ base: 'md', sm: 'xl' }} bg="preau.0">
      <Stack gap="md">
        {accept.isError && (
          <Alert color="red" variant="light" role="alert">
            {accept.error instanceof ApiError && accept.error.code === 'CONFLICT'
              ? t('charter.changedMeanwhile')
              : t(errorMessageKey(accept.error))}
          </Alert>
        )}
        <Checkbox
          size="md"
          checked={checked}
          onChange={(event) => {
            setChecked(event.currentTarget.checked);
            setMissing(false);
          }}
          label={several ? t('charter.checkboxSeveral') : t('charter.checkbox')}
          error={missing ? t('charter.checkboxRequired') : undefined}
        />
        <Group gap="sm">
          <Button type="submit" size="lg" loading={accept.isPending}>
            {t('charter.accept')}
          </Button>
          <Button variant="subtle" size="lg" onClick={() => signOut.mutate()} loading={signOut.isPending}>
            {t('charter.decline')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
