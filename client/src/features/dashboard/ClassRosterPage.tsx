import { Anchor, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { PublicUser } from '../../../../shared/identity/api';
import { paths } from '../../app/paths';
import { activityPath } from '../audit/paths';
import { classWeekPath } from '../family/paths';
import { QueryStatus } from '../errors/QueryStatus';
import { ClassCardsModal } from '../admin/ClassCardsModal';
import { adminI18n } from '../admin/i18n';
import { PupilAccessModal } from '../admin/PupilAccessModal';
import { SignInCodeModal } from '../admin/SignInCodeModal';
import type { ListedUser } from '../admin/UserActions';
import { SuspendModal } from '../admin/SuspendModal';
import { UserList } from '../admin/UserList';
import { useClassMembers } from '../admin/useClasses';
import { useMe } from '../auth/useSession';
import { useFeatureT } from '../../i18n/feature';

/**
 * A class's teachers and pupils; its teachers (and the direction) can suspend and restore a pupil here, and give a
 * pupil whose account refused sign-ins keep locked a one-time sign-in code.
 */
export function ClassRosterPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { classId = '' } = useParams();
  const members = useClassMembers(classId);
  const [suspending, setSuspending] = useState<PublicUser | null>(null);
  const [coding, setCoding] = useState<PublicUser | null>(null);
  const [resetting, setResetting] = useState<ListedUser | null>(null);
  const [cardsOpen, setCardsOpen] = useState(false);
  const { t: adminT } = useFeatureT(adminI18n);
  const data = members.data;

  return (
    <Stack gap="lg" maw={960}>
      <title>{t('roster.pageTitle', { name: data?.class.name ?? '' })}</title>
      <Anchor component={Link} to={paths.dashboard}>
        {t('roster.back')}
      </Anchor>
      <Title order={1}>{data ? t('roster.title', { name: data.class.name }) : t('roster.titleLoading')}</Title>
      <QueryStatus query={members} loadingLabel={t('roster.loading')} />
      {data && (
        <>
          {(me.capabilities.audit.school || me.capabilities.audit.classIds.includes(classId)) && (
            <Anchor component={Link} to={classWeekPath(classId)} fz="lg" fw={600}>
              {t('roster.week', { name: data.class.name })}
            </Anchor>
          )}
          <Text fz="lg">
            {t('roster.teachers')} {data.teachers.map((teacher) => teacher.displayName).join(', ') || '—'}
          </Text>
          {data.pupils.some((pupil) => pupil.rights?.issueSignInCode) && (
            <Button variant="light" size="md" onClick={() => setCardsOpen(true)} style={{ alignSelf: 'flex-start' }} data-testid="class-cards-open">
              {adminT('cards.open')}
            </Button>
          )}
          <Paper withBorder radius="lg" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="eleves">
            <Title order={2} id="eleves" mb="sm">
              {t('roster.pupils', { n: data.pupils.length })}
            </Title>
            <UserList users={data.pupils} selfId={me.user.id} onSuspend={setSuspending} onSignInCode={setCoding} onResetAccess={setResetting} activityHref={(user) => activityPath(user.id)} />
          </Paper>
        </>
      )}
      <SuspendModal user={suspending} onClose={() => setSuspending(null)} />
      <SignInCodeModal user={coding} onClose={() => setCoding(null)} />
      <PupilAccessModal user={resetting} onClose={() => setResetting(null)} />
      {data && <ClassCardsModal classId={classId} className={data.class.name} opened={cardsOpen} onClose={() => setCardsOpen(false)} />}
    </Stack>
  );
}
