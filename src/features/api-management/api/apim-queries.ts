import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApimSubscription } from '../../../core/apim/apim-contracts';
import {
  createSubscription,
  getSubscription,
  listProducts,
  regenerateKey,
} from '../../../core/apim/developer-client';
import { keyFingerprint } from '../../../core/apim/key-fingerprint';
import { rememberSubscription } from '../../../core/apim/subscription-wallet';
import { updateWallet } from './use-wallet';

export const apimKeys = {
  all: (developerUrl: string) => ['apim', developerUrl] as const,
  subscription: (developerUrl: string, id: string) =>
    ['apim', developerUrl, 'subscriptions', id] as const,
};

export const productsQuery = (developerUrl: string) =>
  queryOptions({
    queryKey: [...apimKeys.all(developerUrl), 'products'],
    queryFn: ({ signal }) => listProducts(developerUrl, { signal }),
    staleTime: 5 * 60_000,
    retry: false,
  });

/** A subscription as read with one of its keys; the key's fingerprint keeps the entry per key. */
export const subscriptionQuery = (developerUrl: string, id: string, key: string) =>
  queryOptions({
    queryKey: [...apimKeys.subscription(developerUrl, id), keyFingerprint(key)],
    queryFn: ({ signal }) => getSubscription(developerUrl, id, key, { signal }),
    staleTime: 30_000,
    // A refused key stays refused: say so at once.
    retry: false,
  });

function useRememberSubscription(developerUrl: string) {
  const queryClient = useQueryClient();
  return (subscription: ApimSubscription) => {
    updateWallet((w) => rememberSubscription(w, developerUrl, subscription));
    for (const key of [subscription.primaryKey, subscription.secondaryKey]) {
      if (key) {
        queryClient.setQueryData(
          subscriptionQuery(developerUrl, subscription.id, key).queryKey,
          subscription,
        );
      }
    }
  };
}

export function useSubscribe(developerUrl: string) {
  const remember = useRememberSubscription(developerUrl);
  return useMutation({
    mutationFn: (input: { productId: string; displayName: string }) =>
      createSubscription(developerUrl, input),
    onSuccess: remember,
  });
}

export function useRegenerateKey(developerUrl: string) {
  const queryClient = useQueryClient();
  const remember = useRememberSubscription(developerUrl);
  return useMutation({
    mutationFn: (input: { id: string; which: 'primary' | 'secondary'; key: string }) =>
      regenerateKey(developerUrl, input.id, input.which, input.key),
    onSuccess: (subscription) => {
      // Entries read with the old key would only be refused now.
      queryClient.removeQueries({
        queryKey: apimKeys.subscription(developerUrl, subscription.id),
      });
      remember(subscription);
    },
  });
}
