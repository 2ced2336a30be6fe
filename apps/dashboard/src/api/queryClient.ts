import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "./client.js";

/** Retry what may heal (network, 5xx) twice; a 4xx will say the same thing again. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 5_000 },
    },
  });
}
