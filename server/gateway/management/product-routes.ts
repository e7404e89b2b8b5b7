import type { FastifyInstance, FastifyReply } from 'fastify';
import { CatalogError, type StoredProduct } from '../core/catalog';
import { propertiesOf } from '../core/catalog-validation';
import { API_FILTER_FIELDS } from './api-routes';
import { apiContract, catalogProductContract } from './catalog-contracts';
import { ifMatchOf, listPage, notFound, queryText, sendWithEtag } from './catalog-http';
import type { CatalogRoutesOptions } from './catalog-routes';
import type { FilterFields } from './odata';

const PRODUCT_FILTER_FIELDS: FilterFields<StoredProduct> = {
  name: { kind: 'text', get: (p) => p.id },
  displayName: { kind: 'text', get: (p) => p.properties.displayName },
  description: { kind: 'text', get: (p) => p.properties.description },
  terms: { kind: 'text', get: (p) => p.properties.terms },
  state: { kind: 'enum', get: (p) => p.properties.state },
};

interface ProductParams {
  productId: string;
}

interface LinkParams {
  productId: string;
  apiId: string;
}

/** `/products` and `/products/{productId}`. */
export function registerProductEntityRoutes(
  scope: FastifyInstance,
  options: CatalogRoutesOptions,
): void {
  const { catalog } = options;
  const contract = (product: StoredProduct) => catalogProductContract(product, catalog);
  const sendProduct = (reply: FastifyReply, product: StoredProduct, status: number) =>
    sendWithEtag(reply, status, product.etag, contract(product));

  scope.get('/products', async (request) =>
    listPage(request, catalog.products(), PRODUCT_FILTER_FIELDS, contract),
  );

  scope.head<{ Params: ProductParams }>('/products/:productId', async (request, reply) => {
    const product = catalog.product(request.params.productId);
    if (!product) return reply.code(404).send();
    return reply.code(200).header('ETag', product.etag).send();
  });

  scope.get<{ Params: ProductParams }>(
    '/products/:productId',
    { exposeHeadRoute: false },
    async (request, reply) => {
      const product = catalog.product(request.params.productId);
      return product
        ? sendProduct(reply, product, 200)
        : notFound(reply, `The product "${request.params.productId}" was not found.`);
    },
  );

  scope.put<{ Params: ProductParams }>('/products/:productId', async (request, reply) => {
    const { product, created } = await catalog.putProduct(
      request.params.productId,
      propertiesOf(request.body),
      { ifMatch: ifMatchOf(request) },
    );
    return sendProduct(reply, product, created ? 201 : 200);
  });

  scope.patch<{ Params: ProductParams }>('/products/:productId', async (request, reply) => {
    const product = await catalog.patchProduct(
      request.params.productId,
      propertiesOf(request.body),
      { ifMatch: ifMatchOf(request) },
    );
    return sendProduct(reply, product, 200);
  });

  scope.delete<{ Params: ProductParams }>('/products/:productId', async (request, reply) => {
    const { productId } = request.params;
    const deleteSubscriptions = queryText(request, 'deleteSubscriptions') === 'true';
    const existed = await catalog.deleteProduct(productId, {
      ifMatch: ifMatchOf(request),
      beforeDelete: async () => {
        const sids = options.productSubscriptions(productId);
        if (sids.length === 0) return;
        if (!deleteSubscriptions)
          throw new CatalogError(
            'Conflict',
            `The product "${productId}" has ${sids.length} subscription(s); delete them first, or pass deleteSubscriptions=true to delete them with the product.`,
          );
        for (const sid of sids) await options.deleteSubscription(sid);
      },
    });
    return reply.code(existed ? 200 : 204).send();
  });
}

/** `/products/{productId}/apis[/{apiId}]` and `/apis/{apiId}/products`. */
export function registerProductApiRoutes(
  scope: FastifyInstance,
  options: CatalogRoutesOptions,
): void {
  const { catalog } = options;

  scope.get<{ Params: ProductParams }>('/products/:productId/apis', async (request, reply) => {
    const { productId } = request.params;
    if (!catalog.product(productId))
      return notFound(reply, `The product "${productId}" was not found.`);
    const apis = catalog.productApis(productId).flatMap((id) => catalog.api(id) ?? []);
    return listPage(request, apis, API_FILTER_FIELDS, apiContract);
  });

  scope.head<{ Params: LinkParams }>('/products/:productId/apis/:apiId', async (request, reply) => {
    const { productId, apiId } = request.params;
    return reply.code(catalog.productApis(productId).includes(apiId) ? 204 : 404).send();
  });

  scope.put<{ Params: LinkParams }>('/products/:productId/apis/:apiId', async (request, reply) => {
    const { productId, apiId } = request.params;
    const { created } = await catalog.linkApi(productId, apiId);
    const api = catalog.api(apiId);
    if (!api) return notFound(reply, `The API "${apiId}" was not found.`);
    return reply.code(created ? 201 : 200).send(apiContract(api));
  });

  scope.delete<{ Params: LinkParams }>(
    '/products/:productId/apis/:apiId',
    async (request, reply) => {
      const existed = await catalog.unlinkApi(request.params.productId, request.params.apiId);
      return reply.code(existed ? 200 : 204).send();
    },
  );

  scope.get<{ Params: { apiId: string } }>('/apis/:apiId/products', async (request, reply) => {
    const { apiId } = request.params;
    if (!catalog.api(apiId)) return notFound(reply, `The API "${apiId}" was not found.`);
    const products = catalog.apiProducts(apiId).flatMap((id) => catalog.product(id) ?? []);
    return listPage(request, products, PRODUCT_FILTER_FIELDS, (p) =>
      catalogProductContract(p, catalog),
    );
  });
}
