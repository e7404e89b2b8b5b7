import { memo } from 'react';
import { Link } from 'wouter';
import type { ApiOperationSummary } from '../../core/definition/api-model';
import { MethodBadge } from '../../components/method-badge';

export type Row =
  | { kind: 'tag'; name: string; count: number; webhooks?: true }
  | { kind: 'op'; tag: string; op: ApiOperationSummary };

/**
 * A row's React key. Made when a row renders, not when the list is built: only a screenful of
 * a 10,000-operation list renders. An operation with two tags is listed under both; the tag
 * tells the copies apart.
 */
export function rowKey(row: Row): string {
  // The webhooks' group may share its name with a tag of the definition.
  if (row.kind === 'tag') return row.webhooks ? 'webhooks' : `tag:${row.name}`;
  return `op:${row.tag}:${row.op.slug}`;
}

export const TAG_ROW_HEIGHT = 34;
export const OP_ROW_HEIGHT = 52;

export const OperationLink = memo(function OperationLink({
  apiId,
  op,
  current,
  onNavigate,
}: {
  apiId: string;
  op: ApiOperationSummary;
  current: boolean;
  onNavigate: (() => void) | undefined;
}) {
  return (
    <Link
      href={`/apis/${encodeURIComponent(apiId)}/operations/${encodeURIComponent(op.slug)}`}
      className={`op-link${current ? ' op-link--current' : ''}${op.deprecated ? ' op-link--deprecated' : ''}`}
      aria-current={current ? 'page' : undefined}
      onClick={onNavigate}
      data-op-link=""
    >
      <MethodBadge method={op.method} size="sm" />
      <span className="op-link__text">
        <span className="op-link__summary">{op.summary}</span>
        <span className="op-link__path">
          <bdi>{op.path}</bdi>
        </span>
      </span>
    </Link>
  );
});

export function TagHeading({ name, count }: { name: string; count: number }) {
  return (
    <div className="op-nav__tag" role="presentation">
      <span>{name}</span>
      <span className="op-nav__count">{count}</span>
    </div>
  );
}
