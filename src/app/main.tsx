import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './theme.css';

// Placeholder entry; replaced by the app shell (issue 2).
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <p>Portico</p>
  </StrictMode>,
);
