import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Everything the server wrote before it closed the connection (or the wait ended). */
  raw: string;
}

/**
 * Writes bytes to the service as they are, for requests no HTTP client would send (a broken
 * request line, bad chunking), and reads the answer up to the end of its body.
 */
export async function rawRequest(
  port: number,
  chunks: Array<string | Buffer>,
  options: { gapMs?: number; host?: string } = {},
): Promise<RawResponse> {
  const socket = connect({ port, host: options.host ?? '127.0.0.1' });
  socket.on('error', () => {});
  const received: Buffer[] = [];
  const ended = new Promise<void>((resolve) => {
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk);
      if (parse(Buffer.concat(received).toString('latin1'))) resolve();
    });
    socket.once('close', () => resolve());
  });
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  void (async () => {
    for (const chunk of chunks) {
      if (socket.destroyed || socket.writableEnded) return;
      socket.write(chunk);
      if (options.gapMs) await new Promise((resolve) => setTimeout(resolve, options.gapMs));
    }
  })();
  await ended;
  socket.destroy();
  const raw = Buffer.concat(received).toString('latin1');
  const parsed = parse(raw, true);
  if (!parsed) throw new Error(`No complete HTTP response, got: ${JSON.stringify(raw)}`);
  return { ...parsed, raw };
}

function parse(raw: string, closed = false): Omit<RawResponse, 'raw'> | undefined {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine = '', ...lines] = raw.slice(0, end).split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? NaN);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? NaN);
  const body = raw.slice(end + 4);
  if (Number.isFinite(length)) {
    if (Buffer.byteLength(body, 'latin1') < length) return undefined;
    return { status, headers, body: Buffer.from(body, 'latin1').subarray(0, length).toString() };
  }
  return closed ? { status, headers, body } : undefined;
}
