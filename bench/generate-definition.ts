/**
 * A realistic large OpenAPI 3.0 document for the benchmark: `count` operations over a few
 * dozen tagged resources, each with path, query and header parameters, request bodies and
 * responses that point at shared schemas through $refs (nested, one of them recursive).
 *
 * With `shape`, the operations spread over `tags` tags of `perTag` operations each and every
 * operation documents its error responses and headers too, as the largest public definitions
 * do: 200 x 50 gives the 10,000-operation, ~23 MB case of the benchmark.
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

export interface DefinitionShape {
  tags: number;
  perTag: number;
}

const ERROR_RESPONSES = {
  '401': 'The request has no valid credentials: send the API key or a bearer token.',
  '403': 'The credentials are valid but do not grant the scope this operation requires.',
  '409': 'The resource was changed by another request since it was read (ETag mismatch).',
  '429': 'Too many requests: wait for the number of seconds in Retry-After, then retry.',
  '500': 'The service failed while handling the request; the error body says which part.',
};

function verboseResponses(): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(ERROR_RESPONSES).map(([status, description]) => [
      status,
      {
        description,
        ...(status === '429'
          ? {
              headers: {
                'Retry-After': {
                  description: 'Seconds to wait before retrying.',
                  schema: { type: 'integer', minimum: 0 },
                },
              },
            }
          : {}),
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    ]),
  );
}

export function generateDefinition(
  count: number,
  serverUrl: string,
  shape?: DefinitionShape,
): Record<string, unknown> {
  if (shape) return generateShaped(count, serverUrl, shape);
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

/** Tag names beyond the 30 resources: "Accounts 2", "Accounts 3", ... */
function tagNames(tags: number): Array<{ resource: string; area: number; tag: string }> {
  const names: Array<{ resource: string; area: number; tag: string }> = [];
  for (let area = 1; names.length < tags; area++) {
    for (const resource of RESOURCES) {
      if (names.length >= tags) break;
      names.push({
        resource,
        area,
        tag: area === 1 ? title(resource) : `${title(resource)} ${area}`,
      });
    }
  }
  return names;
}

function generateShaped(
  count: number,
  serverUrl: string,
  shape: DefinitionShape,
): Record<string, unknown> {
  const base = generateDefinition(0, serverUrl);
  const schemas = (base.components as { schemas: Record<string, unknown> }).schemas;
  const paths: Record<string, Record<string, unknown>> = {};
  const tags = tagNames(shape.tags);
  const errors = verboseResponses();
  let made = 0;
  for (const { resource, area, tag } of tags) {
    const versions = Math.ceil(shape.perTag / ACTIONS.length);
    for (let version = 1; version <= versions; version++) {
      const name = `${title(resource).replace(/s$/, '')}A${area}V${version}`;
      schemas[name] = {
        type: 'object',
        description: `A ${resource.replace(/s$/, '')} of area ${area}, as version ${version} of the API returns it.`,
        required: ['id', 'name'],
        properties: {
          id: { type: 'string', format: 'uuid', description: 'Assigned by the service.' },
          name: { type: 'string', maxLength: 200, example: `${resource} sample` },
          status: { type: 'string', enum: ['active', 'archived', 'deleted'] },
          createdAt: { type: 'string', format: 'date-time' },
          updatedAt: { type: 'string', format: 'date-time' },
          etag: { type: 'string', description: 'Send as If-Match to update safely.' },
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
      for (const [index, [method, suffix, verb, sentence]] of ACTIONS.entries()) {
        if (made >= count || (version - 1) * ACTIONS.length + index >= shape.perTag) break;
        const path = `/areas/${area}/v${version}/${resource}${suffix}`;
        const hasId = suffix.includes('{id}');
        const isList = suffix === '' && method === 'get';
        const parameters: unknown[] = [
          {
            name: 'X-Request-Id',
            in: 'header',
            description: 'Echoed in the response; generated by the service when absent.',
            schema: { type: 'string', format: 'uuid' },
          },
          {
            name: 'api-version',
            in: 'query',
            required: true,
            description: 'The API version to use for this operation.',
            schema: { type: 'string', enum: [`${version}.0`], default: `${version}.0` },
          },
        ];
        if (hasId)
          parameters.push({
            name: 'id',
            in: 'path',
            required: true,
            description: `The id of the ${resource.replace(/s$/, '')}.`,
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
        const entry: Record<string, unknown> = {
          tags: [tag],
          operationId: `${verb.replace(/\s+/g, '')}${title(resource)}A${area}V${version}`,
          summary: `${verb} ${resource} (area ${area}, v${version})`,
          description: `${sentence} ${resource} of area ${area} in API version ${version}. Requires the \`${resource}.write\` scope for changes. Calls are rate limited per subscription; a 429 answer says in Retry-After how long to wait. Every answer carries X-Request-Id, which support asks for.`,
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
            ...errors,
          },
        };
        if (method === 'post' || method === 'put' || method === 'patch') {
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
    ...base,
    info: {
      title: 'Benchmark API',
      version: '1.0.0',
      description: `A generated definition with ${made} operations in ${tags.length} tags, for measuring the portal.`,
    },
    tags: tags.map(({ tag, resource, area }) => ({
      name: tag,
      description: `Everything about ${resource} in area ${area}.`,
    })),
    paths,
  };
}
