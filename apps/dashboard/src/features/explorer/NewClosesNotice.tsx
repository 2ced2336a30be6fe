import { formatCount } from "../../lib/format.js";

/**
 * "3 new closes match — Show": new events are announced, not inserted, so
 * the rows stay where the reader is. The status region is always in the page
 * so screen readers hear the count change.
 */
export function NewClosesNotice({ count, onShow }: { count: number; onShow: () => void }) {
  return (
    <div className="explorer-notice-slot" role="status">
      {count > 0 ? (
        <div className="explorer-notice">
          <span>
            {formatCount(count)} new {count === 1 ? "close matches" : "closes match"} these filters
          </span>
          <button type="button" className="button button-primary" onClick={onShow}>
            Show {count === 1 ? "it" : "them"}
          </button>
        </div>
      ) : null}
    </div>
  );
}
