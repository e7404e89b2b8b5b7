import { ReportQueryError } from './report-errors';

export const ID_FIELDS = ['apiId', 'operationId', 'productId', 'subscriptionId', 'userId'] as const;
export type IdField = (typeof ID_FIELDS)[number];

/** An id as given in `$filter`: a resource path (`/subscriptions/abc`) or just its name (`abc`). */
export interface IdMatcher {
  path?: string;
  name?: string;
}

export interface ReportFilter {
  /** First millisecond included. */
  from: number;
  /** First millisecond no longer included. */
  to: number;
  ids: Partial<Record<IdField, IdMatcher>>;
}

const ARM_SERVICE =
  /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.ApiManagement\/service\/[^/]+(\/.*)$/i;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2})?$/;
const CONDITION = /^\s*([A-Za-z]+)\s+([A-Za-z]+)\s+(datetime'[^']*'|'(?:[^']|'')*')/i;
const JOIN = /^\s+and\s+(?=\S)|^\s*$/i;

const EXAMPLE =
  "timestamp ge datetime'2026-11-30T00:00:00' and timestamp le datetime'2026-11-30T23:59:59'";

function fail(message: string): never {
  throw new ReportQueryError(message, '$filter');
}

/** `datetime'…'` to ms since the epoch; a time without a zone is UTC, as in APIM. */
function parseDatetime(literal: string): number {
  const inner = /^datetime'(.*)'$/i.exec(literal)?.[1];
  if (inner === undefined) fail(`timestamp must be compared with datetime'…', not ${literal}.`);
  if (!DATETIME.test(inner))
    fail(`datetime'${inner}' is not an ISO 8601 date and time such as 2026-11-30T00:00:00.`);
  const zoned = /(?:Z|[+-]\d{2}:\d{2})$/.test(inner) ? inner : `${inner}Z`;
  const ms = Date.parse(zoned);
  if (Number.isNaN(ms)) fail(`datetime'${inner}' is not a valid date and time.`);
  return ms;
}

/** An id given as a name, an APIM path, or a full Azure Resource Manager id. */
export function parseIdMatcher(field: IdField, raw: string): IdMatcher {
  const value = raw.trim();
  if (value === '') fail(`${field} eq '' names no resource.`);
  const arm = ARM_SERVICE.exec(value);
  const path = arm?.[1] ?? value;
  if (path.startsWith('/')) return { path: path.replace(/\/+$/, '') };
  if (value.includes('/')) fail(`${field} '${value}' is neither a name nor a resource path.`);
  return { name: value };
}

export function idMatches(matcher: IdMatcher, id: string): boolean {
  if (matcher.path !== undefined) return id.toLowerCase() === matcher.path.toLowerCase();
  const name = id.slice(id.lastIndexOf('/') + 1);
  return id !== '' && name.toLowerCase() === (matcher.name ?? '').toLowerCase();
}

/**
 * Parses a reports `$filter`: `timestamp ge|gt|le|lt datetime'…'` (a lower and an upper bound
 * are required) joined by `and` with `apiId|operationId|productId|subscriptionId|userId eq '…'`.
 */
export function parseReportFilter(filter: string | undefined): ReportFilter {
  if (filter === undefined || filter.trim() === '')
    fail(`$filter is required and must limit the time range, e.g. ${EXAMPLE}.`);
  let from: number | undefined;
  let to: number | undefined;
  const ids: ReportFilter['ids'] = {};
  let rest = filter;
  while (rest.trim() !== '') {
    const match = CONDITION.exec(rest);
    if (!match) {
      const near = rest.trim().slice(0, 40);
      if (/^\(|^not\b/i.test(near))
        fail(`$filter supports conditions joined by 'and' only, without parentheses: '${near}'.`);
      fail(`$filter could not be read at '${near}'. Expected e.g. ${EXAMPLE}.`);
    }
    const [whole, field = '', operator = '', literal = ''] = match;
    rest = rest.slice(whole.length);
    const join = JOIN.exec(rest);
    if (!join) {
      const near = rest.trim().slice(0, 40);
      if (/^or\b/i.test(near)) fail(`$filter supports conditions joined by 'and' only: '${near}'.`);
      fail(`$filter expects 'and' between conditions, found '${near}'.`);
    }
    rest = rest.slice(join[0].length);
    const op = operator.toLowerCase();
    if (field === 'timestamp') {
      const ms = parseDatetime(literal);
      if (op === 'ge' || op === 'gt') {
        const lower = op === 'gt' ? ms + 1 : ms;
        from = Math.max(from ?? lower, lower);
      } else if (op === 'le' || op === 'lt') {
        const upper = op === 'le' ? ms + 1 : ms;
        to = Math.min(to ?? upper, upper);
      } else fail(`timestamp supports ge, gt, le and lt, not '${operator}'.`);
      continue;
    }
    const idField = ID_FIELDS.find((f) => f === field);
    if (!idField)
      fail(
        `$filter cannot filter on '${field}'. Use timestamp, ${ID_FIELDS.join(', ')} (case as written).`,
      );
    if (op !== 'eq') fail(`${idField} supports eq only, not '${operator}'.`);
    if (literal.toLowerCase().startsWith('datetime'))
      fail(
        `${idField} takes a quoted id such as '${idField === 'apiId' ? 'echo-api' : 'abc123'}'.`,
      );
    if (ids[idField]) fail(`$filter names ${idField} twice.`);
    ids[idField] = parseIdMatcher(idField, literal.slice(1, -1).replaceAll("''", "'"));
  }
  if (from === undefined) fail(`$filter needs a lower bound: timestamp ge datetime'…'.`);
  if (to === undefined) fail(`$filter needs an upper bound: timestamp le datetime'…'.`);
  if (from >= to)
    fail(
      `The time range in $filter is empty: ${new Date(from).toISOString()} is not before ${new Date(to).toISOString()}.`,
    );
  return { from, to, ids };
}
