/**
 * A response whose body is read from the network now, whether or not anyone reads it yet.
 *
 * The definition worker starts downloading a definition before the app has asked for it (the
 * 'prefetch' of definition-worker-protocol.ts). A fetch body nobody reads stops arriving once
 * the browser's buffer for it is full, so the download would stall until the app asks, 50-100 ms
 * later on a slow machine. This reads the chunks as they arrive and keeps them; the returned
 * response gives them to its reader in order, then the rest as it comes. Status, status text
 * and headers are the original's; an error while reading reaches the reader as that error.
 */
export function readEagerly(response: Response): Response {
  const body = response.body;
  if (!body) return response;
  const reader = body.getReader();
  const queue: Uint8Array[] = [];
  let finished = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;

  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        queue.push(value);
        wake?.();
      }
    } catch (error) {
      failure = { error };
    }
    finished = true;
    wake?.();
  })();

  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      while (queue.length === 0 && !finished) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
      wake = undefined;
      // Everything that has arrived, in one go.
      for (const chunk of queue.splice(0)) controller.enqueue(chunk);
      if (queue.length === 0 && finished) {
        if (failure) controller.error(failure.error);
        else controller.close();
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return new Response(stream, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
