import { describe, expect, it } from 'vitest';
import { findAzureMlTables } from './response-azureml';

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
