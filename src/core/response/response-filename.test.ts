import { describe, expect, it } from 'vitest';
import { downloadFileName } from './response-filename';

describe('downloadFileName', () => {
  it('uses the last path segment and adds an extension for the type', () => {
    expect(
      downloadFileName(
        'http://x/workspaces/w/services/s/execute?api-version=2.0',
        'application/json',
      ),
    ).toBe('execute.json');
    expect(downloadFileName('http://x/files/report.csv', 'text/csv')).toBe('report.csv');
    expect(downloadFileName('http://x/', 'image/png')).toBe('response.png');
    expect(downloadFileName('not a url', undefined)).toBe('response');
  });

  it('prefers Content-Disposition and makes it safe', () => {
    expect(
      downloadFileName('http://x/a', 'text/csv', 'attachment; filename="../../etc/passwd"'),
    ).toBe('passwd');
    expect(
      downloadFileName('http://x/a', 'text/csv', "attachment; filename*=UTF-8''r%C3%A9sultat.csv"),
    ).toBe('résultat.csv');
    expect(downloadFileName('http://x/a', null, 'attachment; filename=out.bin')).toBe('out.bin');
  });
});
