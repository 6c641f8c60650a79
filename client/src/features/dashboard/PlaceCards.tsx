import { Anchor, Button, Card, SimpleGrid, Text, ThemeIcon, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ClassSummary, GroupSummary } from '../../../../shared/identity/api';
import { classRosterPath, paths } from '../../app/paths';
import './placeCards.css';
import { FeatureIcon } from '../home/FeatureIcon';

interface PlaceCardsProps {
  classes: ClassSummary[];
  groups: GroupSummary[];
  /** HTML level of each card's title (3 under a section's h2, 4 under a child's h3). */
  titleOrder: 3 | 4;
  /** Whether a class's card links to its roster (for those who run the class: its teachers, the direction). */
  rosterLinkFor?: (classId: string) => boolean;
}

/** Where a class's card leads: « Mon accueil » showing that class's spaces only (see SpacesSection). */
export const classSpacesPath = (classId: string): string => `${paths.dashboard}?classe=${encodeURIComponent(classId)}`;

/**
 * One card per class and per group, as a list (one column on phones). A class's whole card opens its spaces (its
 * title is the link, stretched over the card); the roster button, for those who run it, stays its own target.
 */
export function PlaceCards({ classes, groups, titleOrder, rosterLinkFor }: PlaceCardsProps) {
  const { t } = useTranslation();
  const cards = [
    ...classes.map((item) => ({ id: item.id, kind: 'class' as const, name: item.name, detail: t(item.archivedAt ? 'dashboard.classDetailArchived' : 'dashboard.classDetail', { level: item.level, year: item.schoolYear }) })),
    ...groups.map((item) => ({ id: item.id, kind: 'group' as const, name: item.name, detail: t('dashboard.groupDetail') })),
  ];

  return (
    <SimpleGrid component="ul" cols={{ base: 1, xs: 2, lg: 3 }} spacing="md" p={0} m={0} style={{ listStyle: 'none' }}>
      {cards.map((card) => (
        <Card component="li" key={card.id} withBorder radius="lg" padding="lg" data-testid={`${card.kind}-card`} className={card.kind === 'class' ? 'place-card' : undefined}>
          <ThemeIcon variant="light" color={card.kind === 'class' ? 'preau' : 'grape'} size={44} radius="xl" mb="sm">
            <FeatureIcon name={card.kind === 'class' ? 'walls' : 'classChat'} size={24} />
          </ThemeIcon>
          <Title order={titleOrder} size="h3">
            {card.kind === 'class' ? (
              <Anchor component={Link} to={classSpacesPath(card.id)} className="place-card-link" c="inherit" aria-label={t('dashboard.openClassSpaces', { name: card.name })}>
                {card.name}
              </Anchor>
            ) : (
              card.name
            )}
          </Title>
          <Text c="dimmed">{card.detail}</Text>
          {card.kind === 'class' && rosterLinkFor?.(card.id) && (
            <Button component={Link} to={classRosterPath(card.id)} variant="light" mt="md" className="place-card-action" style={{ alignSelf: 'flex-start' }}>
              {t('dashboard.openRoster', { name: card.name })}
            </Button>
          )}
        </Card>
      ))}
    </SimpleGrid>
  );
}
