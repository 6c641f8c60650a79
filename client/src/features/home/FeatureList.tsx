import { Card, SimpleGrid, Text, ThemeIcon, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FeatureIcon, type FeatureName } from './FeatureIcon';

const FEATURES: { name: FeatureName; color: string }[] = [
  { name: 'walls', color: 'orange' },
  { name: 'pads', color: 'teal' },
  { name: 'forums', color: 'grape' },
  { name: 'classChat', color: 'cyan' },
  { name: 'moderation', color: 'green' },
];

/** What Préau offers, as a list of cards (one column on phones). */
export function FeatureList() {
  const { t } = useTranslation();

  return (
    <section aria-labelledby="fonctionnalites">
      <Title order={2} id="fonctionnalites" mb="md">
        {t('home.featuresTitle')}
      </Title>
      <SimpleGrid component="ul" cols={{ base: 1, xs: 2, lg: 3 }} spacing="md" p={0} m={0} style={{ listStyle: 'none' }}>
        {FEATURES.map(({ name, color }) => (
          <Card component="li" key={name} withBorder radius="lg" padding="lg">
            <ThemeIcon variant="light" color={color} size={52} radius="xl" mb="sm">
              <FeatureIcon name={name} />
            </ThemeIcon>
            <Title order={3} mb={6}>
              {t(`home.features.${name}.title`)}
            </Title>
            <Text c="dimmed">{t(`home.features.${name}.description`)}</Text>
          </Card>
        ))}
      </SimpleGrid>
    </section>
  );
}
