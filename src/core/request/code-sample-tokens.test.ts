import { describe, expect, it } from 'vitest';
import { tokenizeCodeSample } from './code-sample-tokens';

describe('tokenizeCodeSample', () => {
  it('colours a curl sample: comment, keyword, variables, options and strings', async () => {
    const code = [
      '# Set your keys first',
      "export AZUREML_API_KEY='<azureml-api-key>'",
      'curl --request POST \\',
      '  --header "Authorization: Bearer $AZUREML_API_KEY"',
    ].join('\n');
    expect(await tokenizeCodeSample(code, 'shell')).toEqual([
      { kind: 'comment', text: '# Set your keys first' },
      { kind: 'text', text: '\n' },
      { kind: 'keyword', text: 'export' },
      { kind: 'text', text: ' ' },
      { kind: 'variable', text: 'AZUREML_API_KEY' },
      { kind: 'text', text: '=' },
      { kind: 'string', text: "'<azureml-api-key>'" },
      { kind: 'text', text: '\ncurl ' },
      { kind: 'property', text: '--request' },
      { kind: 'text', text: ' POST \\\n  ' },
      { kind: 'property', text: '--header' },
      { kind: 'text', text: ' ' },
      { kind: 'string', text: '"Authorization: Bearer ' },
      { kind: 'variable', text: '$AZUREML_API_KEY' },
      { kind: 'string', text: '"' },
    ]);
  });

  it('colours Python keywords, strings and numbers, and gives back the text exactly', async () => {
    const code = 'import os\npayload = {"a": 1}\nheaders = {"K": os.environ["K"]}';
    const tokens = await tokenizeCodeSample(code, 'python');
    expect(tokens.map((t) => t.text).join('')).toBe(code);
    expect(tokens.slice(0, 3)).toEqual([
      { kind: 'keyword', text: 'import' },
      { kind: 'text', text: ' os\npayload = {' },
      { kind: 'string', text: '"a"' },
    ]);
    expect(tokens).toContainEqual({ kind: 'number', text: '1' });
  });

  it.each(['javascript', 'csharp', 'powershell', 'r'] as const)(
    'knows %s, and leaves an unknown language as text',
    async (language) => {
      const code = "x = 'a' // 1";
      const tokens = await tokenizeCodeSample(code, language);
      expect(tokens.map((t) => t.text).join('')).toBe(code);
      expect(tokens.some((t) => t.kind === 'string')).toBe(true);
      expect(await tokenizeCodeSample(code, 'text')).toEqual([{ kind: 'text', text: code }]);
    },
  );
});
