import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Base styles first: component styles loaded after them must win at equal specificity.
import './theme.css';
import { App } from './app';
import { createQueryClient, prefetchFirstView } from './query-client';
import { startTheme } from '../features/theme/theme-store';

startTheme();

const queryClient = createQueryClient();
prefetchFirstView(queryClient, window.location.hash);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App queryClient={queryClient} />
  </StrictMode>,
);
