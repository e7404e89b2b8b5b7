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

/** The view a path below `/publish` names (`""`, `/products/starter`, ...), or undefined. */
export function publishViewOf(rest: string): PublishView | undefined {
  const parts = rest.split('/').filter(Boolean);
  let decoded: string[];
  try {
    decoded = parts.map((part) => decodeURIComponent(part));
  } catch {
    return undefined;
  }
  const [area, first, sub, second, ...more] = decoded;
  if (more.length > 0) return undefined;
  if (area === undefined) return { kind: 'apis' };
  if (area === 'products' && sub === undefined)
    return first === undefined ? { kind: 'products' } : { kind: 'product', productId: first };
  if (area !== 'apis' || first === undefined) return undefined;
  if (sub === undefined) return { kind: 'api', apiId: first };
  if (sub === 'operations' && second !== undefined)
    return { kind: 'operation', apiId: first, operationId: second };
  return undefined;
}
