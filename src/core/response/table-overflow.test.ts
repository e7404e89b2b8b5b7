import { describe, expect, it } from 'vitest';
import { NO_OVERFLOW, overflowCue, tableOverflow } from './table-overflow';

// Nine columns, 100 px each, in a box whose visible area starts at x = 50: right edges at
// 150, 250, ... 950 before scrolling.
const at = (scrollLeft: number) =>
  Array.from({ length: 9 }, (_, i) => 50 + (i + 1) * 100 - scrollLeft);

describe('tableOverflow', () => {
  it('reports nothing when the table fits (sub-pixel rounding included)', () => {
    expect(
      tableOverflow(at(0), { left: 0, width: 900.5, clientWidth: 900, viewRight: 950 }),
    ).toEqual(NO_OVERFLOW);
  });

  it('counts the columns not wholly in view on the right', () => {
    expect(tableOverflow(at(0), { left: 0, width: 900, clientWidth: 450, viewRight: 500 })).toEqual(
      {
        moreLeft: false,
        hiddenRight: 5,
      },
    );
  });

  it('knows when columns have scrolled out on the left', () => {
    expect(
      tableOverflow(at(450), { left: 450, width: 900, clientWidth: 450, viewRight: 500 }),
    ).toEqual({
      moreLeft: true,
      hiddenRight: 0,
    });
  });
});

describe('overflowCue', () => {
  it('names the column count and where the rest are', () => {
    expect(overflowCue(9, { moreLeft: false, hiddenRight: 4 })).toBe(
      '9 columns, 4 more to the right: scroll sideways or expand',
    );
    expect(overflowCue(9, { moreLeft: true, hiddenRight: 0 })).toBe(
      '9 columns, scrolled to the last one',
    );
    expect(overflowCue(1, NO_OVERFLOW)).toBe('1 column');
    expect(overflowCue(12, { moreLeft: true, hiddenRight: 2 }, false)).toBe(
      '12 columns, 2 more to the right: scroll sideways',
    );
  });
});
