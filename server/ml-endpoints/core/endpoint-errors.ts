/**
 * An answer of an online endpoint other than 200, in the inference server's shape
 * `{"message": "..."}`. `headers` carries what Azure ML adds to that status (e.g. the
 * `ms-azureml-model-error-*` pair of a 424, `Retry-After`).
 */
export class EndpointError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
    /** A body other than `{"message"}`, for the few answers Azure ML shapes differently. */
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'EndpointError';
  }
}

/**
 * The model refused its input. Behind Azure ML's front door a model's non-200 answer reaches the
 * caller as 424 with the model's own status and reason in `ms-azureml-model-error-*`.
 */
export function modelInputError(message: string): EndpointError {
  return new EndpointError(424, message, {
    'ms-azureml-model-error-statuscode': '400',
    'ms-azureml-model-error-reason': 'model_error',
  });
}

/**
 * The front door's own refusals. Their bodies are undocumented (reference, "Known gaps"), so
 * each message is a setting; the defaults say what happened and what to do.
 */
export interface FrontDoorMessages {
  unauthorized: string;
  tokenExpired: string;
  noDeployment: string;
  unknownDeployment: (name: string, known: readonly string[]) => string;
  unknownRoute: (method: string, path: string) => string;
  requestTimeout: (ms: number) => string;
  tooManyPending: (limit: number) => string;
  bodyTooLarge: (limitBytes: number) => string;
}

export const DEFAULT_FRONT_DOOR_MESSAGES: FrontDoorMessages = {
  unauthorized:
    'Unauthorized: send Authorization: Bearer <key> with the primary or secondary key of this endpoint, or an aml_token from its token call.',
  tokenExpired:
    "Unauthorized: the aml_token has expired. Get a new one from the endpoint's token call (POST .../onlineEndpoints/{name}/token).",
  noDeployment: "The endpoint doesn't have any valid deployment with positive weight.",
  unknownDeployment: (name, known) =>
    `The deployment '${name.slice(0, 64)}' named in azureml-model-deployment does not exist on this endpoint. Its deployments: ${known.join(', ')}.`,
  unknownRoute: (method, path) =>
    `There is no ${method} ${path.slice(0, 200)} on this endpoint. It serves GET /, POST /score and GET /swagger.json.`,
  requestTimeout: (ms) =>
    `Request timed out: the model did not answer within ${ms} ms (request_timeout_ms).`,
  tooManyPending: (limit) =>
    `Too many pending requests: this endpoint takes at most ${limit} at a time (2 x max_concurrent_requests_per_instance x instance_count). Try again in a moment.`,
  bodyTooLarge: (limitBytes) =>
    `The request body is larger than this endpoint accepts (${Math.round(limitBytes / (1024 * 1024))} MB).`,
};
