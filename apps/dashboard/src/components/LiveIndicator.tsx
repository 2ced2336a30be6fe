import type { LiveStatus } from "../hooks/useLiveFeed.js";

const TEXT: Record<LiveStatus, string> = {
  connecting: "Connecting…",
  open: "Live",
  reconnecting: "Reconnecting…",
  off: "Not live",
};

const HINT: Record<LiveStatus, string> = {
  connecting: "Opening the live feed",
  open: "New closes appear as the collector receives them",
  reconnecting: "Live feed lost; retrying. Numbers refresh every 30 s meanwhile.",
  off: "Sign in to see closes as they arrive",
};

export function LiveIndicator({ status }: { status: LiveStatus }) {
  return (
    <span className={`live live-${status}`} role="status" title={HINT[status]}>
      <span className="live-dot" aria-hidden="true" />
      {TEXT[status]}
    </span>
  );
}
