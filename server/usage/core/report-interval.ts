import { ReportQueryError } from './report-errors';

const DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i;
const MINUTE = 60_000;
/** A byTime report over a long range at a fine interval would be millions of records. */
const MAX_INTERVALS = 100_000;

/** A byTime `interval`: an ISO 8601 duration of whole minutes, at least PT1M. */
export function parseInterval(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '')
    throw new ReportQueryError(
      'byTime needs interval, an ISO 8601 duration such as PT15M.',
      'interval',
    );
  const match = DURATION.exec(raw.trim());
  if (!match || raw.trim().toUpperCase() === 'P' || raw.trim().toUpperCase().endsWith('T'))
    throw new ReportQueryError(
      `interval '${raw}' is not an ISO 8601 duration in days, hours, minutes or seconds, such as PT15M or PT1H.`,
      'interval',
    );
  const [, d = '0', h = '0', m = '0', s = '0'] = match;
  const ms = ((Number(d) * 24 + Number(h)) * 60 + Number(m)) * MINUTE + Number(s) * 1000;
  if (ms < MINUTE || ms % MINUTE !== 0)
    throw new ReportQueryError(
      `interval '${raw}' must be whole minutes, PT1M or more (APIM itself wants multiples of PT15M).`,
      'interval',
    );
  return ms;
}

/** The canonical ISO 8601 text for a whole-minute duration, as APIM writes it back. */
export function formatInterval(ms: number): string {
  const minutes = Math.round(ms / MINUTE);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const time = `${hours ? `${hours}H` : ''}${mins ? `${mins}M` : ''}`;
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}

export function checkIntervalCount(from: number, to: number, interval: number): void {
  const count = Math.ceil((to - from) / interval);
  if (count > MAX_INTERVALS)
    throw new ReportQueryError(
      `That range at interval ${formatInterval(interval)} is ${count} intervals; choose a longer interval or a shorter range (at most ${MAX_INTERVALS}).`,
      'interval',
    );
}
