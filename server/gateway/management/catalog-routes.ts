import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Catalog } from '../core/catalog';
import { registerApiRoutes, type ImportJob } from './api-routes';
import { prepareCatalogScope } from './catalog-http';
import { registerOperationRoutes } from './operation-routes';
import { registerPolicyRoutes } from './policy-routes';
import { registerProductApiRoutes, registerProductEntityRoutes } from './product-routes';
import { MANAGEMENT_PREFIXES } from './subscription-routes';

export interface CatalogRoutesOptions {
  catalog: Catalog;
  /** Whether the request carries `Authorization: Bearer <APIM_ADMIN_KEY>`. */
  authenticateAdmin: (request: FastifyRequest) => boolean;
  /** The gateway's base URL, e.g. http://127.0.0.1:8791: poll locations, exported `servers`. */
  gatewayUrl: () => string;
  /** The text of an import's `-link` document; throws (naming the host) for a host it refuses. */
  fetchImportLink: (url: URL) => Promise<string>;
  /** Stores an exported document and answers a short-lived read-only link to it. */
  exportDocument: (name: string, text: string, contentType: string) => Promise<string>;
  /** The ids of the subscriptions to a product. */
  productSubscriptions: (productId: string) => string[];
  deleteSubscription: (sid: string) => Promise<void>;
  /** The ids of the subscriptions scoped to one API: deleted with it. */
  apiSubscriptions?: (apiId: string) => string[];
}

/**
 * APIs (with import and export), operations, product-API links and policies at every scope,
 * under both management prefixes, behind the admin key.
 */
export async function registerCatalogRoutes(
  app: FastifyInstance,
  options: CatalogRoutesOptions,
): Promise<void> {
  // Shared by both prefixes: a background import started under one is polled under either.
  const jobs = new Map<string, ImportJob>();
  const routes = async (scope: FastifyInstance): Promise<void> => {
    prepareCatalogScope(scope, options.authenticateAdmin);
    registerApiRoutes(scope, options, jobs);
    registerOperationRoutes(scope, options);
    registerProductApiRoutes(scope, options);
    registerPolicyRoutes(scope, options);
  };
  for (const prefix of MANAGEMENT_PREFIXES) await app.register(routes, { prefix });
}

/**
 * `/products` and `/products/{productId}` from the catalog. Separate from
 * {@link registerCatalogRoutes} so that it can replace the fixed products of
 * subscription-routes.ts in one step.
 */
export async function registerProductRoutes(
  app: FastifyInstance,
  options: CatalogRoutesOptions,
): Promise<void> {
  const routes = async (scope: FastifyInstance): Promise<void> => {
    prepareCatalogScope(scope, options.authenticateAdmin);
    registerProductEntityRoutes(scope, options);
  };
  for (const prefix of MANAGEMENT_PREFIXES) await app.register(routes, { prefix });
}
