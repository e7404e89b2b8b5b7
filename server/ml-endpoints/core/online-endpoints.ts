import {
  ASSISTANT_INPUT_EXAMPLE,
  answerEvent,
  answerQuestion,
  answerTokens,
  paceTokens,
  readAssistantInput,
} from './assistant-model';
import { EndpointError } from './endpoint-errors';
import {
  HASHING_DEPLOYMENTS,
  HASHING_INPUT_EXAMPLE,
  readInputData,
  scoreHashing,
} from './hashing-model';
import type { EndpointDescription } from './swagger';
import type { Traffic } from './traffic';

export const HASHING_ENDPOINT = 'portico-hashing';
export const ASSISTANT_ENDPOINT = 'portico-assistant';
export const DEFAULT_ENDPOINT_KEY = 'portico-endpoint-key';
export const DEFAULT_ASSISTANT_KEY = 'portico-assistant-key';
export const DEFAULT_TOKEN_DELAY_MS = 40;

export interface ScoreCall {
  body: unknown;
  deployment: string;
  /** The caller's Accept header, as sent. */
  accept: string | undefined;
  /** Aborted when the caller goes away or the request times out: stop working. */
  signal: AbortSignal;
}

export type ScoreResult =
  | { kind: 'json'; body: unknown }
  /** Server-sent events, each a whole `data: ...\n\n`; the connection closes after the last. */
  | { kind: 'events'; events: AsyncIterable<string> };

/** One online endpoint's model side: what /score does and what /swagger.json says. */
export interface OnlineEndpointModel {
  name: string;
  deployments: readonly string[];
  traffic: Traffic;
  description: EndpointDescription;
  /** request_timeout_ms: the model must start its answer within this. */
  requestTimeoutMs: number;
  /** max_concurrent_requests_per_instance x instance_count; twice this may be pending. */
  maxConcurrentRequests: number;
  score: (call: ScoreCall) => Promise<ScoreResult>;
}

/** `portico-hashing`: the tutorial's feature hashing as an MLflow model, blue 90 / green 10. */
export function hashingEndpoint(): OnlineEndpointModel {
  const [blue] = HASHING_DEPLOYMENTS;
  const exampleOutput = scoreHashing(readInputData(HASHING_INPUT_EXAMPLE), blue!);
  return {
    name: HASHING_ENDPOINT,
    deployments: HASHING_DEPLOYMENTS.map((d) => d.name),
    traffic: { blue: 90, green: 10 },
    requestTimeoutMs: 5000,
    maxConcurrentRequests: 8,
    description: {
      title: HASHING_ENDPOINT,
      description: `The tutorial's feature-hashing model as a managed online endpoint (MLflow, pandas split in and out). Input: input_data with columns, index and data; the model hashes Col2. Output: the input columns, then the hashing features. Deployments: ${HASHING_DEPLOYMENTS.map((d) => d.description).join(' ')}`,
      deployments: HASHING_DEPLOYMENTS.map((d) => d.name),
      streams: false,
      input: {
        type: 'object',
        required: ['input_data'],
        properties: {
          input_data: {
            type: 'object',
            required: ['columns', 'data'],
            properties: {
              columns: { type: 'array', items: { type: 'string' } },
              index: { type: 'array', items: { type: 'integer' } },
              data: { type: 'array', items: { type: 'array', items: { type: 'string' } } },
            },
          },
        },
        example: HASHING_INPUT_EXAMPLE,
      },
      output: {
        type: 'object',
        description:
          'pandas split orientation: one row per input row, the input columns then Col2_HashingFeature.0 .. n-1 (8 on blue, 16 on green).',
        properties: {
          columns: { type: 'array', items: { type: 'string' } },
          index: { type: 'array', items: { type: 'integer' } },
          data: { type: 'array', items: { type: 'array', items: {} } },
        },
        example: exampleOutput,
      },
    },
    score: async ({ body, deployment }) => {
      const model = HASHING_DEPLOYMENTS.find((d) => d.name === deployment);
      if (!model) throw new EndpointError(404, `No deployment ${deployment}.`);
      return { kind: 'json', body: scoreHashing(readInputData(body), model) };
    },
  };
}

/** `portico-assistant`: a prompt flow that streams its answer token by token. */
export function assistantEndpoint(options: { tokenDelayMs?: number } = {}): OnlineEndpointModel {
  const delayMs = options.tokenDelayMs ?? DEFAULT_TOKEN_DELAY_MS;
  return {
    name: ASSISTANT_ENDPOINT,
    deployments: ['default'],
    traffic: { default: 100 },
    // Long enough for the whole answer at a slow pace when JSON is asked for.
    requestTimeoutMs: 90_000,
    maxConcurrentRequests: 8,
    description: {
      title: ASSISTANT_ENDPOINT,
      description:
        'A prompt flow that explains feature hashing of your question\'s words. Send Accept: text/event-stream to get the answer as server-sent events, token by token (data: {"answer": "<delta>"}, the first event empty, no [DONE]: the connection closes at the end); Accept: application/json gets {"answer": "..."} at once.',
      deployments: ['default'],
      streams: true,
      input: {
        type: 'object',
        required: ['question'],
        properties: {
          question: { type: 'string' },
          chat_history: { type: 'array', items: { type: 'object' } },
        },
        example: ASSISTANT_INPUT_EXAMPLE,
      },
      output: {
        type: 'object',
        properties: { answer: { type: 'string' } },
        example: { answer: answerQuestion(ASSISTANT_INPUT_EXAMPLE) },
      },
    },
    score: async ({ body, accept, signal }) => {
      const mode = acceptedMode(accept);
      const tokens = answerTokens(answerQuestion(readAssistantInput(body)));
      if (mode === 'events') {
        return { kind: 'events', events: answerEvents(tokens, delayMs, signal) };
      }
      let answer = '';
      for await (const token of paceTokens(tokens, delayMs, signal)) answer += token;
      return { kind: 'json', body: { answer } };
    },
  };
}

async function* answerEvents(
  tokens: readonly string[],
  delayMs: number,
  signal: AbortSignal,
): AsyncGenerator<string> {
  yield answerEvent('');
  for await (const token of paceTokens(tokens, delayMs, signal)) yield answerEvent(token);
}

/**
 * Prompt flow's content negotiation: event-stream streams, JSON or anything-goes gets JSON,
 * another media type its 406 (which the front door turns into 424).
 */
function acceptedMode(accept: string | undefined): 'events' | 'json' {
  const types = (accept ?? '*/*')
    .split(',')
    .map((part) => (part.split(';')[0] ?? '').trim().toLowerCase())
    .filter(Boolean);
  if (types.length === 0) return 'json';
  if (types.includes('text/event-stream')) return 'events';
  if (types.some((t) => t === 'application/json' || t === '*/*' || t === 'application/*'))
    return 'json';
  const message = `Media type ${types.join(', ').slice(0, 100)} in 'Accept' header is not acceptable. Supported media type(s) - ["application/json", "text/event-stream"]`;
  throw new EndpointError(
    424,
    message,
    { 'ms-azureml-model-error-statuscode': '406', 'ms-azureml-model-error-reason': 'model_error' },
    { error: { code: 'UserError', message } },
  );
}
