/**
 * A realistic large OpenAPI 3.0 document for the benchmark: `count` operations over a few
 * dozen tagged resources, each with path, query and header parameters, request bodies and
 * responses that point at shared schemas through $refs (nested, one of them recursive).
 */
const RESOURCES = [
  'accounts',
  'orders',
  'invoices',
  'customers',
  'products',
  'inventory',
  'shipments',
  'payments',
  'refunds',
  'subscriptions',
  'plans',
  'coupons',
  'reviews',
  'categories',
  'suppliers',
  'warehouses',
  'employees',
  'teams',
  'projects',
  'tasks',
  'tickets',
  'webhooks',
  'events',
  'reports',
  'models',
  'datasets',
  'experiments',
  'endpoints',
  'deployments',
  'workspaces',
];

const ACTIONS = [
  ['get', '', 'List', 'Lists'],
  ['post', '', 'Create', 'Creates'],
  ['get', '/{id}', 'Get', 'Gets'],
  ['put', '/{id}', 'Replace', 'Replaces'],
  ['patch', '/{id}', 'Update', 'Updates'],
  ['delete', '/{id}', 'Delete', 'Deletes'],
  ['get', '/{id}/history', 'History of', 'Lists the history of'],
  ['post', '/{id}/archive', 'Archive', 'Archives'],
  ['post', '/{id}/restore', 'Restore', 'Restores'],
  ['get', '/{id}/attachments', 'Attachments of', 'Lists attachments of'],
] as const;

function title(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function generateDefinition(count: number, serverUrl: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const schemas: Record<string, unknown> = {
    Error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', example: 'BadArgument' },
        message: { type: 'string' },
        details: { type: 'array', items: { $ref: '#/components/schemas/Error' } },
      },
    },
    Page: {
      type: 'object',
      properties: {
        next: { type: 'string', format: 'uri', nullable: true },
        total: { type: 'integer' },
      },
    },
    Address: {
      type: 'object',
      properties: {
        line1: { type: 'string' },
        city: { type: 'string' },
        country: { type: 'string', example: 'NL' },
      },
    },
  };
  let made = 0;
  for (let version = 1; made < count; version++) {
    for (const resource of RESOURCES) {
      const name = `${title(resource).replace(/s$/, '')}V${version}`;
      schemas[name] = {
        type: 'object',
        required: ['id', 'name'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          name: { type: 'string', maxLength: 200, example: `${resource} sample` },
          status: { type: 'string', enum: ['active', 'archived', 'deleted'] },
          createdAt: { type: 'string', format: 'date-time' },
          address: { $ref: '#/components/schemas/Address' },
          tags: { type: 'array', items: { type: 'string' } },
          parent: { $ref: `#/components/schemas/${name}` },
        },
      };
      schemas[`${name}List`] = {
        allOf: [
          { $ref: '#/components/schemas/Page' },
          {
            type: 'object',
            properties: {
              items: { type: 'array', items: { $ref: `#/components/schemas/${name}` } },
            },
          },
        ],
      };
      for (const [method, suffix, verb, sentence] of ACTIONS) {
        if (made >= count) break;
        const path = `/v${version}/${resource}${suffix}`;
        const hasId = suffix.includes('{id}');
        const isList = suffix === '' && method === 'get';
        const parameters: unknown[] = [
          {
            name: 'X-Request-Id',
            in: 'header',
            required: false,
            schema: { type: 'string', format: 'uuid' },
          },
        ];
        if (hasId)
          parameters.push({
            name: 'id',
            in: 'path',
            required: true,
            schema: { type: 'string' },
            example: '42',
          });
        if (isList) {
          parameters.push(
            { name: 'limit', in: 'query', schema: { type: 'integer', default: 20, maximum: 100 } },
            { name: 'cursor', in: 'query', schema: { type: 'string' } },
            {
              name: 'filter',
              in: 'query',
              description: 'OData-style filter expression.',
              schema: { type: 'string' },
            },
          );
        }
        const body = method === 'post' || method === 'put' || method === 'patch';
        const entry: Record<string, unknown> = {
          tags: [title(resource)],
          operationId: `${verb.replace(/\s+/g, '')}${title(resource)}V${version}`,
          summary: `${verb} ${resource} (v${version})`,
          description: `${sentence} ${resource} in API version ${version}. Requires the \`${resource}.write\` scope for changes.`,
          parameters,
          responses: {
            '200': {
              description: 'OK',
              content: {
                'application/json': {
                  schema: { $ref: `#/components/schemas/${isList ? `${name}List` : name}` },
                },
              },
            },
            '400': {
              description: 'Bad request',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
            },
            '404': { description: 'Not found' },
          },
        };
        if (body) {
          entry.requestBody = {
            required: true,
            content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } },
          };
        }
        (paths[path] ??= {})[method] = entry;
        made++;
      }
    }
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Benchmark API',
      version: '1.0.0',
      description: `A generated definition with ${count} operations, for measuring the portal.`,
    },
    servers: [{ url: serverUrl }],
    tags: RESOURCES.map((r) => ({ name: title(r), description: `Everything about ${r}.` })),
    paths,
    components: { schemas },
  };
}
