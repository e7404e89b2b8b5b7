const UNITS = ['KB', 'MB', 'GB', 'TB'];

/** Human-readable byte count with 1024-based units: 0 B, 999 B, 1.5 KB, 20 MB, 1.25 GB. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  // Three significant digits at most, trailing zeros dropped: 1.5 KB, 12.3 MB, 200 MB.
  const digits = value < 10 ? 2 : value < 100 ? 1 : 0;
  const text = value.toFixed(digits).replace(/\.?0+$/, '');
  return `${text} ${UNITS[unit]}`;
}

/** A request duration: 87 ms, 1.24 s, 65.3 s, 2 min 5 s. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 999.5) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 100) return `${s.toFixed(s < 10 ? 2 : 1)} s`;
  const whole = Math.round(s);
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
}
