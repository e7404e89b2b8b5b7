import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendManagementError } from '../http/apim-errors';

export const ADMIN_KEY_REQUIRED =
  'The management API needs the header "Authorization: Bearer <APIM_ADMIN_KEY>" (printed in the demo stack banner).';

/** Every route of `scope` answers ARM's 401 (with its challenge) to a caller without the admin key. */
export function adminOnly(
  scope: FastifyInstance,
  authenticateAdmin: (request: FastifyRequest) => boolean,
): void {
  scope.addHook('onRequest', async (request, reply) => {
    if (!authenticateAdmin(request))
      return sendManagementError(reply, 'Unauthorized', ADMIN_KEY_REQUIRED);
  });
}
