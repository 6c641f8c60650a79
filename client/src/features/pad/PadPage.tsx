import { Alert, Badge, Box, Button, Center, Grid, Group, Loader, Stack, Switch, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { AuthorColors, authorColor } from '../../../../shared/pad/colors';
import { paths } from '../../app/paths';
import { useMe } from '../auth/useSession';
import { useSessionEndOnClose } from '../auth/useSessionEndOnClose';
import { usePadAuthors, usePadInfo } from './api';
import { usePadT, type PadKey } from './i18n';
import { ModerationDrawer } from './ModerationDrawer';
import { EditorFocus, PadEditor } from './PadEditor';
import { PersonalInfoNotice, type PersonalInfoWarning } from './PersonalInfoNotice';
import { PresenceList } from './PresenceList';
import { RefusedNotice } from './RefusedNotice';
import { usePadCollab, type CollabStatus } from './useCollab';
import { usePadLive } from './usePadLive';
import { VersionsDrawer } from './VersionsDrawer';
import './pad.css';
import { ArchivedNotice } from '../spaces/lifecycle/ArchivedNotice';

const STATUS_COLOR: Record<CollabStatus, string> = { connected: 'teal', reconnecting: 'orange', offline: 'gray' };
const CLOSE_KEYS = new Set(['4400', '4401', '4403', '4413', '4422', '4423', '4451']);

/**
 * One pad, co-written live: the editor, who is here, the connection, versions, authors and moderation. Every
 * action shown follows the rights the server sent in `PadInfo` (read again when they change, live).
 */
/** Each pad's colours for as long as the app is open: coming back to a pad finds everyone in the same colour. */
const PAD_COLORS = new Map<string, AuthorColors>();
function padColors(spaceId: string): AuthorColors {
  const known = PAD_COLORS.get(spaceId);
  if (known) return known;
  const colors = new AuthorColors();
  PAD_COLORS.set(spaceId, colors);
  return colors;
}

export function PadPage() {
  const { spaceId = '' } = useParams();
  const { t } = usePadT();
  const me = useMe();
  const user = useMemo(() => ({ name: me.user.displayName, color: authorColor(me.user.id).caret }), [me.user.displayName, me.user.id]);
  const info = usePadInfo(spaceId);
  const { collab, status, access, closedCode, notice: collabNotice, resyncing, refused, slowedUntil, session } = usePadCollab(spaceId, user);
  // The caret, kept when the editor is rebuilt from the server after a refusal.
  const [editorFocus] = useState(() => new EditorFocus());
  // "Tu écris très vite" shows until the server lets the edits in again (`now` moves on when that time comes).
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setTimeout(() => setNow(Date.now()), Math.max(0, slowedUntil - Date.now()));
    return () => clearTimeout(timer);
  }, [slowedUntil]);
  const slowed = slowedUntil > now;
  const [showAuthors, setShowAuthors] = useState(false);
  const authors = usePadAuthors(spaceId, showAuthors);
  // The colours of this pad's people, given once each (authors in order of arrival in the text, then whoever
  // shows up), so that two people of one pad never share a colour while the palette lasts.
  const colors = padColors(spaceId);
  if (showAuthors && authors.data) colors.addAll(authors.data.authors.map((author) => author.id));
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [moderationOpen, setModerationOpen] = useState(false);
  const [selection, setSelection] = useState<string[]>([]);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  // The personal-information guard: the editor's own warning (before), the server's report (after); the newest
  // shows until the pupil closes it.
  const [warnedBefore, setWarnedBefore] = useState<{ kinds: PersonalInfoWarning['kinds']; at: number } | null>(null);
  const [dismissedAt, setDismissedAt] = useState(0);
  const warnBefore = useCallback((kinds: PersonalInfoWarning['kinds']) => setWarnedBefore({ kinds, at: Date.now() }), []);
  const reported = collabNotice?.notice.kind === 'personalInfo' ? { kinds: collabNotice.notice.kinds, at: collabNotice.at } : null;
  const newest = reported && (!warnedBefore || reported.at >= warnedBefore.at) ? { ...reported, reported: true } : warnedBefore ? { ...warnedBefore, reported: false } : null;
  const personalInfo: PersonalInfoWarning | null = newest && newest.at > dismissedAt ? newest : null;
  const noticeTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  usePadLive(spaceId);
  // The session ended under the pad (signed out elsewhere, expired…): back to the sign-in page, as for the socket.
  useSessionEndOnClose(collab?.provider);

  const announce = useCallback((text: string, error = false) => {
    setNotice({ text, error });
    clearTimeout(noticeTimer.current);
    noticeTimer.current = setTimeout(() => setNotice(null), 6_000);
  }, []);
  useEffect(() => () => clearTimeout(noticeTimer.current), []);
  useEffect(() => {
    if (info.data) document.title = t('page.pageTitle', { title: info.data.space.title });
  }, [info.data, t]);

  if (info.isPending) {
    return (
      <Center py="xl" role="status">
        <Loader aria-label={t('page.loading')} />
      </Center>
    );
  }
  if (info.isError || !info.data) {
    return (
      <Stack>
        <Alert color="red" role="alert">
          {t('page.notFound')}
        </Alert>
        <Button component={Link} to={paths.dashboard} variant="light" w="fit-content">
          {t('page.back')}
        </Button>
      </Stack>
    );
  }

  const pad = info.data;
  const editable = access?.mode === 'write' && closedCode === null && !resyncing;
  const closedKey = closedCode !== null ? (`closed.${CLOSE_KEYS.has(String(closedCode)) ? closedCode : 'other'}` as PadKey) : null;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={4}>
          <Group gap="xs">
            <Badge variant="light">{t('page.kind')}</Badge>
            <Badge color={STATUS_COLOR[status]} variant="dot" aria-label={`${t('status.label')} : ${t(`status.${status}`)}`} data-testid="pad-status" data-status={status}>
              {t(`status.${status}`)}
            </Badge>
          </Group>
          <Title order={1}>{pad.space.title}</Title>
          <ArchivedNotice space={pad.space} />
        </Stack>
        <Group gap="xs">
          {pad.canSeeAuthors && (
            <Switch label={t('authors.toggle')} checked={showAuthors} onChange={(event) => setShowAuthors(event.currentTarget.checked)} data-testid="pad-authors-toggle" />
          )}
          <Button variant="default" onClick={() => setVersionsOpen(true)}>
            {t('versions.open')}
          </Button>
          {pad.canConfigure && (
            <Button variant="light" color="orange" onClick={() => setModerationOpen(true)}>
              {t('moderation.open')}
            </Button>
          )}
        </Group>
      </Group>

      <Box aria-live="polite">
        {status === 'offline' && closedCode === null && <Text c="dimmed">{t('status.offlineHint')}</Text>}
        {slowed && closedCode === null && (
          <Text c="dimmed" data-testid="pad-slowed">
            {t('status.slowed')}
          </Text>
        )}
        {refused && <RefusedNotice key={refused.at} text={refused.text} onClose={() => session?.dismissRefused()} />}
        {access?.mode === 'read' && closedCode === null && (
          <Alert color="blue" data-testid="pad-readonly" data-reason={access.reason}>
            {t(`readOnly.${access.reason}`)}
          </Alert>
        )}
        {closedKey && (
          <Alert color="red" title={t('closed.title')} role="alert">
            <Stack gap="xs">
              <Text>{t(closedKey)}</Text>
              <Button variant="light" w="fit-content" onClick={() => window.location.reload()}>
                {t('closed.reload')}
              </Button>
            </Stack>
          </Alert>
        )}
        {personalInfo && <PersonalInfoNotice warning={personalInfo} onClose={() => setDismissedAt(Date.now())} />}
        {notice && (
          <Alert color={notice.error ? 'red' : 'teal'} role={notice.error ? 'alert' : 'status'}>
            {notice.text}
          </Alert>
        )}
      </Box>

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 9 }}>
          {collab && (
            <PadEditor
              key={collab.generation}
              collab={collab}
              title={pad.space.title}
              editable={editable}
              user={user}
              authorship={showAuthors ? (authors.data ?? null) : null}
              colors={colors}
              onSelection={setSelection}
              guarded={pad.personalInfoGuard}
              onPersonalInfo={warnBefore}
              focus={editorFocus}
            />
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 3 }}>
          <Stack gap="lg">
            {collab && <PresenceList provider={collab.provider} colorOf={(id) => colors.colorOf(id).caret} />}
            {showAuthors && authors.isError && <Text c="red.8">{t('authors.failed')}</Text>}
            {showAuthors && authors.data && (
              <Stack gap={4} component="section" aria-labelledby="pad-authors" data-testid="pad-authors-legend">
                <Title order={2} fz="md" id="pad-authors">
                  {t('authors.legend')}
                </Title>
                {authors.data.authors.map((author) => (
                  <Group key={author.id} gap={8} wrap="nowrap">
                    <span aria-hidden style={{ width: 14, height: 14, borderRadius: 3, background: colors.colorOf(author.id).highlight, border: `2px solid ${colors.colorOf(author.id).caret}` }} />
                    <Text fz="sm">{author.name}</Text>
                  </Group>
                ))}
              </Stack>
            )}
          </Stack>
        </Grid.Col>
      </Grid>

      <VersionsDrawer spaceId={spaceId} opened={versionsOpen} onClose={() => setVersionsOpen(false)} canConfigure={pad.canConfigure} onNotice={announce} />
      {pad.canConfigure && <ModerationDrawer info={pad} opened={moderationOpen} onClose={() => setModerationOpen(false)} selection={selection} onNotice={announce} />}
    </Stack>
  );
}
