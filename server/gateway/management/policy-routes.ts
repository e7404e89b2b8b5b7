import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CatalogError, type Catalog, type PolicyScope } from '../core/catalog';
import { propertiesOf } from '../core/catalog-validation';
import { policyContract } from './catalog-contracts';
import { ifMatchOf, notFound, queryText, sendWithEtag } from './catalog-http';
import type { CatalogRoutesOptions } from './catalog-routes';

type ScopeParams = { productId?: string; apiId?: string; operationId?: string; policyId?: string };

/** The four places a policy hangs from, as route prefixes and the scope each names. */
const PARENTS: Array<{ path: string; scopeOf: (p: ScopeParams) => PolicyScope }> = [
  { path: '', scopeOf: () => ({ kind: 'global' }) },
  {
    path: '/products/:productId',
    scopeOf: (p) => ({ kind: 'product', productId: p.productId ?? '' }),
  },
  { path: '/apis/:apiId', scopeOf: (p) => ({ kind: 'api', apiId: p.apiId ?? '' }) },
  {
    path: '/apis/:apiId/operations/:operationId',
    scopeOf: (p) => ({
      kind: 'operation',
      apiId: p.apiId ?? '',
      operationId: p.operationId ?? '',
    }),
  },
];

/** Why the policy's parent is not there, or undefined when it is. */
function missingParent(catalog: Catalog, scope: PolicyScope): string | undefined {
  switch (scope.kind) {
    case 'global':
      return undefined;
    case 'product':
      return catalog.product(scope.productId)
        ? undefined
        : `The product "${scope.productId}" was not found.`;
    case 'api':
      return catalog.api(scope.apiId) ? undefined : `The API "${scope.apiId}" was not found.`;
    case 'operation':
      if (!catalog.api(scope.apiId)) return `The API "${scope.apiId}" was not found.`;
      return catalog.operation(scope.apiId, scope.operationId)
        ? undefined
        : `The operation "${scope.operationId}" of API "${scope.apiId}" was not found.`;
  }
}

function checkPolicyId(policyId: string | undefined): void {
  if (policyId !== 'policy')
    throw new CatalogError(
      'ValidationError',
      `The policy id must be "policy", not "${policyId ?? ''}".`,
      'policyId',
    );
}

function formatOf(value: unknown, target: string, allowRaw: boolean): 'xml' | 'rawxml' {
  if (value === undefined || value === null || value === 'xml') return 'xml';
  if (value === 'rawxml' && allowRaw) return 'rawxml';
  if (value === 'xml-link' || value === 'rawxml-link')
    throw new CatalogError(
      'ValidationError',
      `${target} "${value}" is not supported by the local gateway: send the policy inline with "xml" or "rawxml".`,
      target,
    );
  throw new CatalogError(
    'ValidationError',
    `${target} must be "xml" or "rawxml", not "${typeof value === 'string' ? value : JSON.stringify(value)}".`,
    target,
  );
}

/** `{parent}/policies` and `{parent}/policies/policy` at the global, product, API and operation scopes. */
export function registerPolicyRoutes(scope: FastifyInstance, options: CatalogRoutesOptions): void {
  const { catalog } = options;

  for (const parent of PARENTS) {
    const resolve = (
      request: FastifyRequest<{ Params: ScopeParams }>,
      reply: FastifyReply,
    ): PolicyScope | FastifyReply => {
      const policyScope = parent.scopeOf(request.params);
      const missing = missingParent(catalog, policyScope);
      return missing ? notFound(reply, missing) : policyScope;
    };
    const isReply = (value: PolicyScope | FastifyReply): value is FastifyReply =>
      !('kind' in value);

    scope.get<{ Params: ScopeParams }>(`${parent.path}/policies`, async (request, reply) => {
      const policyScope = resolve(request, reply);
      if (isReply(policyScope)) return policyScope;
      const policy = catalog.policy(policyScope);
      const value = policy ? [policyContract(policyScope, policy.value)] : [];
      return { value, count: value.length };
    });

    scope.head<{ Params: ScopeParams }>(
      `${parent.path}/policies/:policyId`,
      async (request, reply) => {
        checkPolicyId(request.params.policyId);
        const policyScope = parent.scopeOf(request.params);
        const policy = missingParent(catalog, policyScope)
          ? undefined
          : catalog.policy(policyScope);
        if (!policy) return reply.code(404).send();
        return reply.code(200).header('ETag', policy.etag).send();
      },
    );

    scope.get<{ Params: ScopeParams }>(
      `${parent.path}/policies/:policyId`,
      { exposeHeadRoute: false },
      async (request, reply) => {
        checkPolicyId(request.params.policyId);
        formatOf(queryText(request, 'format'), 'format', true);
        const policyScope = resolve(request, reply);
        if (isReply(policyScope)) return policyScope;
        const policy = catalog.policy(policyScope);
        if (!policy) return notFound(reply, 'There is no policy at this scope.');
        return sendWithEtag(reply, 200, policy.etag, policyContract(policyScope, policy.value));
      },
    );

    scope.put<{ Params: ScopeParams }>(
      `${parent.path}/policies/:policyId`,
      async (request, reply) => {
        checkPolicyId(request.params.policyId);
        const properties = propertiesOf(request.body);
        const format = formatOf(properties.format, 'properties.format', true);
        if (typeof properties.value !== 'string')
          throw new CatalogError(
            'ValidationError',
            'properties.value is required: the policy document.',
            'properties.value',
          );
        const { created, etag, value } = await catalog.putPolicy(
          parent.scopeOf(request.params),
          properties.value,
          format,
          { ifMatch: ifMatchOf(request) },
        );
        return sendWithEtag(
          reply,
          created ? 201 : 200,
          etag,
          policyContract(parent.scopeOf(request.params), value),
        );
      },
    );

    scope.delete<{ Params: ScopeParams }>(
      `${parent.path}/policies/:policyId`,
      async (request, reply) => {
        checkPolicyId(request.params.policyId);
        const existed = await catalog.deletePolicy(parent.scopeOf(request.params), {
          ifMatch: ifMatchOf(request),
        });
        return reply.code(existed ? 200 : 204).send();
      },
    );
  }
}
