import '@mantine/core/styles.css';
import './app/global.css';
import i18n, { loadLanguage } from './i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';

const container = document.getElementById('root');
if (!container) throw new Error('#root element missing from index.html');
const root = createRoot(container);

// A tab that chose English fetches its words first (French ones are bundled and stand in if that fails).
void loadLanguage(i18n.language)
  .catch(() => undefined)
  .then(() =>
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
