import { Button, Group, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { switchLanguage } from '../../i18n';
import { SUPPORTED_LANGUAGES, type Language } from '../../i18n/language';
import { touchTarget } from './media';

/** FR / EN toggle. The choice is stored in localStorage by the i18n module. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = i18n.resolvedLanguage;

  return (
    <Group gap={4} role="group" aria-label={t('language.label')} wrap="nowrap">
      {SUPPORTED_LANGUAGES.map((language: Language) => {
        const active = current === language;
        return (
          <Button
            key={language}
            size="compact-md"
            variant={active ? 'filled' : 'subtle'}
            aria-pressed={active}
            lang={language}
            onClick={() => void switchLanguage(language)}
            style={touchTarget}
          >
            <span aria-hidden="true">{language.toUpperCase()}</span>
            <VisuallyHidden>{t(`language.${language}`)}</VisuallyHidden>
          </Button>
        );
      })}
    </Group>
  );
}
