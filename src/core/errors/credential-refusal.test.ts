import { describe, expect, it } from 'vitest';
import type { SecurityScheme } from '../definition/api-model';
import { credentialRefusal } from './credential-refusal';
import { CredentialRefusedError } from './credential-refused-error';
import { describeError } from './describe-error';

const azureml: SecurityScheme = {
  id: 'azureml',
  type: 'http',
  scheme: 'bearer',
  description: 'AzureML API key',
};
const apimKey: SecurityScheme = {
  id: 'apimSubscriptionKey',
  type: 'apiKey',
  in: 'header',
  name: 'Ocp-Apim-Subscription-Key',
  description: 'APIM subscription key',
};
const schemes = [azureml, apimKey];

const response = (status: number, body: unknown, headers: Array<[string, string]> = []) => ({
  status,
  headers,
  body: new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body)),
});

const scoreUnauthorized = {
  error: {
    code: 'Unauthorized',
    message: 'Unauthorized',
    details: [{ code: 'ScoreRequestUnauthorized', message: 'Invalid credentials provided.' }],
  },
};

describe('credentialRefusal', () => {
  it('names the Azure ML key of the environment that Azure ML refused, and where to fix it', () => {
    const refusal = credentialRefusal(response(401, scoreUnauthorized), {
      schemes,
      environment: {
        name: 'Local demo',
        credentials: { azureml: 'wrong', apimSubscriptionKey: 'k' },
        apim: { local: true },
      },
    });
    expect(refusal).toEqual({
      status: 401,
      by: 'azureml',
      schemes: [azureml],
      subscriptionKeys: false,
      title: 'Azure ML refused the key (401)',
      message:
        'Azure ML refused the Authorization bearer key of environment “Local demo” (ScoreRequestUnauthorized: Invalid credentials provided.)',
      hint: 'Enter the right AzureML API key in its field above or in Settings under “Local demo”.',
    });
    expect(describeError(new CredentialRefusedError(refusal!))).toEqual({
      title: refusal!.title,
      message: refusal!.message,
      hint: refusal!.hint,
    });
  });

  it('says the Azure ML key is missing when the environment has none', () => {
    const refusal = credentialRefusal(response(401, scoreUnauthorized), {
      schemes: [azureml],
      environment: { name: 'Demo service, direct', credentials: { azureml: ' ' } },
    });
    expect(refusal?.title).toBe('Azure ML key missing (401)');
    expect(refusal?.message).toBe(
      'Azure ML wants the Authorization bearer key, and environment “Demo service, direct” has none (ScoreRequestUnauthorized: Invalid credentials provided.)',
    );
  });

  it('names the subscription key API Management refused, and offers its keys page', () => {
    const invalid = credentialRefusal(
      response(401, {
        statusCode: 401,
        message:
          'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.',
      }),
      {
        schemes,
        environment: {
          name: 'Local demo',
          credentials: { azureml: 'k', apimSubscriptionKey: 'old' },
          apim: { local: true },
        },
      },
    );
    expect(invalid).toEqual({
      status: 401,
      by: 'apim',
      schemes: [apimKey],
      subscriptionKeys: true,
      title: 'Subscription key refused (401)',
      message:
        'API Management refused the Ocp-Apim-Subscription-Key of environment “Local demo”: it is not a valid key of an active subscription (“Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.”).',
      hint: 'Enter the right APIM subscription key in its field above or in Settings under “Local demo”, or take one from Subscriptions and keys.',
    });
  });

  it('says the subscription key is missing, from the body or from the WWW-Authenticate challenge alone', () => {
    const env = { name: 'Azure API Management', credentials: {}, apim: { local: false } };
    const fromBody = credentialRefusal(
      response(401, {
        statusCode: 401,
        message:
          'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.',
      }),
      { schemes, environment: env },
    );
    expect(fromBody?.title).toBe('Subscription key missing (401)');
    expect(fromBody?.message).toBe(
      'API Management wants the Ocp-Apim-Subscription-Key, and environment “Azure API Management” has none (“Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.”).',
    );
    const fromChallenge = credentialRefusal(
      response(401, '', [
        [
          'WWW-Authenticate',
          'AzureApiManagementKey realm="https://x.azure-api.net/ml",name="Ocp-Apim-Subscription-Key",type="header"',
        ],
      ]),
      { schemes, environment: env },
    );
    expect(fromChallenge?.message).toBe(
      'API Management wants the Ocp-Apim-Subscription-Key, and environment “Azure API Management” has none.',
    );
  });

  it('explains a quota 403 as the subscription’s, with another key as the way out', () => {
    const refusal = credentialRefusal(
      response(403, {
        statusCode: 403,
        message: 'Out of call volume quota. Quota will be replenished in 00:06:46.',
      }),
      {
        schemes,
        environment: {
          name: 'Local demo',
          credentials: { azureml: 'k', apimSubscriptionKey: 'k' },
          apim: { local: true },
        },
      },
    );
    expect(refusal?.title).toBe('API Management refused the call (403)');
    expect(refusal?.hint).toBe(
      'Its subscription has used its call quota: wait until it is replenished, or use a key of another subscription (Subscriptions and keys).',
    );
  });

  it('names every credential for a refusal it does not recognise, and nothing for other statuses', () => {
    const refusal = credentialRefusal(response(403, 'Forbidden'), {
      schemes,
      environment: { name: 'Staging', credentials: { azureml: 'k' } },
    });
    expect(refusal?.message).toBe(
      'The service did not accept the Authorization bearer key of environment “Staging” and environment “Staging” has no Ocp-Apim-Subscription-Key.',
    );
    expect(refusal?.subscriptionKeys).toBe(false);
    expect(
      credentialRefusal(response(404, {}), {
        schemes,
        environment: { name: 'x', credentials: {} },
      }),
    ).toBeUndefined();
    expect(
      credentialRefusal(response(401, {}), {
        schemes: [],
        environment: { name: 'x', credentials: {} },
      }),
    ).toBeUndefined();
  });
});
