import { EndpointError } from './endpoint-errors';

type Json = Record<string, unknown>;

/** What an endpoint says about itself; both document versions are built from it. */
export interface EndpointDescription {
  title: string;
  description: string;
  /** The model's input: an object schema whose `example` the portal's try-it starts from. */
  input: Json;
  output: Json;
  deployments: readonly string[];
  /** The endpoint can answer `Accept: text/event-stream`. */
  streams: boolean;
}

export type SwaggerVersion = '2.0' | '3.0' | '3.1';

const VERSION_ALIASES: Record<string, SwaggerVersion> = {
  '2': '2.0',
  '2.0': '2.0',
  '3': '3.0',
  '3.0': '3.0',
  '3.1': '3.1',
};
const SUPPORTED = ['2', '3', '3.1'];

/** `?version=`: none is Swagger 2.0, as the inference server does; anything unknown is its 404. */
export function swaggerVersion(query: string | undefined): SwaggerVersion {
  if (query === undefined) return '2.0';
  const version = VERSION_ALIASES[query.trim()];
  if (version) return version;
  throw new EndpointError(
    404,
    `Swagger version [${query.slice(0, 20)}] is not valid. Supported versions: [${SUPPORTED.join(', ')}]`,
  );
}

const ERROR_RESPONSE = {
  type: 'object',
  properties: { message: { type: 'string' } },
};

/** The endpoint's description as Azure ML's inference server serves it at `/swagger.json`. */
export function swaggerDocument(
  endpoint: EndpointDescription,
  version: SwaggerVersion,
  baseUrl: URL,
): Json {
  const produces = endpoint.streams
    ? ['application/json', 'text/event-stream']
    : ['application/json'];
  const deploymentHeader = {
    name: 'azureml-model-deployment',
    in: 'header',
    required: false,
    description:
      'Sends the call to this deployment whatever the traffic split; the response header of the same name says which deployment answered.',
  };
  const info = { title: endpoint.title, description: endpoint.description, version: '1.0' };
  const health = {
    operationId: 'ServiceHealthCheck',
    description: 'Simple health check endpoint to ensure the service is up at any given point.',
  };
  const swaggerDescription = 'Get the Swagger (or OpenAPI) description of this endpoint.';
  const scoreDescription = endpoint.streams
    ? 'Run the flow. With Accept: text/event-stream the answer streams as server-sent events, data: {"answer": "..."} deltas (the first one empty), and the connection closes at the end.'
    : "Run web service's model and get the prediction output.";

  if (version === '2.0') {
    return {
      swagger: '2.0',
      info,
      schemes: [baseUrl.protocol.replace(':', '')],
      host: baseUrl.host,
      consumes: ['application/json'],
      produces,
      securityDefinitions: {
        Bearer: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          description: 'For example: Bearer abc123',
        },
      },
      security: [{ Bearer: [] }],
      paths: {
        '/': {
          get: {
            ...health,
            responses: {
              '200': {
                description:
                  "If service is up and running, this response will be returned with the content 'Healthy'",
                schema: { type: 'string' },
                examples: { 'application/json': 'Healthy' },
              },
              default: {
                description: 'The service failed to execute due to an error.',
                schema: { $ref: '#/definitions/ErrorResponse' },
              },
            },
          },
        },
        '/score': {
          post: {
            operationId: 'RunMLService',
            description: scoreDescription,
            parameters: [
              {
                name: 'serviceInputPayload',
                in: 'body',
                description:
                  'The input payload for executing the real-time machine learning service.',
                schema: { $ref: '#/definitions/ServiceInput' },
              },
              { ...deploymentHeader, type: 'string', enum: [...endpoint.deployments] },
            ],
            responses: {
              '200': {
                description:
                  'The service processed the input correctly and provided a result prediction, if applicable.',
                schema: { $ref: '#/definitions/ServiceOutput' },
              },
              default: {
                description: 'The service failed to execute due to an error.',
                schema: { $ref: '#/definitions/ErrorResponse' },
              },
            },
          },
        },
        '/swagger.json': {
          get: {
            operationId: 'GetSwaggerSpec',
            description: swaggerDescription,
            parameters: [
              { name: 'version', in: 'query', required: false, type: 'integer', enum: [2, 3] },
            ],
            responses: {
              '200': {
                description: 'The Swagger (or OpenAPI) document.',
                schema: { type: 'object' },
              },
              default: {
                description: 'The version is not supported.',
                schema: { $ref: '#/definitions/ErrorResponse' },
              },
            },
          },
        },
      },
      definitions: {
        ServiceInput: endpoint.input,
        ServiceOutput: endpoint.output,
        ErrorResponse: ERROR_RESPONSE,
      },
    };
  }

  const json = (ref: string): Json => ({
    'application/json': { schema: { $ref: `#/components/schemas/${ref}` } },
  });
  const scoreContent: Json = endpoint.streams
    ? {
        ...json('ServiceOutput'),
        'text/event-stream': {
          schema: {
            type: 'string',
            description: 'Server-sent events: data: {"answer": "<delta>"}',
          },
        },
      }
    : json('ServiceOutput');
  return {
    openapi: version === '3.1' ? '3.1.0' : '3.0.3',
    info,
    servers: [{ url: baseUrl.origin }],
    security: [{ Bearer: [] }],
    paths: {
      '/': {
        get: {
          ...health,
          responses: {
            '200': {
              description: 'Healthy',
              content: { 'text/plain': { schema: { type: 'string' }, example: 'Healthy' } },
            },
            default: {
              description: 'The service failed to execute due to an error.',
              content: json('ErrorResponse'),
            },
          },
        },
      },
      '/score': {
        post: {
          operationId: 'RunMLService',
          description: scoreDescription,
          parameters: [
            { ...deploymentHeader, schema: { type: 'string', enum: [...endpoint.deployments] } },
          ],
          requestBody: {
            description: 'The input payload for executing the real-time machine learning service.',
            required: true,
            content: json('ServiceInput'),
          },
          responses: {
            '200': {
              description:
                'The service processed the input correctly and provided a result prediction, if applicable.',
              content: scoreContent,
            },
            default: {
              description: 'The service failed to execute due to an error.',
              content: json('ErrorResponse'),
            },
          },
        },
      },
      '/swagger.json': {
        get: {
          operationId: 'GetSwaggerSpec',
          description: swaggerDescription,
          parameters: [
            {
              name: 'version',
              in: 'query',
              required: false,
              schema: { type: 'integer', enum: [2, 3] },
            },
          ],
          responses: {
            '200': {
              description: 'The Swagger (or OpenAPI) document.',
              content: { 'application/json': { schema: { type: 'object' } } },
            },
            default: {
              description: 'The version is not supported.',
              content: json('ErrorResponse'),
            },
          },
        },
      },
    },
    components: {
      schemas: {
        ServiceInput: endpoint.input,
        ServiceOutput: endpoint.output,
        ErrorResponse: ERROR_RESPONSE,
      },
      securitySchemes: {
        Bearer: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          description: 'For example: Bearer abc123',
        },
      },
    },
  };
}
