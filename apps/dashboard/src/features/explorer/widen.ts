import { RANGE_PRESETS, spanMs, type RangeKey, type TimeRange } from "../../lib/view.js";

/** The next preset longer than `range`, to offer when nothing matches; none past the longest. */
export function widerRange(range: TimeRange): RangeKey | undefined {
  const span = spanMs(range);
  return RANGE_PRESETS.find((p) => p.ms > span)?.key;
}
