/** Whether the page is in the dark theme, following the shell's toggle (the `data-theme` attribute of <html>). */
import { useEffect, useState } from 'react';

function isDark(): boolean {
  return document.documentElement.dataset['theme'] === 'dark';
}

export function useDark(): boolean {
  const [dark, setDark] = useState(isDark);
  useEffect(() => {
    const observer = new MutationObserver(() => setDark(isDark()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);
  return dark;
}
