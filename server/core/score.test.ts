import { describe, expect, it } from 'vitest';
import { ServiceError } from './errors';
import { scoreRequest, scoreRequestAsRecords } from './score';

const tutorial = {
  Inputs: { input1: { ColumnNames: ['Col2'], Values: [['This is a good day']] } },
  GlobalParameters: {},
};

function errorOf(body: unknown): { status: number; code: string; detail: string; message: string } {
  try {
    scoreRequest(body, { includeColumnTypes: true });
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    const detail = error.details[0];
    return {
      status: error.status,
      code: error.code,
      detail: detail?.code ?? '',
      message: detail?.message ?? '',
    };
  }
  throw new Error('expected a ServiceError');
}

describe('scoreRequest', () => {
  it('scores the tutorial example with column types', () => {
    expect(scoreRequest(tutorial, { includeColumnTypes: true })).toEqual({
      Results: {
        output1: {
          type: 'table',
          value: {
            ColumnNames: [
              'Col2',
              ...[0, 1, 2, 3, 4, 5, 6, 7].map((i) => `Col2_HashingFeature.${i}`),
            ],
            ColumnTypes: ['String', ...Array(8).fill('Int32')],
            Values: [['This is a good day', '1', '1', '2', '2', '0', '2', '0', '1']],
          },
        },
      },
    });
  });

  it('omits ColumnTypes without details and keeps Col2 when other columns are sent', () => {
    const result = scoreRequest(
      {
        Inputs: {
          input1: {
            ColumnNames: ['Col1', 'Col2'],
            Values: [
              ['5', 'This is a good day'],
              [4, null],
            ],
          },
        },
      },
      { includeColumnTypes: false },
    );
    const table = result.Results.output1?.value;
    expect(table && 'ColumnTypes' in table).toBe(false);
    expect(table?.Values).toEqual([
      ['This is a good day', '1', '1', '2', '2', '0', '2', '0', '1'],
      ['', '0', '0', '0', '0', '0', '0', '0', '0'],
    ]);
  });

  it('applies Hashing bitsize and N-grams from GlobalParameters as strings or numbers', () => {
    const result = scoreRequest(
      { ...tutorial, GlobalParameters: { 'Hashing bitsize': '1', 'N-grams': 1 } },
      { includeColumnTypes: true },
    );
    expect(result.Results.output1?.value.ColumnNames).toEqual([
      'Col2',
      'Col2_HashingFeature.0',
      'Col2_HashingFeature.1',
    ]);
    // Unigram hashes 2997037087 2021799277 1009084850 115441729 3774761357: one even, four odd.
    expect(result.Results.output1?.value.Values).toEqual([['This is a good day', '1', '4']]);
  });

  it.each([
    [[], 'BadArgument', 'RequestBodyInvalid', 'JSON object'],
    [{ GlobalParameters: {} }, 'BadArgument', 'MissingRequestInput', '"Inputs"'],
    [{ Inputs: [] }, 'BadArgument', 'RequestBodyInvalid', '"Inputs"'],
    [{ Inputs: {} }, 'BadArgument', 'MissingRequestInput', "'input1'"],
    [{ Inputs: { input2: {} } }, 'BadArgument', 'UnexpectedParameter', "'input2'"],
    [{ Inputs: { input1: 'x' } }, 'BadUserArgument', 'InputParseError', 'ColumnNames'],
    [
      { Inputs: { input1: { ColumnNames: 'Col2', Values: [] } } },
      'BadUserArgument',
      'InputParseError',
      'ColumnNames',
    ],
    [
      { Inputs: { input1: { ColumnNames: ['Col1'], Values: [['a']] } } },
      'BadUserArgument',
      'InputMismatchError',
      "'Col2'",
    ],
    [
      { Inputs: { input1: { ColumnNames: ['Col2', 'Col2'], Values: [] } } },
      'BadUserArgument',
      'InputParseError',
      'twice',
    ],
    [
      { Inputs: { input1: { ColumnNames: ['Col2'] } } },
      'BadUserArgument',
      'InputParseError',
      'Values',
    ],
    [
      { Inputs: { input1: { ColumnNames: ['Col2'], Values: ['a'] } } },
      'BadUserArgument',
      'InputParseError',
      'Values[0]',
    ],
    [
      { Inputs: { input1: { ColumnNames: ['Col2'], Values: [['a'], ['b', 'c']] } } },
      'BadUserArgument',
      'InputMismatchError',
      'Values[1] has 2',
    ],
    [
      { Inputs: { input1: { ColumnNames: ['Col2'], Values: [[{}]] } } },
      'BadUserArgument',
      'InputParseError',
      'Values[0][0]',
    ],
    [
      { ...tutorial, GlobalParameters: [] },
      'BadArgument',
      'RequestBodyInvalid',
      'GlobalParameters',
    ],
    [
      { ...tutorial, GlobalParameters: { Seed: '1' } },
      'BadArgument',
      'UnexpectedParameter',
      "'Seed'",
    ],
    [
      { ...tutorial, GlobalParameters: { 'Hashing bitsize': '0' } },
      'BadArgument',
      'BadParameterValue',
      'from 1 to 31',
    ],
    [
      { ...tutorial, GlobalParameters: { 'Hashing bitsize': 32 } },
      'BadArgument',
      'BadParameterValue',
      'got 32',
    ],
    [
      { ...tutorial, GlobalParameters: { 'Hashing bitsize': '3.5' } },
      'BadArgument',
      'BadParameterValue',
      '"3.5"',
    ],
    [
      { ...tutorial, GlobalParameters: { 'N-grams': '11' } },
      'BadArgument',
      'BadParameterValue',
      'from 0 to 10',
    ],
    [
      { ...tutorial, GlobalParameters: { 'N-grams': -1 } },
      'BadArgument',
      'BadParameterValue',
      "'N-grams'",
    ],
    [
      { ...tutorial, GlobalParameters: { 'N-grams': true } },
      'BadArgument',
      'BadParameterValue',
      'got true',
    ],
  ])('rejects %j with %s/%s', (body, code, detail, text) => {
    const error = errorOf(body);
    expect(error.status).toBe(400);
    expect([error.code, error.detail]).toEqual([code, detail]);
    expect(error.message).toContain(text);
  });

  it('refuses an answer over the cell limit with 413 MemoryQuotaViolation', () => {
    const error = errorOf({ ...tutorial, GlobalParameters: { 'Hashing bitsize': 31 } });
    expect([error.status, error.code, error.detail]).toEqual([
      413,
      'MemoryQuotaViolation',
      'OutputTooLarge',
    ]);
  });

  it('refuses bitsize 20 on one row (43 MB of JSON) by the 16 MB answer cap, in both forms', () => {
    const body = { ...tutorial, GlobalParameters: { 'Hashing bitsize': 20 } };
    const error = errorOf(body);
    expect([error.status, error.detail]).toEqual([413, 'OutputTooLarge']);
    expect(error.message).toContain('limit of 16 MB');
    expect(() => scoreRequestAsRecords(body)).toThrow(/limit of 16 MB/);
    // 16 bits on one row is about 2 MB: still served.
    const wide = scoreRequest(
      { ...tutorial, GlobalParameters: { 'Hashing bitsize': 16 } },
      { includeColumnTypes: true },
    );
    expect(wide.Results.output1?.value.ColumnNames).toHaveLength(65_537);
  });

  it('checks 300,000 column names in linear time: refused by the column cap', () => {
    const names = Array.from({ length: 300_000 }, (_, i) => `c${i}`);
    const error = errorOf({ Inputs: { input1: { ColumnNames: names, Values: [] } } });
    expect([error.detail, error.message]).toEqual([
      'InputParseError',
      expect.stringContaining('at most 1000'),
    ]);
    const many = Array.from({ length: 1000 }, (_, i) => (i === 999 ? 'Col2' : `c${i}`));
    const last = [...many.slice(0, 998), 'c0', 'Col2'];
    expect(errorOf({ Inputs: { input1: { ColumnNames: last, Values: [] } } }).message).toBe(
      "input1.ColumnNames lists 'c0' twice.",
    );
  });

  it('quotes long values in messages cut to a few hundred characters', () => {
    const long = 'y'.repeat(50_000);
    const error = errorOf({ Inputs: { input1: { ColumnNames: [long], Values: [] } } });
    expect(error.message.length).toBeLessThan(400);
    expect(error.message).toContain('characters)');
  });

  it('treats an empty parameter value as the default and accepts an empty Values list', () => {
    const result = scoreRequest(
      {
        Inputs: { input1: { ColumnNames: ['Col2'], Values: [] } },
        GlobalParameters: { 'Hashing bitsize': '' },
      },
      { includeColumnTypes: false },
    );
    expect(result.Results.output1?.value.ColumnNames).toHaveLength(9);
    expect(result.Results.output1?.value.Values).toEqual([]);
  });

  it('scores the swagger form: a list of records in, a list of records out', () => {
    const result = scoreRequestAsRecords({
      Inputs: { input1: [{ Col1: '5', Col2: 'This is a good day' }, { Col2: null }] },
      GlobalParameters: {},
    });
    const names = ['Col2', ...[0, 1, 2, 3, 4, 5, 6, 7].map((i) => `Col2_HashingFeature.${i}`)];
    expect(result).toEqual({
      Results: {
        output1: [
          Object.fromEntries(
            names.map((n, i) => [
              n,
              ['This is a good day', '1', '1', '2', '2', '0', '2', '0', '1'][i],
            ]),
          ),
          Object.fromEntries(names.map((n, i) => [n, i === 0 ? '' : '0'])),
        ],
      },
    });
    expect(() => scoreRequestAsRecords({ Inputs: { input1: [{ Text: 'a' }] } })).toThrow(
      /input1\[0\] has no 'Col2'/,
    );
    expect(() => scoreRequestAsRecords({ Inputs: { input1: ['a'] } })).toThrow(
      /must be an object keyed by column name/,
    );
  });
});
