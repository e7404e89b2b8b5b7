import { describe, expect, it } from 'vitest';
import { demoSasEndpointUrl } from './demo-sas-endpoint';

describe('demoSasEndpointUrl', () => {
  it('hangs a relative endpoint off the base URL', () => {
    expect(demoSasEndpointUrl('http://127.0.0.1:8790/', '/demo/storage/sas')).toBe(
      'http://127.0.0.1:8790/demo/storage/sas',
    );
    expect(demoSasEndpointUrl('http://127.0.0.1:8790', 'demo/storage/sas')).toBe(
      'http://127.0.0.1:8790/demo/storage/sas',
    );
  });

  it('uses an absolute endpoint as is, beside a gateway base URL', () => {
    expect(
      demoSasEndpointUrl(
        'http://127.0.0.1:8791/azureml-demo',
        'http://127.0.0.1:8790/demo/storage/sas',
      ),
    ).toBe('http://127.0.0.1:8790/demo/storage/sas');
  });
});
