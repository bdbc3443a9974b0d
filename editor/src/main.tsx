import '@fontsource-variable/inter';
import './ui/theme.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element to mount the app in.');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
