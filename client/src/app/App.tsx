import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { Suspense, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { applyStoredDisplayPreferences } from '../features/account/display/apply';
import { OptionalPart } from './layout/OptionalPart';
import { lazyComponent } from './lazyPage';
import { followRights } from './liveRights';
import { queryClient } from './queryClient';
import { router } from './router';
import { cssVariablesResolver, themeWithLabels } from './theme';

// This browser's last display preferences (font, size, contrast), before the first paint.
applyStoredDisplayPreferences();

/** The account's display preferences, read from the server after the first render (not in the first pages' code). */
const DisplaySync = lazyComponent(() => import('../features/account/display/DisplaySync'), 'DisplaySync');

/** Providers, outermost first: theme, server state, routes; and the one listener of the user's rights changes. */
export function App() {
  useEffect(() => followRights(queryClient), []);
  const { t } = useTranslation();
  const theme = useMemo(() => themeWithLabels({ close: t('common.close') }), [t]);
  return (
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
      <QueryClientProvider client={queryClient}>
        <OptionalPart fallback={null}>
          <Suspense fallback={null}>
            <DisplaySync />
          </Suspense>
        </OptionalPart>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
