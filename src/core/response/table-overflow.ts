/** What a sideways-scrolling table hides, from its columns' right edges and its scroll box. */
export interface TableOverflow {
  /** Columns are scrolled out of view on the left (the sticky first column then casts a shadow). */
  moreLeft: boolean;
  /** Columns wholly or partly beyond the right edge. */
  hiddenRight: number;
}

export const NO_OVERFLOW: TableOverflow = { moreLeft: false, hiddenRight: 0 };

/**
 * `columnRights` are each column's right edge and `scroll.viewRight` the right edge of the
 * visible area, in the same coordinates; a column counts as hidden unless all of it is in
 * view. One pixel of slack absorbs sub-pixel rounding, so a table that fits never reports a
 * hidden column.
 */
export function tableOverflow(
  columnRights: readonly number[],
  scroll: { left: number; width: number; clientWidth: number; viewRight: number },
): TableOverflow {
  if (scroll.width <= scroll.clientWidth + 1) return NO_OVERFLOW;
  return {
    moreLeft: scroll.left > 1,
    hiddenRight: columnRights.filter((right) => right > scroll.viewRight + 1).length,
  };
}

/** The visible cue under a table's caption: how many columns, and where the rest are. */
export function overflowCue(columns: number, overflow: TableOverflow, canExpand = true): string {
  const total = `${columns.toLocaleString('en-US')} ${columns === 1 ? 'column' : 'columns'}`;
  if (overflow.hiddenRight > 0) {
    return `${total}, ${overflow.hiddenRight.toLocaleString('en-US')} more to the right: scroll sideways${canExpand ? ' or expand' : ''}`;
  }
  if (overflow.moreLeft) return `${total}, scrolled to the last one`;
  return total;
}

export function sameOverflow(a: TableOverflow, b: TableOverflow): boolean {
  return a.moreLeft === b.moreLeft && a.hiddenRight === b.hiddenRight;
}
