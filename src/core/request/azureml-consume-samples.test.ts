import { describe, expect, it } from 'vitest';
import {
  csharpConsumeSample,
  pythonConsumeSample,
  pythonLiteral,
  rConsumeSample,
} from './azureml-consume-samples';
import { generateSnippet, placeholderName, snippetTargetsFor } from './code-samples';
import type { HttpRequest } from './http-request';

const BODY =
  '{"input_data":{"columns":["Col1","Col2"],"index":[0],"data":[["1","This is a good day"]]}}';

/** The hashing endpoint called directly, the green deployment picked. */
const direct: HttpRequest = {
  method: 'POST',
  url: 'https://portico-hashing.eastus.inference.ml.azure.com/score',
  headers: [
    { name: 'azureml-model-deployment', value: 'green' },
    { name: 'Authorization', value: 'Bearer real-endpoint-key', secret: true, schemeId: 'azureml' },
    { name: 'Content-Type', value: 'application/json' },
  ],
  body: BODY,
};

/** Through API Management: only the subscription key; the gateway sets the endpoint's key. */
const throughApim: HttpRequest = {
  method: 'POST',
  url: 'https://contoso.azure-api.net/hashing-endpoint/score',
  headers: [
    {
      name: 'Ocp-Apim-Subscription-Key',
      value: 'real-sub-key',
      secret: true,
      schemeId: 'apimSubscriptionKey',
    },
    { name: 'Content-Type', value: 'application/json' },
    { name: 'Accept', value: 'text/event-stream' },
  ],
  body: '{"question":"Why?","chat_history":[]}',
};

const RESPONSE_HANDLING = [
  'try:',
  '    response = urllib.request.urlopen(req)',
  '',
  '    result = response.read()',
  '    print(result)',
  'except urllib.error.HTTPError as error:',
  '    print("The request failed with status code: " + str(error.code))',
  '',
  '    # Print the headers - they include the request ID and the timestamp, which are useful for debugging the failure',
  '    print(error.info())',
  '    print(error.read().decode("utf8", "ignore"))',
];

describe('pythonConsumeSample', () => {
  it("writes the Consume tab's urllib sample: data, url, key check, headers with the deployment", () => {
    expect(pythonConsumeSample(direct, placeholderName)).toBe(
      [
        'import json',
        'import os',
        'import urllib.request',
        '',
        '# Request data goes here',
        '# The example below assumes JSON formatting which may be updated',
        '# depending on the format your endpoint expects.',
        'data = {',
        '    "input_data": {',
        '        "columns": ["Col1", "Col2"],',
        '        "index": [0],',
        '        "data": [',
        '            ["1", "This is a good day"]',
        '        ]',
        '    }',
        '}',
        '',
        'body = str.encode(json.dumps(data))',
        '',
        'url = "https://portico-hashing.eastus.inference.ml.azure.com/score"',
        '# Replace this with the primary/secondary key, AMLToken, or Microsoft Entra ID token for the endpoint',
        'api_key = os.environ.get("AZUREML_API_KEY", "")',
        'if not api_key:',
        '    raise Exception("A key should be provided to invoke the endpoint")',
        '',
        '# The azureml-model-deployment header will force the request to go to a specific deployment.',
        '# Remove this header to have the request observe the endpoint traffic rules',
        'headers = {',
        '    "Content-Type": "application/json",',
        '    "Accept": "application/json",',
        '    "Authorization": ("Bearer " + api_key),',
        '    "azureml-model-deployment": "green",',
        '}',
        '',
        'req = urllib.request.Request(url, body, headers)',
        '',
        ...RESPONSE_HANDLING,
      ].join('\n'),
    );
  });

  it('through API Management: the subscription key from the environment, the Accept chosen, no endpoint key', () => {
    const code = pythonConsumeSample(throughApim, placeholderName);
    expect(code).not.toContain('real-sub-key');
    expect(code).not.toContain('api_key');
    expect(code).toContain(
      [
        'url = "https://contoso.azure-api.net/hashing-endpoint/score"',
        '',
        'headers = {',
        '    "Content-Type": "application/json",',
        '    "Accept": "text/event-stream",',
        '    "Ocp-Apim-Subscription-Key": os.environ["APIM_SUBSCRIPTION_KEY"],',
        '}',
      ].join('\n'),
    );
    expect(code).toContain('data = {\n    "question": "Why?",\n    "chat_history": []\n}');
  });

  it('puts the real key in only when asked', () => {
    expect(pythonConsumeSample(direct, placeholderName, true)).toContain(
      'api_key = "real-endpoint-key"\nif not api_key:',
    );
  });

  it('puts a marker where a key in the query goes', () => {
    const code = pythonConsumeSample(
      {
        ...direct,
        url: `${direct.url}?code=real-q&api-version=1&sig=real-sig`,
        secretQuery: ['code'],
      },
      placeholderName,
    );
    expect(code).toContain(
      'url = "https://portico-hashing.eastus.inference.ml.azure.com/score?code=<code-api-key>&api-version=1&sig=<sig>"',
    );
  });

  it('sends a body that is not JSON as it is, and names a method other than POST', () => {
    const code = pythonConsumeSample(
      { method: 'PUT', url: 'https://x/score', headers: [], body: 'a,b\n1,2' },
      placeholderName,
    );
    expect(code).toContain('body = str.encode("a,b\\n1,2")');
    expect(code).toContain('req = urllib.request.Request(url, body, headers, method="PUT")');
  });
});

