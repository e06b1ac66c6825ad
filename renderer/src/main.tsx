import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
// Order matters only for base.css (variables, reset) coming first.
import './styles/base.css';
import './styles/shell.css';
import './styles/overlays.css';
import './styles/overview.css';
import './styles/items.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
