import { memo, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { ApiCatalog, ApiOperationSummary } from '../../core/definition/api-model';
import { groupByTag } from '../../core/definition/group-by-tag';
import {
  createOperationIndex,
  filterOperations,
  type OperationIndex,
} from '../../core/definition/operation-filter';
import { lazyModule } from '../../core/util/lazy-module';
import { useLazyModule } from '../../hooks/use-lazy-module';
import { OperationLink, rowKey, TagHeading, type Row } from './operation-nav-rows';
import './operation-nav.css';

// The virtualizer is only needed for long lists: it stays out of the first load, and the list
// switches to it as soon as it has arrived (React.lazy would hold it back up to 300 ms).
const virtualRowsModule = lazyModule(() => import('./virtual-rows'));
// Rows shown while it loads: more than a screen holds.
const FIRST_ROWS = 40;

// Below this many rows, plain DOM is cheaper than a virtualizer and keeps every link findable.
const VIRTUALIZE_FROM = 150;
function toRows(api: ApiCatalog, ops: readonly ApiOperationSummary[]): Row[] {
  const rows: Row[] = [];
  for (const group of groupByTag(ops, api.tags)) {
    rows.push({
      kind: 'tag',
      name: group.tag,
      count: group.operations.length,
      ...(group.webhooks ? { webhooks: true as const } : {}),
    });
    for (const op of group.operations) rows.push({ kind: 'op', tag: group.tag, op });
  }
  return rows;
}

/** "12 operations", or "3 operations, 1 webhook" when the API also calls you. */
function countLabel(operations: readonly ApiOperationSummary[]): string {
  let webhooks = 0;
  for (const op of operations) if (op.webhook) webhooks += 1;
  const calls = `${operations.length - webhooks} operations`;
  return webhooks === 0 ? calls : `${calls}, ${webhooks} webhook${webhooks === 1 ? '' : 's'}`;
}

// One filter index per catalog, however often the list mounts.
const indexes = new WeakMap<readonly ApiOperationSummary[], OperationIndex>();
function operationIndex(operations: readonly ApiOperationSummary[]): OperationIndex {
  let index = indexes.get(operations);
  if (!index) {
    index = createOperationIndex(operations);
    indexes.set(operations, index);
  }
  return index;
}

/**
 * The sidebar list of operations, grouped by tag and filtered as the user types. The filter
 * runs over a precomputed index; a long list (thousands of operations) is virtualised so a
 * keystroke re-renders only what is on screen.
 */
export const OperationNav = memo(function OperationNav({
  api,
  query,
  currentSlug,
  onNavigate,
}: {
  api: ApiCatalog;
  query: string;
  currentSlug: string | undefined;
  onNavigate?: () => void;
}) {
  // Built once the page is idle after the list shows (the list is what a user waits for), or
  // on the first keystroke if that comes sooner: 10,000 operations take a few milliseconds.
  const filtering = query.trim() !== '';
  const index = useMemo(
    () => (filtering ? operationIndex(api.operations) : undefined),
    [filtering, api.operations],
  );
  useEffect(() => {
    if (typeof window.requestIdleCallback !== 'function') return;
    const idle = window.requestIdleCallback(() => operationIndex(api.operations), {
      timeout: 3000,
    });
    return () => window.cancelIdleCallback(idle);
  }, [api.operations]);
  const matches = useMemo(
    () => (index ? filterOperations(index, query) : api.operations),
    [index, query, api.operations],
  );
  const rows = useMemo(() => toRows(api, matches), [api, matches]);
  // State, not a ref: the virtualizer below must re-render once the element exists, and a
  // child's layout effect runs before a parent's ref is attached.
  const [scrollElement, setScrollElement] = useState<HTMLDivElement | null>(null);

  const virtual = rows.length >= VIRTUALIZE_FROM;
  // The switch from the first rows to the virtualizer is not urgent: deferred, it is rendered
  // in slices that yield to input and painting, not in one task just after the list first
  // shows (with a 10,000-operation page and worker still busy, that task took 50-60 ms).
  const virtualRows = useDeferredValue(useLazyModule(virtualRowsModule, virtual));

  // A new filter shows its results from the top (not on mount: a deep link keeps its place).
  const shownQuery = useRef(query);
  useEffect(() => {
    if (shownQuery.current === query) return;
    shownQuery.current = query;
    scrollElement?.scrollTo({ top: 0 });
  }, [query, scrollElement]);

  // The open operation stays in sight, e.g. after a deep link or a jump from the filter.
  useEffect(() => {
    if (!scrollElement || virtual) return;
    scrollElement.querySelector('[aria-current="page"]')?.scrollIntoView({ block: 'nearest' });
  }, [currentSlug, virtual, scrollElement]);

  return (
    <div className="op-nav">
      <p className="op-nav__status" aria-live="polite">
        {query.trim()
          ? matches.length === 0
            ? `No operations match “${query.trim()}”`
            : `${matches.length} of ${api.operations.length} operations`
          : countLabel(api.operations)}
      </p>
      <div className="op-nav__scroll" ref={setScrollElement}>
        {virtual && virtualRows ? (
          <virtualRows.VirtualRows
            rows={rows}
            apiId={api.id}
            currentSlug={currentSlug}
            onNavigate={onNavigate}
            scrollElement={scrollElement}
          />
        ) : virtual ? (
          <PlainRows
            rows={rows.slice(0, FIRST_ROWS)}
            apiId={api.id}
            currentSlug={currentSlug}
            onNavigate={onNavigate}
          />
        ) : (
          <PlainRows rows={rows} apiId={api.id} currentSlug={currentSlug} onNavigate={onNavigate} />
        )}
      </div>
    </div>
  );
});

function PlainRows({
  rows,
  apiId,
  currentSlug,
  onNavigate,
}: {
  rows: Row[];
  apiId: string;
  currentSlug: string | undefined;
  onNavigate: (() => void) | undefined;
}) {
  return (
    <div className="op-nav__list">
      {rows.map((row) =>
        row.kind === 'tag' ? (
          <TagHeading key={rowKey(row)} name={row.name} count={row.count} />
        ) : (
          <OperationLink
            key={rowKey(row)}
            apiId={apiId}
            op={row.op}
            current={row.op.slug === currentSlug}
            onNavigate={onNavigate}
          />
        ),
      )}
    </div>
  );
}
