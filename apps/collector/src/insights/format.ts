/** Number formatting for the sentences insights say (the dashboard formats facts itself). */

export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 || Number.isInteger(value) ? 0 : value >= 10 ? 1 : 2;
  return `${Number(value.toFixed(digits))} ${units[unit]}`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${Number(s.toFixed(s < 10 ? 1 : 0))} s`;
  const min = s / 60;
  if (min < 60) return Number.isInteger(Math.round(min * 10) / 10) ? `${Math.round(min)} min` : `${min.toFixed(1)} min`;
  const h = min / 60;
  return `${Number(h.toFixed(1))} h`;
}

export const formatPercent = (percent: number): string => `${Math.round(percent)}%`;

export const formatRatio = (ratio: number): string => `${Number(ratio.toFixed(ratio < 10 ? 1 : 0))}×`;

export const formatRate = (perMinute: number): string => `${Number(perMinute.toFixed(perMinute < 10 ? 1 : 0))}/min`;
