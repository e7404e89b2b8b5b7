import { describe, expect, it } from 'vitest';
import { parseInvokeBody } from './invoke-body';

describe('parseInvokeBody', () => {
  it('reads the docs’ PascalCase body', () => {
    expect(
      parseInvokeBody({
        properties: {
          InputData: {
            heart_data: { JobInputType: 'UriFolder', Uri: 'https://a.blob.core.windows.net/c/in/' },
          },
          OutputData: {
            score: { JobOutputType: 'UriFolder', Uri: 'https://a.blob.core.windows.net/c/out/' },
          },
        },
      }),
    ).toEqual({
      input: {
        name: 'heart_data',
        kind: 'UriFolder',
        uri: 'https://a.blob.core.windows.net/c/in/',
      },
      output: { name: 'score', kind: 'UriFolder', uri: 'https://a.blob.core.windows.net/c/out/' },
    });
  });

  it('reads the SDK’s camelCase body, its snake_case type names, and no output', () => {
    expect(
      parseInvokeBody({
        properties: {
          inputData: { input: { jobInputType: 'uri_file', uri: ' https://a/b/c.csv ' } },
        },
      }),
    ).toEqual({
      input: { name: 'input', kind: 'UriFile', uri: 'https://a/b/c.csv' },
      output: null,
    });
  });

  it('refuses what the hashing model cannot take, saying what to send', () => {
    const refusal = (body: unknown): string => {
      try {
        parseInvokeBody(body);
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    };
    expect(refusal(null)).toBe('The request body must be a JSON object.');
    expect(refusal({ properties: { InputData: {} } })).toMatch(/exactly one input .* it names 0/);
    expect(refusal({ properties: { InputData: { a: { JobInputType: 'UriFile' } } } })).toMatch(
      /^InputData\.a: Uri is missing/,
    );
    expect(
      refusal({
        properties: {
          InputData: { a: { JobInputType: 'UriFile', Uri: 'https://x/c/a.csv' } },
          OutputData: { o: { JobOutputType: 'UriFile', Uri: 'https://x/c/o.csv' } },
        },
      }),
    ).toMatch(/^OutputData\.o: the output must be a UriFolder/);
  });
});
