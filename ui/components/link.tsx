/** An in-app link: a real <a href> (open in new tab works) that navigates without reloading. */
import type { MouseEvent, ReactNode } from 'react';
import { navigate } from '../router';

export function Link(props: { to: string; children: ReactNode; className?: string; title?: string }) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(props.to);
  };
  return (
    <a href={props.to} onClick={onClick} className={props.className} title={props.title}>
      {props.children}
    </a>
  );
}

/** The path of an asset's page. */
export function assetPath(key: string): string {
  return `/catalog/${encodeURIComponent(key)}`;
}

/** The path of a run's page. */
export function runPath(id: string): string {
  return `/runs/${encodeURIComponent(id)}`;
}
