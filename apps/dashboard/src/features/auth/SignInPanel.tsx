import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { describeError } from "../../api/client.js";
import { SESSION_KEY, signIn } from "../../api/session.js";
import { Panel } from "../../components/Panel.js";

/**
 * Shown instead of the page when the collector answers 401: asks for a read
 * or admin token, which the collector exchanges for an HttpOnly session
 * cookie. The token only passes through this form; nothing stores it.
 */
export function SignInPanel() {
  const queryClient = useQueryClient();
  const [token, setToken] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ title: string; detail: string } | undefined>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const session = await signIn(token.trim());
      setToken("");
      queryClient.setQueryData(SESSION_KEY, session);
      // Everything that failed with 401 before can be fetched now.
      await queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
    } catch (err) {
      const { title, detail } = describeError(err);
      setError({ title, detail });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel title="Sign in" className="span-12">
      <form className="sign-in" onSubmit={(e) => void submit(e)}>
        <p>
          This collector needs an API token. Sign in with a <strong>read</strong> token (or an <strong>admin</strong> token
          to change alert rules). Create one on the collector's machine with{" "}
          <code>npm run -s token -- create --name you --scope read</code>.
        </p>
        <label htmlFor="sign-in-token">API token</label>
        <input
          id="sign-in-token"
          name="token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          required
          value={token}
          onChange={(e) => setToken(e.target.value)}
        />
        <button type="submit" className="button" disabled={busy || token.trim() === ""}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
        {error ? (
          <div className="state state-error" role="alert">
            <p className="state-title">{error.title}</p>
            <p className="state-detail">{error.detail}</p>
          </div>
        ) : null}
        <p className="muted">The dashboard keeps a session cookie the page's scripts cannot read; the token itself is not stored.</p>
      </form>
    </Panel>
  );
}
