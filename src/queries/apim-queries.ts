import { queryOptions } from '@tanstack/react-query';
import { getSubscription, listProductApis, listProducts } from '../core/apim/developer-client';
import { keyFingerprint } from '../core/apim/key-fingerprint';

/**
 * Query keys of the API Management domain, per developer endpoint. A subscription is read with
 * one of its keys; the key names it by its fingerprint, never by the key itself.
 */
export const apimKeys = {
  all: (developerUrl: string) => ['apim', developerUrl] as const,
  products: (developerUrl: string) => [...apimKeys.all(developerUrl), 'products'] as const,
  productApis: (developerUrl: string, productId: string) =>
    [...apimKeys.products(developerUrl), productId, 'apis'] as const,
  subscription: (developerUrl: string, id: string) =>
    [...apimKeys.all(developerUrl), 'subscriptions', id] as const,
  subscriptionByKey: (developerUrl: string, id: string, key: string) =>
    [...apimKeys.subscription(developerUrl, id), keyFingerprint(key)] as const,
};

export const productsQuery = (developerUrl: string) =>
  queryOptions({
    queryKey: apimKeys.products(developerUrl),
    queryFn: ({ signal }) => listProducts(developerUrl, { signal }),
    staleTime: 5 * 60_000,
    retry: false,
  });

/** The APIs a product opens, for its card on the Products page. */
export const productApisQuery = (developerUrl: string, productId: string) =>
  queryOptions({
    queryKey: apimKeys.productApis(developerUrl, productId),
    queryFn: ({ signal }) => listProductApis(developerUrl, productId, { signal }),
    staleTime: 5 * 60_000,
    retry: false,
  });

/** A subscription as read with one of its keys; the key's fingerprint keeps the entry per key. */
export const subscriptionQuery = (developerUrl: string, id: string, key: string) =>
  queryOptions({
    queryKey: apimKeys.subscriptionByKey(developerUrl, id, key),
    queryFn: ({ signal }) => getSubscription(developerUrl, id, key, { signal }),
    staleTime: 30_000,
    // A refused key stays refused: say so at once.
    retry: false,
  });
