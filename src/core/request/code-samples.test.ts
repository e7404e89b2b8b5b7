import { describe, expect, it } from 'vitest';
import { generateSnippet, placeholderName, SNIPPET_TARGETS } from './code-samples';
import type { HttpRequest } from './http-request';

const request: HttpRequest = {
  method: 'POST',
  url: 'https://x.azure-api.net/azureml-demo/workspaces/demo-workspace/services/simple-feature-hashing/execute?api-version=2.0&details=true&code=q%20secret',
  headers: [
    { name: 'Authorization', value: 'Bearer real-azureml-key', secret: true, schemeId: 'azureml' },
    {
      name: 'Ocp-Apim-Subscription-Key',
      value: 'real-sub-key',
      secret: true,
      schemeId: 'apimSubscriptionKey',
    },
    { name: 'Content-Type', value: 'application/json' },
  ],
  body: '{"Inputs":{"input1":{"ColumnNames":["Col2"],"Values":[["It\'s a good day"]]}}}',
  secretQuery: ['code'],
};

describe('generateSnippet', () => {
  it('writes curl with environment variables instead of keys', async () => {
    expect(await generateSnippet(request, 'curl')).toBe(
      [
        '# Set your keys first: the sample reads them from these variables.',
        "export CODE_API_KEY='<code-api-key>'",
        "export AZUREML_API_KEY='<azureml-api-key>'",
        "export APIM_SUBSCRIPTION_KEY='<apim-subscription-key>'",
        '',
        'curl --request POST \\',
        `  --url "https://x.azure-api.net/azureml-demo/workspaces/demo-workspace/services/simple-feature-hashing/execute?api-version=2.0&details=true&code=$CODE_API_KEY" \\`,
        '  --header "Authorization: Bearer $AZUREML_API_KEY" \\',
        "  --header 'Content-Type: application/json' \\",
        '  --header "Ocp-Apim-Subscription-Key: $APIM_SUBSCRIPTION_KEY" \\',
        `  --data '{"Inputs":{"input1":{"ColumnNames":["Col2"],"Values":[["It'\\''s a good day"]]}}}'`,
      ].join('\n'),
    );
  });

  it('writes Python that reads the keys from environment variables, as curl does', async () => {
    expect(await generateSnippet(request, 'python-requests')).toBe(
      [
        '# Set your keys first: the sample reads them from these environment variables:',
        '# CODE_API_KEY, AZUREML_API_KEY, APIM_SUBSCRIPTION_KEY',
        'import os',
        'import requests',
        '',
        'url = "https://x.azure-api.net/azureml-demo/workspaces/demo-workspace/services/simple-feature-hashing/execute"',
        '',
        'querystring = {"api-version":"2.0","details":"true","code":os.environ["CODE_API_KEY"]}',
        '',
        `payload = { "Inputs": { "input1": {`,
        '            "ColumnNames": ["Col2"],',
        `            "Values": [["It's a good day"]]`,
        '        } } }',
        'headers = {',
        '    "Authorization": "Bearer " + os.environ["AZUREML_API_KEY"],',
        '    "Ocp-Apim-Subscription-Key": os.environ["APIM_SUBSCRIPTION_KEY"],',
        '    "Content-Type": "application/json"',
        '}',
        '',
        'response = requests.post(url, json=payload, headers=headers, params=querystring)',
        '',
        'print(response.json())',
      ].join('\n'),
    );
  });

  it('writes JavaScript that reads the keys from process.env', async () => {
    const code = await generateSnippet(request, 'javascript-fetch');
    expect(code.split('\n').slice(0, 3)).toEqual([
      '// Set your keys first: the sample reads them from these environment variables:',
      '// CODE_API_KEY, AZUREML_API_KEY, APIM_SUBSCRIPTION_KEY',
      "const url = 'https://x.azure-api.net/azureml-demo/workspaces/demo-workspace/services/simple-feature-hashing/execute?api-version=2.0&details=true&code=' + process.env.CODE_API_KEY;",
    ]);
    expect(code).toContain("    Authorization: 'Bearer ' + process.env.AZUREML_API_KEY,");
    expect(code).toContain("    'Ocp-Apim-Subscription-Key': process.env.APIM_SUBSCRIPTION_KEY,");
  });

  it('writes C# that reads the keys from the environment', async () => {
    const code = await generateSnippet(request, 'csharp-httpclient');
    expect(code).toContain(
      '{ "Authorization", "Bearer " + Environment.GetEnvironmentVariable("AZUREML_API_KEY") },',
    );
    expect(code).toContain('&code=" + Environment.GetEnvironmentVariable("CODE_API_KEY")),');
  });

  it("writes the tutorial's RRS call in curl, with the variables to export first", async () => {
    const tutorial: HttpRequest = {
      method: 'POST',
      url: 'http://127.0.0.1:8791/azureml-demo/workspaces/demo-workspace/services/simple-feature-hashing/execute?api-version=2.0&details=true',
      headers: [
        {
          name: 'Authorization',
          value: 'Bearer portico-demo-key',
          secret: true,
          schemeId: 'azureml',
        },
        {
          name: 'Ocp-Apim-Subscription-Key',
          value: 'portico-starter-key',
          secret: true,
          schemeId: 'apimSubscriptionKey',
        },
        { name: 'Content-Type', value: 'application/json' },
      ],
      body: '{"Inputs":{"input1":{"ColumnNames":["Col2"],"Values":[["This is a good day"]]}},"GlobalParameters":{}}',
    };
    expect(await generateSnippet(tutorial, 'curl')).toBe(
      [
        '# Set your keys first: the sample reads them from these variables.',
        "export AZUREML_API_KEY='<azureml-api-key>'",
        "export APIM_SUBSCRIPTION_KEY='<apim-subscription-key>'",
        '',
        'curl --request POST \\',
        "  --url 'http://127.0.0.1:8791/azureml-demo/workspaces/demo-workspace/services/simple-feature-hashing/execute?api-version=2.0&details=true' \\",
        '  --header "Authorization: Bearer $AZUREML_API_KEY" \\',
        "  --header 'Content-Type: application/json' \\",
        '  --header "Ocp-Apim-Subscription-Key: $APIM_SUBSCRIPTION_KEY" \\',
        `  --data '{"Inputs":{"input1":{"ColumnNames":["Col2"],"Values":[["This is a good day"]]}},"GlobalParameters":{}}'`,
      ].join('\n'),
    );
    // With the real keys in it, there is nothing to set first.
    const revealed = await generateSnippet(tutorial, 'curl', { revealSecrets: true });
    expect(revealed).not.toContain('export ');
    expect(revealed).toContain('Bearer portico-demo-key');
  });

  it('uses $env: only where PowerShell expands it, and says which to set', async () => {
    const code = await generateSnippet(request, 'powershell');
    expect(code.split('\n').slice(0, 3)).toEqual([
      '# Set your keys first: the sample reads them from these variables.',
      "$env:AZUREML_API_KEY = '<azureml-api-key>'",
      "$env:APIM_SUBSCRIPTION_KEY = '<apim-subscription-key>'",
    ]);
    // The query key sits in single quotes, where $env: does not expand: a marker, not a variable.
    expect(code).not.toContain("$env:CODE_API_KEY = '");
    expect(code).toContain('$headers.Add("Authorization", "Bearer $env:AZUREML_API_KEY")');
    expect(code).toContain("&code=<code-api-key>' -Method POST");
  });

  it.each(SNIPPET_TARGETS.map((t) => t.id))('never leaks a secret into %s', async (target) => {
    const code = await generateSnippet(request, target);
    expect(code).not.toMatch(/real-azureml-key|real-sub-key|secret|PORTICOSECRET/);
    expect(code).toContain('simple-feature-hashing/execute');
  });

  it('replaces credential-like query values nobody flagged, and headers such as x-functions-key', async () => {
    const code = await generateSnippet(
      {
        method: 'GET',
        url: 'https://fn.example/api/run?apiKey=real-1&access_token=real-2&page=2',
        headers: [{ name: 'x-functions-key', value: 'real-3' }],
      },
      'curl',
    );
    expect(code).toBe(
      [
        '# Set your keys first: the sample reads them from these variables.',
        "export API_KEY='<api-key>'",
        "export ACCESS_TOKEN='<access-token>'",
        "export X_FUNCTIONS_KEY='<x-functions-key>'",
        '',
        'curl --request GET \\',
        `  --url 'https://fn.example/api/run?apiKey='"$API_KEY"'&access_token='"$ACCESS_TOKEN"'&page=2' \\`,
        '  --header "x-functions-key: $X_FUNCTIONS_KEY"',
      ].join('\n'),
    );
  });

  it('puts the real values in when asked', async () => {
    const code = await generateSnippet(request, 'javascript-fetch', { revealSecrets: true });
    expect(code).toContain("Authorization: 'Bearer real-azureml-key'");
    expect(code).toContain('code=q+secret');
  });

  it('hides SAS signatures and account keys even outside credentials', async () => {
    const code = await generateSnippet(
      {
        method: 'PUT',
        url: 'https://acct.blob.core.windows.net/c/in.csv?sv=1&sig=abc',
        headers: [],
        body: 'AccountKey=topsecret;',
      },
      'curl',
    );
    expect(code).toContain('sig=$SIG');
    expect(code).toContain('AccountKey=••••••;');
    expect(code).not.toMatch(/abc|topsecret/);
  });

  it('keeps repeated query parameters and GET without a body', async () => {
    const code = await generateSnippet(
      { method: 'GET', url: 'https://h/p?a=1&a=2', headers: [] },
      'curl',
    );
    expect(code).toBe("curl --request GET \\\n  --url 'https://h/p?a=1&a=2'");
  });
});

describe('placeholderName', () => {
  it.each([
    ['azureml', 'AZUREML_API_KEY'],
    ['apimSubscriptionKey', 'APIM_SUBSCRIPTION_KEY'],
    ['X-Api-Token', 'X_API_TOKEN'],
    ['Cookie', 'COOKIE_API_KEY'],
    ['', 'SECRET'],
  ])('%j -> %s', (source, name) => {
    expect(placeholderName(source)).toBe(name);
  });
});
