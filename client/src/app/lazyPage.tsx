import { Center, Loader, Text } from '@mantine/core';
import { lazy, Suspense, useEffect, useState, type ComponentType, type LazyExoticComponent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import i18n, { loadLanguage, loadPageWords } from '../i18n';

/** Below this, the page's code usually arrives before anyone notices: nothing is shown rather than a flash. */
const SHOW_AFTER_MS = 200;

/** What a page shows while its code arrives (the first time it is opened in the tab). */
export function PageLoading() {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setShown(true), SHOW_AFTER_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <Center py="xl" role="status" aria-live="polite" data-testid="page-loading">
      {shown && (
        <>
          <Loader size="sm" aria-hidden="true" />
          <Text ml="sm">{t('common.pageLoading')}</Text>
        </>
      )}
    </Center>
  );
}

/**
 * A component whose code is a chunk of its own, fetched the first time it renders (inside a `Suspense`). Its features'
 * words in the tab's language are loaded before it shows (a module loaded on demand registers its namespaces).
 * `load` is `() => import('./Something')`, `name` the component's export.
 */
export function lazyComponent<P extends object, K extends string>(
  load: () => Promise<Record<K, ComponentType<P>>>,
  name: K,
  before: () => Promise<unknown> = () => Promise.resolve(),
): LazyExoticComponent<ComponentType<P>> {
  return lazy(async (): Promise<{ default: ComponentType<P> }> => {
    const [module] = await Promise.all([load(), before()]);
    await loadLanguage(i18n.language);
    return { default: module[name] };
  });
}

/**
 * A route's page loaded on demand: its code, and the libraries only it uses (the editor, Yjs, drag and drop…), is a
 * chunk of its own that the browser fetches the first time the page is opened, with its words, so the first pages
 * stay light (`shared/platform/client-budget.ts`). A light loading state shows meanwhile; a chunk that cannot be
 * fetched (offline, or a new release replaced it) reaches the route's error page, which offers to reload.
 */
export function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): ReactElement {
  const Page = lazyComponent<object, K>(load, name, loadPageWords);
  return (
    <Suspense fallback={<PageLoading />}>
      <Page />
    </Suspense>
  );
}
