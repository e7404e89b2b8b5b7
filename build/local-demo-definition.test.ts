import { describe, expect, it } from 'vitest';
import { withRunningDemoServer } from './local-demo-definition.ts';

describe('withRunningDemoServer', () => {
  const definition = JSON.stringify({
    openapi: '3.0.3',
    servers: [
      { url: 'http://127.0.0.1:8790', description: 'Local demo stack (npm start)' },
      { url: 'https://{apimName}.azure-api.net/azureml-demo', variables: {} },
    ],
    paths: {},
  });

  it("points the definition's local demo server at the emulator that runs, and only that one", () => {
    const served = JSON.parse(withRunningDemoServer(definition, 'http://127.0.0.1:18790/')) as {
      servers: Array<{ url: string; description?: string }>;
    };
    expect(served.servers).toEqual([
      { url: 'http://127.0.0.1:18790', description: 'Local demo stack (npm start)' },
      { url: 'https://{apimName}.azure-api.net/azureml-demo', variables: {} },
    ]);
  });

  it('leaves a definition without that server as it was', () => {
    const other = JSON.stringify({ openapi: '3.0.3', servers: [{ url: 'https://a.test' }] });
    expect(withRunningDemoServer(other, 'http://127.0.0.1:18790')).toBe(other);
  });
});
