import { QueryCache, QueryClient } from "@tanstack/react-query";
import { ApiError } from "./client.js";

/** Retry what may heal (network, 5xx) twice; a 4xx will say the same thing again. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    // A 401 anywhere means the session ended (or never began): ask again whether
    // to sign in, which swaps the page for the sign-in panel.
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (error instanceof ApiError && error.status === 401 && query.queryKey[0] !== "session") {
          void client.invalidateQueries({ queryKey: ["session"] });
        }
      },
    }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 5_000 },
    },
  });
  return client;
}
