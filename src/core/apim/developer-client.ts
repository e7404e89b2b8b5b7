import { ApimRequestError } from './apim-errors';
import { parseApiPage, type ApimApi } from './apim-api-contracts';
import type { HttpRequest } from '../request/http-request';
import { sendRequest, type HttpResponse } from '../request/send-request';
import { summarizeErrorBody } from '../response/response-error-summary';
import {
  parseProductList,
  parseSubscription,
  type ApimProduct,
  type ApimSubscription,
} from './apim-contracts';

/**
 * The local gateway's self-service endpoints (`/developer/...`): the stand-in for signing up in
 * APIM's developer portal. A key-holder authenticates with the subscription key itself, so the
 * browser never holds the admin key.
 */

export interface DeveloperCallOptions {
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
}

const TIMEOUT_MS = 15_000;
const KEY_HEADER = 'Ocp-Apim-Subscription-Key';

function endpoint(developerUrl: string, path: string): string {
  return `${developerUrl.replace(/\/+$/, '')}/${path}`;
}

function bodyJson(response: HttpResponse): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(response.body));
  } catch {
    return undefined;
  }
}

async function call(
  action: string,
  request: HttpRequest,
  expected: number[],
  options: DeveloperCallOptions,
): Promise<unknown> {
  const response = await sendRequest(request, {
    timeoutMs: TIMEOUT_MS,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.fetchImpl ? { fetchImpl: options.fetchImpl } : {}),
  });
  const json = bodyJson(response);
  if (!expected.includes(response.status)) {
    const said = summarizeErrorBody(json);
    throw new ApimRequestError(
      `${action} was answered with ${response.status} ${response.statusText}.${said ? ` ${said}` : ''}`,
      response.status,
      action,
    );
  }
  return json;
}

function withKey(key: string) {
  return [{ name: KEY_HEADER, value: key, secret: true, schemeId: 'apimSubscriptionKey' }];
}

export async function listProducts(
  developerUrl: string,
  options: DeveloperCallOptions = {},
): Promise<ApimProduct[]> {
  const request: HttpRequest = {
    method: 'GET',
    url: endpoint(developerUrl, 'products'),
    headers: [],
  };
  return parseProductList(await call('Listing the products', request, [200], options));
}

/** The APIs a published product opens (what a consumer gets by subscribing to it). */
export async function listProductApis(
  developerUrl: string,
  productId: string,
  options: DeveloperCallOptions = {},
): Promise<ApimApi[]> {
  const request: HttpRequest = {
    method: 'GET',
    url: endpoint(developerUrl, `products/${encodeURIComponent(productId)}/apis`),
    headers: [],
  };
  const json = await call(`Listing the APIs of product ${productId}`, request, [200], options);
  return parseApiPage(json).apis;
}

export async function createSubscription(
  developerUrl: string,
  input: { productId: string; displayName: string },
  options: DeveloperCallOptions = {},
): Promise<ApimSubscription> {
  const request: HttpRequest = {
    method: 'POST',
    url: endpoint(developerUrl, 'subscriptions'),
    headers: [{ name: 'Content-Type', value: 'application/json' }],
    body: JSON.stringify(input),
  };
  const json = await call('Subscribing', request, [200, 201], options);
  return parseSubscription(json, 'new subscription');
}

/** Reads a subscription (state and keys) with either of its keys. */
export async function getSubscription(
  developerUrl: string,
  subscriptionId: string,
  key: string,
  options: DeveloperCallOptions = {},
): Promise<ApimSubscription> {
  const request: HttpRequest = {
    method: 'GET',
    url: endpoint(developerUrl, `subscriptions/${encodeURIComponent(subscriptionId)}`),
    headers: withKey(key),
  };
  const json = await call(`Reading subscription ${subscriptionId}`, request, [200], options);
  return parseSubscription(json);
}

/** Replaces one key; the old one stops working at once. Answers with the new keys. */
export async function regenerateKey(
  developerUrl: string,
  subscriptionId: string,
  which: 'primary' | 'secondary',
  key: string,
  options: DeveloperCallOptions = {},
): Promise<ApimSubscription> {
  const action = which === 'primary' ? 'regeneratePrimaryKey' : 'regenerateSecondaryKey';
  const request: HttpRequest = {
    method: 'POST',
    url: endpoint(developerUrl, `subscriptions/${encodeURIComponent(subscriptionId)}/${action}`),
    headers: withKey(key),
  };
  const json = await call(`Regenerating the ${which} key`, request, [200], options);
  return parseSubscription(json);
}
