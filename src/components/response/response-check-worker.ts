/**
 * Checks a large response body against the definition off the main thread: parsing 20 MB of
 * JSON and validating every node takes far longer than a frame. The operation's responses
 * arrive by structured clone, which keeps recursive (circular) schemas intact.
 */
import { checkResponse, type ResponseCheck } from '../../core/response-check/check-response';
import type { CheckRequest } from './check-in-worker';

export type CheckReply = { ok: true; result: ResponseCheck } | { ok: false; message: string };

// The app is typed with the DOM library; this is the slice of the worker scope used here.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<CheckRequest>) => void) | null;
  postMessage(message: CheckReply): void;
};

scope.onmessage = (event: MessageEvent<CheckRequest>) => {
  const { responses, specVersion, status, headers, contentType, buffer } = event.data;
  let reply: CheckReply;
  try {
    const result = checkResponse(
      { responses },
      { status, headers, contentType, body: new Uint8Array(buffer) },
      { specVersion },
    );
    reply = { ok: true, result };
  } catch (err) {
    reply = { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  scope.postMessage(reply);
};
