import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import classes from './SkipLink.module.css';

export const MAIN_CONTENT_ID = 'contenu';

/** First focusable element of every page: jumps past the header and navigation to the main content. */
export function SkipLink() {
  const { t } = useTranslation();

  // Move focus ourselves instead of changing the URL hash, which the router would treat as a navigation.
  function onClick(event: MouseEvent<HTMLAnchorElement>) {
    const main = document.getElementById(MAIN_CONTENT_ID);
    if (!main) return;
    event.preventDefault();
    main.focus();
    main.scrollIntoView();
  }

  return (
    <a className={classes.skipLink} href={`#${MAIN_CONTENT_ID}`} onClick={onClick}>
      {t('a11y.skipToContent')}
    </a>
  );
}
