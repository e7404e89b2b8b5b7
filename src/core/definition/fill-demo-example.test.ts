import { describe, expect, it } from 'vitest';
import {
  blobReferencePlaces,
  canFillFromDemo,
  fillFromDemo,
  sasTokenOf,
} from './fill-demo-example';

const FILL = {
  blobEndpoint: 'http://127.0.0.1:30303/devstoreaccount1',
  input: 'portico-uploads/samples/tutorial-reviews.csv',
  output: 'portico-uploads/samples/tutorial-reviews-hashed.csv',
  sasToken: '?sv=2025-01-05&sr=c&sp=racwl&sig=abc',
};

const SAS_EXAMPLE = {
  Inputs: {
    input1: {
      BaseLocation: 'http://127.0.0.1:10000/devstoreaccount1/',
      RelativeLocation: 'portico-uploads/reviews.csv',
      SasBlobToken: '?sv=2025-01-05&se=2026-11-27T15%3A00%3A00Z&sr=c&sp=racwl&sig=REDACTED',
    },
  },
  Outputs: {
    output1: {
      BaseLocation: 'http://127.0.0.1:10000/devstoreaccount1/',
      RelativeLocation: 'portico-uploads/reviews-hashed.csv',
      SasBlobToken: '?sv=2025-01-05&se=2026-11-27T15%3A00%3A00Z&sr=c&sp=racwl&sig=REDACTED',
    },
  },
  GlobalParameters: { 'Hashing bitsize': 3 },
};

describe('fillFromDemo', () => {
  it("points the definition's SAS example at the running stack's sample", () => {
    const result = fillFromDemo(JSON.stringify(SAS_EXAMPLE, null, 2), FILL);
    expect(result).toEqual({
      ok: true,
      filled: ['Inputs.input1', 'Outputs.output1'],
      body: `{
  "Inputs": {
    "input1": {
      "BaseLocation": "http://127.0.0.1:30303/devstoreaccount1/",
      "RelativeLocation": "portico-uploads/samples/tutorial-reviews.csv",
      "SasBlobToken": "?sv=2025-01-05&sr=c&sp=racwl&sig=abc"
    }
  },
  "Outputs": {
    "output1": {
      "BaseLocation": "http://127.0.0.1:30303/devstoreaccount1/",
      "RelativeLocation": "portico-uploads/samples/tutorial-reviews-hashed.csv",
      "SasBlobToken": "?sv=2025-01-05&sr=c&sp=racwl&sig=abc"
    }
  },
  "GlobalParameters": {
    "Hashing bitsize": 3
  }
}`,
    });
  });

  it('turns connection strings into SAS references (no account key in the browser), legacy Input and several outputs included', () => {
    const body = {
      Input: { ConnectionString: 'AccountName=x;AccountKey=<key>', RelativeLocation: '/c/in.csv' },
      Outputs: {
        output1: { ConnectionString: 'AccountKey=<key>', RelativeLocation: '/c/a.csv' },
        output2: { ConnectionString: 'AccountKey=<key>', RelativeLocation: '/c/b.csv' },
      },
    };
    const result = fillFromDemo(JSON.stringify(body), { ...FILL, sasToken: 'sv=1&sig=s' });
    expect(result.ok && JSON.parse(result.body)).toEqual({
      Input: {
        BaseLocation: 'http://127.0.0.1:30303/devstoreaccount1/',
        RelativeLocation: 'portico-uploads/samples/tutorial-reviews.csv',
        SasBlobToken: '?sv=1&sig=s',
      },
      Outputs: {
        output1: {
          BaseLocation: 'http://127.0.0.1:30303/devstoreaccount1/',
          RelativeLocation: 'portico-uploads/samples/tutorial-reviews-hashed.csv',
          SasBlobToken: '?sv=1&sig=s',
        },
        output2: {
          BaseLocation: 'http://127.0.0.1:30303/devstoreaccount1/',
          RelativeLocation: 'portico-uploads/samples/tutorial-reviews-hashed-output2.csv',
          SasBlobToken: '?sv=1&sig=s',
        },
      },
    });
  });

  it('says why it cannot fill, and changes nothing', () => {
    expect(fillFromDemo('{"Inputs": ', FILL)).toEqual({
      ok: false,
      message:
        'The body is not valid JSON, so its blob references cannot be filled: fix it, or press Reset to start from the example.',
    });
    expect(fillFromDemo('{"Inputs": {"input1": {"ColumnNames": ["Col2"]}}}', FILL)).toEqual({
      ok: false,
      message:
        'The body has no blob references (Inputs or Outputs with a RelativeLocation) to fill.',
    });
  });
});

describe('blobReferencePlaces and canFillFromDemo', () => {
  it('finds blob references only where BES puts them', () => {
    expect(blobReferencePlaces(SAS_EXAMPLE)).toEqual(['Inputs.input1', 'Outputs.output1']);
    expect(blobReferencePlaces({ Inputs: { input1: { ColumnNames: [], Values: [] } } })).toEqual(
      [],
    );
    expect(canFillFromDemo(JSON.stringify(SAS_EXAMPLE))).toBe(true);
    expect(canFillFromDemo('{"Inputs": {"input1": {"ColumnNames": ["Col2"]}}}')).toBe(false);
    expect(canFillFromDemo('not json')).toBe(false);
  });
});

describe('sasTokenOf', () => {
  it('takes the query of a container SAS URL', () => {
    expect(sasTokenOf('http://127.0.0.1:1/devstoreaccount1/portico-uploads?sv=1&sig=a%2B')).toBe(
      '?sv=1&sig=a%2B',
    );
    expect(sasTokenOf('http://127.0.0.1:1/devstoreaccount1/portico-uploads')).toBe('');
  });
});
