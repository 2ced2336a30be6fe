import { useQueryClient } from "@tanstack/react-query";
import { SESSION_KEY, signOut, useSessionQuery } from "../../api/session.js";

/** Shown when this browser is signed in with the session cookie. */
export function SignOutButton() {
  const session = useSessionQuery();
  const queryClient = useQueryClient();
  if (session.data?.via !== "cookie") return null;
  const out = async () => {
    await signOut().catch(() => {});
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
    await queryClient.invalidateQueries({ queryKey: SESSION_KEY });
  };
  return (
    <button type="button" className="button sign-out" onClick={() => void out()} title={`Signed in as ${session.data.name ?? "?"} (${session.data.scope ?? "?"})`}>
      Sign out
    </button>
  );
}
