/** Shown when the API answers 401: asks for a token, stores it, and lets the waiting requests retry. */
import { useState, type FormEvent } from 'react';
import { setToken } from '../api/token-store';

export function TokenScreen(props: { refused: boolean }) {
  const [value, setValue] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (value.trim() !== '') setToken(value);
  };
  return (
    <div className="token-screen" role="dialog" aria-modal="true" aria-labelledby="token-title">
      <form className="card token-card" onSubmit={submit}>
        <div className="brand big">
          <span className="logo" aria-hidden="true" />
          Basin
        </div>
        <h1 id="token-title">{props.refused ? 'That token was refused' : 'Sign in with a token'}</h1>
        <p>
          Paste the token <code>basin serve</code> printed when it first started, or create one with <code>basin tokens create</code>.
        </p>
        <input type="password" name="token" autoFocus autoComplete="off" placeholder="API token" aria-label="API token" value={value} onChange={(e) => setValue(e.target.value)} />
        <button type="submit" className="btn primary" disabled={value.trim() === ''}>
          Continue
        </button>
      </form>
    </div>
  );
}