describe('pythonLiteral', () => {
  it('writes JSON as Python: True, False, None, one-line rows', () => {
    expect(pythonLiteral({ a: [true, false, null, 1.5, 'x"y'], b: {} }, '')).toBe(
      '{\n    "a": [True, False, None, 1.5, "x\\"y"],\n    "b": {}\n}',
    );
  });
});

describe('csharpConsumeSample', () => {
  it("writes the Consume tab's HttpClient program with the key from the environment", () => {
    expect(csharpConsumeSample(direct, placeholderName)).toBe(
      [
        'using System;',
        'using System.Net.Http;',
        'using System.Net.Http.Headers;',
        'using System.Threading.Tasks;',
        '',
        'namespace CallRequestResponseService',
        '{',
        '    class Program',
        '    {',
        '        static void Main(string[] args)',
        '        {',
        '            InvokeRequestResponseService().Wait();',
        '        }',
        '',
        '        static async Task InvokeRequestResponseService()',
        '        {',
        '            using (var client = new HttpClient())',
        '            {',
        '                // Request data goes here',
        '                // The example below assumes JSON formatting which may be updated',
        '                // depending on the format your endpoint expects.',
        `                var requestBody = @"${BODY.replace(/"/g, '""')}";`,
        '',
        '                // Replace this with the primary/secondary key, AMLToken, or Microsoft Entra ID token for the endpoint',
        '                string apiKey = Environment.GetEnvironmentVariable("AZUREML_API_KEY");',
        '                if (string.IsNullOrEmpty(apiKey))',
        '                {',
        '                    throw new Exception("A key should be provided to invoke the endpoint");',
        '                }',
        '                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);',
        '                client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));',
        '                // The azureml-model-deployment header will force the request to go to a specific deployment.',
        '                // Remove this header to have the request observe the endpoint traffic rules',
        '                client.DefaultRequestHeaders.Add("azureml-model-deployment", "green");',
        '                client.BaseAddress = new Uri("https://portico-hashing.eastus.inference.ml.azure.com/score");',
        '',
        '                var content = new StringContent(requestBody);',
        '                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");',
        '',
        '                HttpResponseMessage response = await client.PostAsync("", content);',
        '',
        '                if (response.IsSuccessStatusCode)',
        '                {',
        '                    string result = await response.Content.ReadAsStringAsync();',
        '                    Console.WriteLine("Result: {0}", result);',
        '                }',
        '                else',
        '                {',
        '                    Console.WriteLine(string.Format("The request failed with status code: {0}", response.StatusCode));',
        '',
        '                    // Print the headers - they include the request ID and the timestamp,',
        '                    // which are useful for debugging the failure',
        '                    Console.WriteLine(response.Headers.ToString());',
        '',
        '                    string responseContent = await response.Content.ReadAsStringAsync();',
        '                    Console.WriteLine(responseContent);',
        '                }',
        '            }',
        '        }',
        '    }',
        '}',
      ].join('\n'),
    );
  });

  it('adds the subscription key header from the environment through API Management', () => {
    const code = csharpConsumeSample(throughApim, placeholderName);
    expect(code).toContain(
      'client.DefaultRequestHeaders.Add("Ocp-Apim-Subscription-Key", Environment.GetEnvironmentVariable("APIM_SUBSCRIPTION_KEY"));',
    );
    expect(code).toContain('new MediaTypeWithQualityHeaderValue("text/event-stream")');
    expect(code).not.toContain('real-sub-key');
    expect(code).not.toContain('apiKey');
  });
});

