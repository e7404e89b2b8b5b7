import { describe, expect, it } from 'vitest';
import { generateSnippet } from './code-samples';
import type { HttpRequest } from './http-request';

// The tutorial's RRS Execute call through APIM, as core buildRequest makes it.
const tutorial: HttpRequest = {
  method: 'POST',
  url: 'https://x.azure-api.net/azureml-demo/workspaces/demo-workspace/services/simple-feature-hashing/execute?api-version=2.0&details=true',
  headers: [
    { name: 'Authorization', value: 'Bearer real-azureml-key', secret: true, schemeId: 'azureml' },
    { name: 'Content-Type', value: 'application/json' },
    {
      name: 'Ocp-Apim-Subscription-Key',
      value: 'real-sub-key',
      secret: true,
      schemeId: 'apimSubscriptionKey',
    },
  ],
  body: '{"Inputs":{"input1":{"ColumnNames":["Col1","Col2"],"Values":[["0","It\'s a \\"good\\" day"]]}},"GlobalParameters":{}}',
};

describe('R (httr) sample', () => {
  it('writes the tutorial RRS request with keys from the environment', async () => {
    expect(await generateSnippet(tutorial, 'r-httr')).toBe(
      [
        'library(httr)',
        '',
        'url <- "https://x.azure-api.net/azureml-demo/workspaces/demo-workspace/services/simple-feature-hashing/execute"',
        '',
        'query <- list(',
        '  `api-version` = "2.0",',
        '  details = "true"',
        ')',
        '',
        'payload <- "{\\"Inputs\\":{\\"input1\\":{\\"ColumnNames\\":[\\"Col1\\",\\"Col2\\"],\\"Values\\":[[\\"0\\",\\"It\'s a \\\\\\"good\\\\\\" day\\"]]}},\\"GlobalParameters\\":{}}"',
        '',
        'response <- VERB(',
        '  "POST",',
        '  url,',
        '  query = query,',
        '  body = payload,',
        '  add_headers(',
        '    Authorization = paste("Bearer", Sys.getenv("AZUREML_API_KEY")),',
        '    `Content-Type` = "application/json",',
        '    `Ocp-Apim-Subscription-Key` = Sys.getenv("APIM_SUBSCRIPTION_KEY")',
        '  ),',
        '  encode = "raw"',
        ')',
        '',
        'print(status_code(response))',
        'cat(content(response, "text", encoding = "UTF-8"))',
      ].join('\n'),
    );
  });

  it('reads a query-string key from the environment and masks SAS signatures in the body', async () => {
    const code = await generateSnippet(
      {
        method: 'GET',
        url: 'https://h/jobs?code=abc&x=1',
        headers: [],
        secretQuery: ['code'],
        body: 'AccountKey=topsecret;',
      },
      'r-httr',
    );
    expect(code).toContain('  code = Sys.getenv("CODE_API_KEY"),');
    expect(code).toContain('payload <- "AccountKey=••••••;"');
    expect(code).not.toMatch(/abc|topsecret/);
  });

  it('puts the real values in when asked', async () => {
    const code = await generateSnippet(tutorial, 'r-httr', { revealSecrets: true });
    expect(code).toContain('Authorization = "Bearer real-azureml-key"');
    expect(code).toContain('`Ocp-Apim-Subscription-Key` = "real-sub-key"');
  });
});
