import { describe, expect, it } from 'vitest';
import {
  SAS_PLACEHOLDER,
  bodyLocations,
  buildSubmitBody,
  checkBlobName,
  checkSubmitBody,
  defaultOutputBlobName,
  formatSubmitBody,
  hideSecret,
  inputBlobName,
  outputNames,
  revealSecret,
  withOutputLocation,
} from './batch-submit-body';

const SAS = '?sv=2025-01-05&sr=c&sp=racwl&sig=abc%3D';

const body = buildSubmitBody({
  accountUrl: 'http://127.0.0.1:10000/devstoreaccount1/',
  container: 'portico-uploads',
  sasToken: SAS,
  inputBlob: 'inputs/reviews.csv',
  outputBlob: '/outputs/reviews-scored.csv',
});

describe('buildSubmitBody', () => {
  it('builds SAS-form references for input1 and output1', () => {
    expect(body).toEqual({
      Inputs: {
        input1: {
          ConnectionString: null,
          BaseLocation: 'http://127.0.0.1:10000/devstoreaccount1/',
          RelativeLocation: 'portico-uploads/inputs/reviews.csv',
          SasBlobToken: SAS,
        },
      },
      Outputs: {
        output1: {
          ConnectionString: null,
          BaseLocation: 'http://127.0.0.1:10000/devstoreaccount1/',
          RelativeLocation: 'portico-uploads/outputs/reviews-scored.csv',
          SasBlobToken: SAS,
        },
      },
      GlobalParameters: {},
    });
  });
});

describe('checkSubmitBody', () => {
  it('accepts the built body and the legacy single Input form', () => {
    expect(checkSubmitBody(formatSubmitBody(body))).toEqual({ ok: true, value: body });
    const legacy = { Input: body.Inputs.input1, Outputs: body.Outputs, GlobalParameters: {} };
    expect(checkSubmitBody(JSON.stringify(legacy)).ok).toBe(true);
  });

  it('points at the line and column of invalid JSON', () => {
    expect(checkSubmitBody('{\n  "Inputs": {},\n}')).toEqual({
      ok: false,
      message: 'Invalid JSON at line 3, column 1: Trailing commas are not allowed in JSON.',
      line: 3,
      column: 1,
    });
  });

  it('names what is missing in the shape', () => {
    const message = (value: unknown): string => {
      const check = checkSubmitBody(JSON.stringify(value));
      return check.ok ? 'ok' : check.message;
    };
    expect(message([])).toBe('The body must be a JSON object.');
    expect(message({ Outputs: body.Outputs })).toBe(
      '"Inputs" must be an object with at least one named blob reference, e.g. "input1".',
    );
    expect(message({ Inputs: body.Inputs, Outputs: {} })).toBe(
      '"Outputs" must be an object with at least one named blob reference, e.g. "output1".',
    );
    expect(
      message({
        Inputs: { input1: { BaseLocation: 'x', SasBlobToken: 'y' } },
        Outputs: body.Outputs,
      }),
    ).toBe('Inputs.input1.RelativeLocation must be a non-empty string ("<container>/<blob>").');
    expect(
      message({ Inputs: { input1: { RelativeLocation: 'c/b' } }, Outputs: body.Outputs }),
    ).toBe('Inputs.input1 needs BaseLocation and SasBlobToken (or a ConnectionString).');
    expect(message({ ...body, GlobalParameters: [] })).toBe(
      '"GlobalParameters" must be an object (it may be {}).',
    );
  });
});

describe('outputNames and bodyLocations', () => {
  it('list names and locations without the SAS', () => {
    const value = body as unknown as Record<string, unknown>;
    expect(outputNames(value)).toEqual(['output1']);
    expect(bodyLocations(value)).toEqual({
      inputs: ['portico-uploads/inputs/reviews.csv'],
      outputs: ['portico-uploads/outputs/reviews-scored.csv'],
    });
  });
});

describe('hideSecret and revealSecret', () => {
  it('swap the SAS for a placeholder and back', () => {
    const text = formatSubmitBody(body);
    const hidden = hideSecret(text, SAS);
    expect(hidden).not.toContain('sig=');
    expect(hidden.split(SAS_PLACEHOLDER)).toHaveLength(3);
    expect(revealSecret(hidden, SAS)).toBe(text);
  });
});

describe('blob names', () => {
  it('makes unique, safe input names and matching output names', () => {
    const name = inputBlobName(
      'C:\\data\\My Reviews (1).csv',
      new Date('2026-11-26T14:03:09.123Z'),
    );
    expect(name).toBe('inputs/20261126-140309Z-My-Reviews-1-.csv');
    expect(inputBlobName('...', new Date('2026-11-26T14:03:09Z'))).toBe(
      'inputs/20261126-140309Z-input.csv',
    );
    expect(defaultOutputBlobName('inputs/20261126-140309Z-reviews.csv')).toBe(
      'outputs/20261126-140309Z-reviews-scored.csv',
    );
  });

  it('checks an output name', () => {
    expect(checkBlobName('outputs/a.csv')).toBeNull();
    expect(checkBlobName(' ')).toBe(
      'Enter a name for the output blob, e.g. outputs/reviews-scored.csv.',
    );
    expect(checkBlobName('out puts/a.csv')).toBe(
      'Use letters, digits, ".", "-", "_" and "/" between parts (no spaces, no leading or double "/").',
    );
    expect(checkBlobName('a/../b.csv')).toBe('A blob name cannot contain "." or ".." parts.');
  });
});

describe('withOutputLocation', () => {
  it('sets the first output location and keeps everything else', () => {
    const text = withOutputLocation(formatSubmitBody(body), 'portico-uploads/outputs/x.csv');
    expect(JSON.parse(text ?? '')).toEqual({
      ...body,
      Outputs: {
        output1: { ...body.Outputs.output1, RelativeLocation: 'portico-uploads/outputs/x.csv' },
      },
    });
  });

  it('leaves text it cannot read to the user', () => {
    expect(withOutputLocation('{ "Outputs": ', 'a/b')).toBeUndefined();
    expect(withOutputLocation('{ "Outputs": [] }', 'a/b')).toBeUndefined();
    expect(withOutputLocation('{ "Outputs": { "output1": 3 } }', 'a/b')).toBeUndefined();
  });
});
