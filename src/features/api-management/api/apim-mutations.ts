import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApimSubscription } from '../../../core/apim/apim-contracts';
import { createSubscription, regenerateKey } from '../../../core/apim/developer-client';
import { rememberSubscription } from '../../../core/apim/subscription-wallet';
import { apimKeys, subscriptionQuery } from '../../../queries/apim-queries';
import { updateWallet } from '../../../hooks/use-wallet';

// The mutations of the API Management pages; their query options live in src/queries.

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
