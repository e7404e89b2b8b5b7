/** The Publish area's routes; the app's router and the area's links both read them. */
export const publishPaths = {
  apis: '/publish',
  api: (apiId: string) => `/publish/apis/${encodeURIComponent(apiId)}`,
  operation: (apiId: string, operationId: string) =>
    `/publish/apis/${encodeURIComponent(apiId)}/operations/${encodeURIComponent(operationId)}`,
  products: '/publish/products',
  product: (productId: string) => `/publish/products/${encodeURIComponent(productId)}`,
};

export type PublishView =
  | { kind: 'apis' }
  | { kind: 'api'; apiId: string }
  | { kind: 'operation'; apiId: string; operationId: string }
  | { kind: 'products' }
  | { kind: 'product'; productId: string };
