import { describe, expect, it } from 'vitest';
import type { Environment } from '../config/portal-config';
import { publishAccessForApi, publishAccessOf } from './publish-access';

const base: Environment = {
  id: 'e',
  name: 'E',
  baseUrl: 'http://127.0.0.1:8791/x',
  credentials: {},
};
const ARM =
  'https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.ApiManagement/service/contoso';

describe('publishAccessOf', () => {
  it("publishes locally with the demo config's admin key", () => {
    expect(
      publishAccessOf(
        {
          ...base,
          apim: {
            local: true,
            developerUrl: 'http://127.0.0.1:8791/developer',
            managementUrl: 'http://127.0.0.1:8791/management/',
            demoAdminKey: 'admin',
          },
        },
        () => '',
      ),
    ).toEqual({
      kind: 'ready',
      target: {
        id: 'local:http://127.0.0.1:8791/management',
        managementUrl: 'http://127.0.0.1:8791/management',
        token: 'admin',
        kind: 'local',
      },
    });
  });

  it('publishes on a real APIM with the pasted ARM token, and asks for one without it', () => {
    const env = { ...base, apim: { local: false, managementUrl: ARM } };
    expect(publishAccessOf(env, () => 'tok')).toEqual({
      kind: 'ready',
      target: { id: `arm:${ARM}`, managementUrl: ARM, token: 'tok', kind: 'arm' },
    });
    expect(publishAccessOf(env, () => '')).toEqual({ kind: 'needs-token', managementUrl: ARM });
  });

  it('gives a consumer nothing: no APIM, no management URL, or no admin key', () => {
    expect(publishAccessOf(undefined, () => 'tok')).toEqual({ kind: 'none' });
    expect(publishAccessOf(base, () => 'tok')).toEqual({ kind: 'none' });
    expect(
      publishAccessOf(
        {
          ...base,
          apim: {
            local: true,
            developerUrl: 'http://127.0.0.1:8791/developer',
            managementUrl: 'http://127.0.0.1:8791/management',
          },
        },
        () => 'tok',
      ),
    ).toEqual({ kind: 'none' });
  });
});

describe('publishAccessForApi', () => {
  const local: Environment = {
    ...base,
    id: 'local-demo',
    apim: {
      local: true,
      developerUrl: 'http://127.0.0.1:8791/developer',
      managementUrl: 'http://127.0.0.1:8791/management',
      demoAdminKey: 'admin',
    },
  };
  const direct: Environment = { ...base, id: 'demo-direct' };
  const server: Environment = { ...base, id: 'bench~server-1' };

  it("lends an API behind no API Management the portal's credential, to publish it", () => {
    expect(publishAccessForApi(server, [server], [local, direct], () => '')).toMatchObject({
      kind: 'ready',
      target: { id: 'local:http://127.0.0.1:8791/management' },
    });
  });

  it('keeps a consumer who chose an environment without the credential out', () => {
    expect(publishAccessForApi(direct, [local, direct], [local, direct], () => '')).toEqual({
      kind: 'none',
    });
  });
});
