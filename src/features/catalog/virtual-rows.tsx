import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useEffect } from 'react';
import {
  OP_ROW_HEIGHT,
  OperationLink,
  rowKey,
  TAG_ROW_HEIGHT,
  TagHeading,
  type Row,
} from './operation-nav-rows';

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

/** The rows on screen of a long list; loaded on demand, with the virtualizer. */
export function VirtualRows({
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
    getItemKey: (i) => {
      const row = rows[i];
      return row ? rowKey(row) : i;
    },
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
