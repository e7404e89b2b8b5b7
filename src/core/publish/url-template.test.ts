import { describe, expect, it } from 'vitest';
import { checkUrlTemplate } from './url-template';

describe('checkUrlTemplate', () => {
  it("reads the tutorial's template, path and query parameters in order", () => {
    expect(
      checkUrlTemplate(
        '/workspaces/{workspace}/services/{service}/execute?api-version={apiversion}&details={details}',
      ),
    ).toEqual({ ok: true, parameters: ['workspace', 'service', 'apiversion', 'details'] });
    expect(checkUrlTemplate('/')).toEqual({ ok: true, parameters: [] });
  });

  it('names an unclosed brace, a stray one, an empty or bad name and a repeat', () => {
    expect(checkUrlTemplate('/workspaces/{workspace')).toEqual({
      ok: false,
      problem: 'The brace at character 13 is not closed: add "}" after the parameter name.',
      parameters: [],
    });
    expect(checkUrlTemplate('/a/{b/{c}')).toEqual({
      ok: false,
      problem:
        'The brace at character 4 is not closed before the next "{" at 7: add "}" after the parameter name.',
      parameters: [],
    });
    expect(checkUrlTemplate('/a/{b}/c}')).toEqual({
      ok: false,
      problem: 'The "}" at character 9 closes no "{".',
      parameters: ['b'],
    });
    expect(checkUrlTemplate('/a/{}')).toMatchObject({
      problem: 'The braces at character 4 need a parameter name.',
    });
    expect(checkUrlTemplate('/a/{b c}')).toMatchObject({
      problem: 'The parameter name "b c" may hold only letters, digits, "_", "-" and ".".',
    });
    expect(checkUrlTemplate('/a/{b}/{b}')).toMatchObject({
      problem: 'The parameter {b} appears twice.',
    });
    expect(checkUrlTemplate('a')).toMatchObject({ problem: 'A URL template starts with "/".' });
    expect(checkUrlTemplate('')).toMatchObject({
      problem: 'Type the URL template, starting with "/".',
    });
  });
});
