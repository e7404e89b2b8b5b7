import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'wouter';
import type { ApiDefinition, ApiOperation } from '../../core/definition/api-model';
import { groupByTag } from '../../core/definition/group-by-tag';
import { createOperationIndex, filterOperations } from '../../core/definition/operation-filter';
import { MethodBadge } from '../../components/method-badge';
import './operation-nav.css';

type Row =
  | { kind: 'tag'; key: string; name: string; count: number }
  | { kind: 'op'; key: string; op: ApiOperation };

const TAG_ROW_HEIGHT = 34;
const OP_ROW_HEIGHT = 52;

/** Like the virtualizer's default, minus the synchronous getBoundingClientRect on mount. */
function observeSizeLazily(
  instance: Virtualizer<HTMLDivElement, Element>,
  cb: (rect: { width: number; height: number }) => void,
): (() => void) | undefined {
  const element = instance.scrollElement;
  if (!element || typeof ResizeObserver === 'undefined') return undefined;
  const observer = new ResizeObserver((entries) => {
    const box = entries[0]?.contentRect;
    if (box) cb({ width: Math.round(box.width), height: Math.round(box.height) });
  });
  observer.observe(element);
  return () => observer.disconnect();
}

// Below this many rows, plain DOM is cheaper than a virtualizer and keeps every link findable.
const VIRTUALIZE_FROM = 150;
function toRows(api: ApiDefinition, ops: readonly ApiOperation[]): Row[] {
  const rows: Row[] = [];
  for (const group of groupByTag(ops, api.tags)) {
    rows.push({
      kind: 'tag',
      key: `tag:${group.tag}`,
      name: group.tag,
      count: group.operations.length,
    });
    // An operation with two tags is listed under both; the key tells the copies apart.
    for (const op of group.operations)
      rows.push({ kind: 'op', key: `op:${group.tag}:${op.slug}`, op });
  }
  return rows;
}

const OperationLink = memo(function OperationLink({
  apiId,
  op,
  current,
  onNavigate,
}: {
  apiId: string;
  op: ApiOperation;
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

function TagHeading({ name, count }: { name: string; count: number }) {
  return (
    <div className="op-nav__tag" role="presentation">
      <span>{name}</span>
      <span className="op-nav__count">{count}</span>
    </div>
  );
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
  api: ApiDefinition;
  query: string;
  currentSlug: string | undefined;
  onNavigate?: () => void;
}) {
  const index = useMemo(() => createOperationIndex(api.operations), [api.operations]);
  const matches = useMemo(
    () => (query.trim() ? filterOperations(index, query) : api.operations),
    [index, query, api.operations],
  );
  const rows = useMemo(() => toRows(api, matches), [api, matches]);
  // State, not a ref: the virtualizer below must re-render once the element exists, and a
  // child's layout effect runs before a parent's ref is attached.
  const [scrollElement, setScrollElement] = useState<HTMLDivElement | null>(null);

  const virtual = rows.length >= VIRTUALIZE_FROM;

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
          : `${api.operations.length} operations`}
      </p>
      <div className="op-nav__scroll" ref={setScrollElement}>
        {virtual ? (
          <VirtualRows
            rows={rows}
            apiId={api.id}
            currentSlug={currentSlug}
            onNavigate={onNavigate}
            scrollElement={scrollElement}
          />
        ) : (
          <div className="op-nav__list">
            {rows.map((row) =>
              row.kind === 'tag' ? (
                <TagHeading key={row.key} name={row.name} count={row.count} />
              ) : (
                <OperationLink
                  key={row.key}
                  apiId={api.id}
                  op={row.op}
                  current={row.op.slug === currentSlug}
                  onNavigate={onNavigate}
                />
              ),
            )}
          </div>
        )}
      </div>
    </div>
  );
});

function VirtualRows({
  rows,
  apiId,
  currentSlug,
  onNavigate,
  scrollElement,
}: {
  rows: Row[];
  apiId: string;
  currentSlug: string | undefined;
  onNavigate: (() => void) | undefined;
  scrollElement: HTMLDivElement | null;
}) {
  // The virtualizer hands out fresh measurements on every render by design; this component
  // re-renders on scroll, so skipping the compiler's memoisation here is what we want.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollElement,
    // Fixed row heights (enforced in CSS) and a size learnt from ResizeObserver: nothing here
    // forces a synchronous layout while the page is being built.
    estimateSize: (i) => (rows[i]?.kind === 'tag' ? TAG_ROW_HEIGHT : OP_ROW_HEIGHT),
    initialRect: { width: 300, height: typeof window === 'undefined' ? 800 : window.innerHeight },
    observeElementRect: observeSizeLazily,
    overscan: 12,
    getItemKey: (i) => rows[i]?.key ?? i,
  });
  useEffect(() => {
    const index = rows.findIndex((r) => r.kind === 'op' && r.op.slug === currentSlug);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
    // Only when the open operation changes: scrolling must not fight the user.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [currentSlug]);
  return (
    <div
      className="op-nav__virtual"
      data-fixed-rows=""
      style={{ height: virtualizer.getTotalSize() }}
    >
      {virtualizer.getVirtualItems().map((item) => {
        const row = rows[item.index];
        if (!row) return null;
        return (
          <div
            key={item.key}
            className="op-nav__virtual-row"
            style={{ transform: `translateY(${item.start}px)`, height: item.size }}
          >
            {row.kind === 'tag' ? (
              <TagHeading name={row.name} count={row.count} />
            ) : (
              <OperationLink
                apiId={apiId}
                op={row.op}
                current={row.op.slug === currentSlug}
                onNavigate={onNavigate}
              />
            )}
          </div>
        );
      })}
    </div>
  );
}
