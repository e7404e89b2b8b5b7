import { describe, expect, it } from 'vitest';
import { findAzureMlTables, splitFrameTable } from './response-azureml';

describe('findAzureMlTables', () => {
  it('finds every output table with its types', () => {
    expect(
      findAzureMlTables({
        Results: {
          output1: {
            type: 'table',
            value: {
              ColumnNames: ['Col2', 'Col2_HashingFeature.0'],
              ColumnTypes: ['String', 'Int32'],
              Values: [['This is a good day', '1']],
            },
          },
          output2: { type: 'table', value: { ColumnNames: ['n'], Values: [[1], [null]] } },
        },
      }),
    ).toEqual([
      {
        output: 'output1',
        columns: ['Col2', 'Col2_HashingFeature.0'],
        types: ['String', 'Int32'],
        rows: [['This is a good day', '1']],
      },
      { output: 'output2', columns: ['n'], rows: [['1'], ['']] },
    ]);
  });

  it('ignores anything else', () => {
    expect(findAzureMlTables({ error: { code: 'x' } })).toEqual([]);
    expect(findAzureMlTables({ Results: { output1: { value: 'no' } } })).toEqual([]);
    expect(findAzureMlTables([1])).toEqual([]);
  });
});

describe('splitFrameTable', () => {
  const answer = {
    columns: ['Col1', 'Col2', 'Col2_HashingFeature.0', 'Col2_HashingFeature.1'],
    index: [0, 1],
    data: [
      ['1', 'This is a good day', 1, 1],
      ['2', null, 0, 2],
    ],
  };

  it("shows an online endpoint's split answer as one table, its index first", () => {
    expect(findAzureMlTables(answer)).toEqual([
      {
        output: 'Result',
        columns: ['index', 'Col1', 'Col2', 'Col2_HashingFeature.0', 'Col2_HashingFeature.1'],
        rows: [
          ['0', '1', 'This is a good day', '1', '1'],
          ['1', '2', '', '0', '2'],
        ],
      },
    ]);
  });

  it('leaves the index out when it is missing or does not match the rows', () => {
    expect(splitFrameTable({ columns: ['a'], data: [[1]] })?.columns).toEqual(['a']);
    expect(splitFrameTable({ columns: ['a'], index: [0, 1], data: [[1]] })?.rows).toEqual([['1']]);
  });

  it('is no table when columns or data are not the split shape', () => {
    expect(splitFrameTable({ columns: [1], data: [[1]] })).toBeUndefined();
    expect(splitFrameTable({ columns: ['a'], data: [1] })).toBeUndefined();
    expect(splitFrameTable([11633.1, 8522.11])).toBeUndefined();
    expect(splitFrameTable({ answer: 'text' })).toBeUndefined();
  });
});
