// Bearer-token login, shown when the api answers 401/403 (authentication on).
import { useState } from 'react';
import { getToken, markAuthNeeded, setToken } from '../api/auth.js';

export function Login(): React.JSX.Element {
  const [token, setValue] = useState('');
  return (
    <form
      className="sw-panel"
      aria-label="Sign in"
      style={{ maxWidth: 520 }}
      onSubmit={(e) => {
        e.preventDefault();
        setToken(token.trim());
        markAuthNeeded(false);
        window.location.reload();
      }}
    >
      <h2>Sign in</h2>
      <p>This api requires a bearer token (one of STEPWISE_API_TOKENS).</p>
      {getToken() ? (
        <p className="sw-error-box" role="alert">
          The api refused the token you gave.
        </p>
      ) : null}
      <p>
        <label>
          Token <input type="password" value={token} onChange={(e) => setValue(e.target.value)} required autoComplete="current-password" style={{ width: 360 }} />
        </label>
      </p>
      <button type="submit" className="sw-primary">
        Sign in
      </button>
    </form>
  );
}