describe('rConsumeSample', () => {
  it('writes httr with the key from Sys.getenv and the deployment header', () => {
    expect(rConsumeSample(direct, placeholderName)).toBe(
      [
        'library(httr)',
        '',
        '# Request data goes here',
        '# The example below assumes JSON formatting which may be updated',
        '# depending on the format your endpoint expects.',
        `body <- "${BODY.replace(/"/g, '\\"')}"`,
        '',
        'url <- "https://portico-hashing.eastus.inference.ml.azure.com/score"',
        '# Replace this with the primary/secondary key, AMLToken, or Microsoft Entra ID token for the endpoint',
        'api_key <- Sys.getenv("AZUREML_API_KEY")',
        'if (api_key == "") stop("A key should be provided to invoke the endpoint")',
        '',
        '# The azureml-model-deployment header will force the request to go to a specific deployment.',
        '# Remove this header to have the request observe the endpoint traffic rules',
        'response <- VERB(',
        '  "POST",',
        '  url,',
        '  body = body,',
        '  add_headers(',
        '    `Content-Type` = "application/json",',
        '    Accept = "application/json",',
        '    Authorization = paste("Bearer", api_key),',
        '    `azureml-model-deployment` = "green"',
        '  )',
        ')',
        '',
        'if (status_code(response) < 300) {',
        '  print(content(response, "text", encoding = "UTF-8"))',
        '} else {',
        '  print(paste("The request failed with status code:", status_code(response)))',
        '  # Print the headers - they include the request ID and the timestamp, which are useful for debugging the failure',
        '  print(headers(response))',
        '  print(content(response, "text", encoding = "UTF-8"))',
        '}',
      ].join('\n'),
    );
  });
});

describe('the Consume samples among the languages', () => {
  it("are offered for an online endpoint's scoring call only", () => {
    const ids = (r: Pick<HttpRequest, 'method' | 'url'>) => snippetTargetsFor(r).map((t) => t.id);
    expect(ids(direct)).toEqual([
      'curl',
      'javascript-fetch',
      'python-requests',
      'csharp-httpclient',
      'powershell',
      'r-httr',
      'python-azureml',
      'csharp-azureml',
      'r-azureml',
    ]);
    expect(ids({ method: 'POST', url: 'https://x/score/?a=1' })).toContain('python-azureml');
    expect(ids({ method: 'POST', url: 'https://x/workspaces/w/services/s/execute' })).not.toContain(
      'python-azureml',
    );
    expect(ids({ method: 'GET', url: 'https://x/score' })).not.toContain('python-azureml');
  });

  it('are what generateSnippet writes for their targets', async () => {
    expect(await generateSnippet(direct, 'python-azureml')).toBe(
      pythonConsumeSample(direct, placeholderName),
    );
    expect(await generateSnippet(direct, 'r-azureml', { revealSecrets: true })).toContain(
      'api_key <- "real-endpoint-key"',
    );
  });
});
