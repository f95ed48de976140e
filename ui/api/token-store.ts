/**
 * The API token the UI sends as `Authorization: Bearer <token>`, kept in
 * localStorage. When the server answers 401, requests wait here until the
 * person pastes a token in the token screen, then retry.
 */

const KEY = 'basin.token';

type Listener = (state: TokenState) => void;

/** Whether the token screen is shown, and why. */
export interface TokenState {
  needed: boolean;
  /** True when a token was sent and refused (not just missing). */
  refused: boolean;
}

let state: TokenState = { needed: false, refused: false };
let waiters: Array<() => void> = [];
const listeners = new Set<Listener>();

function emit(): void {
  for (const l of listeners) l(state);
}

/** The stored token, if any. */
export function getToken(): string | undefined {
  try {
    return localStorage.getItem(KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Stores `token` and lets the requests waiting for one retry. */
export function setToken(token: string): void {
  localStorage.setItem(KEY, token.trim());
  state = { needed: false, refused: false };
  const ready = waiters;
  waiters = [];
  emit();
  for (const w of ready) w();
}

/** Forgets the token (the next request that needs one shows the token screen). */
export function clearToken(): void {
  localStorage.removeItem(KEY);
}

/** Called on a 401: shows the token screen and resolves once a new token is set. */
export function waitForToken(): Promise<void> {
  state = { needed: true, refused: getToken() !== undefined };
  emit();
  return new Promise((resolve) => waiters.push(resolve));
}

/** Subscribes to the token screen's state; returns the unsubscribe function. */
export function onTokenState(listener: Listener): () => void {
  listeners.add(listener);
  listener(state);
  return () => listeners.delete(listener);
}
