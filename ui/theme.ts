/** Dark and light themes: the choice is remembered in localStorage (index.html applies it before the first paint). */
import { useState } from 'react';

export type Theme = 'dark' | 'light';
const KEY = 'basin.theme';

function current(): Theme {
  return document.documentElement.dataset['theme'] === 'dark' ? 'dark' : 'light';
}

/** The theme and a toggle that stores the new choice. */
export function useTheme(): [Theme, () => void] {
  const [theme, setTheme] = useState<Theme>(current);
  const toggle = () => {
    const next: Theme = theme === 'dark' ? 'light' : 'dark';
    document.documentElement.dataset['theme'] = next;
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // Private windows may refuse storage: the theme still switches for this page.
    }
    setTheme(next);
  };
  return [theme, toggle];
}
