/** Loading, error and empty states, the same on every page. */
import type { ReactNode } from 'react';

export function Loading(props: { what?: string }) {
  return (
    <div className="state state-loading" role="status">
      <span className="spinner" aria-hidden="true" />
      Loading{props.what ? ` ${props.what}` : ''}…
    </div>
  );
}

export function ErrorState(props: { error: Error; retry?: () => void }) {
  return (
    <div className="state state-error" role="alert">
      <strong>Something went wrong</strong>
      <p>{props.error.message}</p>
      {props.retry && (
        <button type="button" className="btn" onClick={props.retry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty(props: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <strong>{props.title}</strong>
      {props.children && <p>{props.children}</p>}
    </div>
  );
}

/** Renders loading / error / content for one API state. */
export function Loaded<T>(props: { state: { data: T | undefined; error: Error | undefined; reload(): void }; what?: string; children: (data: T) => ReactNode }) {
  const { data, error, reload } = props.state;
  if (error && data === undefined) return <ErrorState error={error} retry={reload} />;
  if (data === undefined) return <Loading what={props.what} />;
  return <>{props.children(data)}</>;
}
