import { afterEach, describe, expect, it } from 'vitest';
import { DefinitionError } from './definition-error';
import { createDefinitionClient, type DefinitionPort } from './definition-worker-client';
import { createDefinitionHost, type DefinitionHostOptions } from './definition-worker-host';
import type { FromDefinitionWorker, ToDefinitionWorker } from './definition-worker-protocol';

/**
 * The client and the host talk through a real MessageChannel, so every message is structured-
 * cloned exactly as between the page and the worker: class identity is lost, getters are read,
 * cycles are kept.
 */
const channels: MessageChannel[] = [];
function connect(options: DefinitionHostOptions = {}) {
  const channel = new MessageChannel();
  channels.push(channel);
  const handle = createDefinitionHost((m) => channel.port2.postMessage(m), options);
  channel.port2.addEventListener('message', (e) => handle(e.data as ToDefinitionWorker));
  channel.port2.start();
  const sent: ToDefinitionWorker[] = [];
  const port: DefinitionPort = {
    postMessage: (m) => {
      sent.push(m);
      channel.port1.postMessage(m);
    },
    addEventListener: (type, listener) =>
      channel.port1.addEventListener(type, listener as (e: Event) => void),
    start: () => channel.port1.start(),
  };
  return { client: createDefinitionClient(port), sent };
}

afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

const petstore = (title = 'Pets') =>
  JSON.stringify({
    openapi: '3.0.3',
    info: { title, version: '1' },
    paths: {
      '/pets/{id}': {
        get: {
          operationId: 'getPet',
          summary: 'Get a pet',
          tags: ['pets'],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': {
              description: 'OK',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Pet: {
          type: 'object',
          properties: { name: { type: 'string' }, parent: { $ref: '#/components/schemas/Pet' } },
        },
      },
    },
  });

/** A fetch that answers only when told to, and records whether it was aborted. */
function gatedFetch() {
  const calls: Array<{ url: string; signal: AbortSignal | undefined; answer: () => void }> = [];
  const fetchImpl = ((url: string, init?: RequestInit) =>
    new Promise<Response>((resolve, reject) => {
      const signal = init?.signal ?? undefined;
      signal?.addEventListener('abort', () => reject(signal.reason as Error));
      calls.push({
        url,
        signal,
        answer: () =>
          resolve(
            new Response(petstore(url.includes('b.json') ? 'B' : 'A'), {
              headers: { 'content-type': 'application/json' },
            }),
          ),
      });
    })) as typeof fetch;
  return { fetchImpl, calls };
}

const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !check(); i += 1) await new Promise((r) => setTimeout(r, 5));
};

/**
 * A host (no client) that has sent the catalog of load 1 and waits for 'shown'; what it posts
 * is recorded as the page receives it (structured-cloned).
 */
async function listedByHost() {
  const posted: FromDefinitionWorker[] = [];
  const handle = createDefinitionHost((m) => posted.push(structuredClone(m)), {
    shownWaitMs: 60_000,
  });
  handle({ type: 'load', requestId: 1, source: { text: petstore() }, id: 'pets', validate: false });
  await until(() => posted.some((m) => m.type === 'catalog'));
  return { handle, posted };
}

describe('definition worker protocol', () => {
  it('answers a load with summaries only, and an operation with its resolved details', async () => {
    const { client } = connect();
    const catalog = await client.loadCatalog({ text: petstore() }, { id: 'pets' });
    expect(catalog).toMatchObject({ id: 'pets', title: 'Pets', specVersion: 'openapi-3.0' });
    expect(catalog.operations).toEqual([
      {
        slug: 'getPet',
        operationId: 'getPet',
        method: 'get',
        path: '/pets/{id}',
        summary: 'Get a pet',
        tags: ['pets'],
        deprecated: false,
      },
    ]);

    const op = await client.loadOperation(catalog, 'getPet');
    expect(op?.parameters.map((p) => p.name)).toEqual(['id']);
    const schema = op?.responses[0]?.content[0]?.schema as {
      properties: { parent: unknown };
    };
    // The circular $ref is still a cycle after crossing the channel.
    expect(schema.properties.parent).toBe(schema);
    expect(await client.loadOperation(catalog, 'noSuchOperation')).toBeUndefined();
  });

  it('reports a broken $ref, found after the catalog was sent, as the same DefinitionError', async () => {
    const { client, sent } = connect();
    const broken = petstore().replace('#/components/schemas/Pet"', '#/components/schemas/Cat"');
    // The catalog comes from the first, light pass: it lists the operation already.
    const catalog = await client.loadCatalog({ text: broken });
    expect(catalog.operations.map((o) => o.slug)).toEqual(['getPet']);
    const message =
      '$ref "#/components/schemas/Cat" at paths./pets/{id}.get.responses.200.content.application/json.schema cannot be resolved';
    for (const failed of [
      client.loadWarnings(catalog).catch((e: unknown) => e),
      client.loadOperation(catalog, 'getPet').catch((e: unknown) => e),
    ]) {
      const error = await failed;
      expect(error).toBeInstanceOf(DefinitionError);
      expect((error as DefinitionError).message).toBe(message);
      expect((error as DefinitionError).location).toBe(
        'paths./pets/{id}.get.responses.200.content.application/json.schema',
      );
    }
    // Asked again later, the details carry the same error without loading the document again.
    await expect(client.loadOperation(catalog, 'getPet')).rejects.toThrow(message);
    expect(sent.filter((m) => m.type === 'load')).toHaveLength(1);
  });

  it('rejects the load itself when the document cannot even be listed', async () => {
    const { client } = connect();
    const notJson = await client.loadCatalog({ text: '{"openapi": ' }).catch((e: unknown) => e);
    expect(notJson).toBeInstanceOf(DefinitionError);
    expect((notJson as Error).message).toMatch(/^Invalid JSON at line 1, column \d+/);
    const notOpenApi = await client
      .loadCatalog({ text: '{"asyncapi": "2.0"}' })
      .catch((e: unknown) => e);
    expect(notOpenApi).toBeInstanceOf(DefinitionError);
    expect((notOpenApi as Error).message).toBe(
      'Not an OpenAPI or Swagger document: no "openapi" or "swagger" field',
    );
  });

  it('lists a catalog whose paths are $refs only after resolving them, with its warnings', async () => {
    const { client } = connect();
    const doc = JSON.parse(petstore()) as {
      paths: Record<string, unknown>;
      components: Record<string, unknown>;
    };
    doc.components.pathItems = { Pet: doc.paths['/pets/{id}'] };
    doc.paths['/pets/{id}'] = { $ref: '#/components/pathItems/Pet' };
    doc.paths['/undeclared/{x}'] = { get: { responses: {} } };
    const catalog = await client.loadCatalog({ text: JSON.stringify(doc) });
    expect(catalog.operations.map((o) => o.slug)).toEqual(['getPet', 'get-undeclared-x']);
    expect(await client.loadWarnings(catalog)).toEqual([
      'paths./undeclared/{x}.get: path parameter "x" is not declared; it is treated as a required string',
    ]);
  });

  it('cancels a load when the user switches APIs: the old one rejects, its fetch stops, the new one loads', async () => {
    const { fetchImpl, calls } = gatedFetch();
    const { client, sent } = connect({ fetchImpl });
    const first = new AbortController();
    const a = client.loadCatalog({ url: 'http://api.test/a.json' }, { signal: first.signal });
    await until(() => calls.length === 1);

    first.abort();
    await expect(a).rejects.toMatchObject({ name: 'AbortError' });
    expect(sent.at(-1)).toEqual({ type: 'cancel', requestId: 1 });
    await until(() => calls[0]?.signal?.aborted === true);
    expect(calls[0]?.signal?.aborted).toBe(true);

    const b = client.loadCatalog({ url: 'http://api.test/b.json' });
    await until(() => calls.length === 2);
    calls[1]?.answer();
    expect((await b).title).toBe('B');
  });

  it('serves the first load of a prefetched URL from that download: one fetch, started before the load', async () => {
    const { fetchImpl, calls } = gatedFetch();
    const { client } = connect({ fetchImpl });
    // What public/early-start.js posts, straight to the worker, once the config names the API.
    const channelPort = channels.at(-1)?.port1;
    channelPort?.postMessage({ type: 'prefetch', url: 'http://api.test/a.json' });
    await until(() => calls.length === 1);
    expect(calls.map((c) => c.url)).toEqual(['http://api.test/a.json']);
    const loading = client.loadCatalog({ url: 'http://api.test/a.json' }, { id: 'a' });
    calls[0]?.answer();
    expect((await loading).title).toBe('A');
    // No second download for the load.
    expect(calls).toHaveLength(1);
  });

  it('ignores a prefetch that arrives after the page asked for the load itself', async () => {
    const { fetchImpl, calls } = gatedFetch();
    const { client } = connect({ fetchImpl });
    const loading = client.loadCatalog({ url: 'http://api.test/a.json' }, { id: 'a' });
    await until(() => calls.length === 1);
    channels.at(-1)?.port1.postMessage({ type: 'prefetch', url: 'http://api.test/a.json' });
    await new Promise((r) => setTimeout(r, 20));
    calls[0]?.answer();
    expect((await loading).title).toBe('A');
    expect(calls).toHaveLength(1);
  });

  it('drops a prefetch the page does not use, and a cancelled load stops the prefetched download', async () => {
    const { fetchImpl, calls } = gatedFetch();
    const { client } = connect({ fetchImpl });
    const channelPort = channels.at(-1)?.port1;
    channelPort?.postMessage({ type: 'prefetch', url: 'http://api.test/a.json' });
    await until(() => calls.length === 1);
    // The page opened another API: that one is fetched, the prefetch is aborted.
    const loadingB = client.loadCatalog({ url: 'http://api.test/b.json' }, { id: 'b' });
    await until(() => calls.length === 2);
    expect(calls[0]?.signal?.aborted).toBe(true);
    calls[1]?.answer();
    expect((await loadingB).title).toBe('B');

    channelPort?.postMessage({ type: 'prefetch', url: 'http://api.test/a.json' });
    await until(() => calls.length === 3);
    const controller = new AbortController();
    const loadingA = client.loadCatalog(
      { url: 'http://api.test/a.json' },
      { id: 'a', signal: controller.signal },
    );
    await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    await expect(loadingA).rejects.toMatchObject({ name: 'AbortError' });
    await until(() => calls[2]?.signal?.aborted === true);
    expect(calls[2]?.signal?.aborted).toBe(true);
    expect(calls).toHaveLength(3);
  });

  it('resolves the rest only once the page has shown the catalog (or after a wait)', async () => {
    const { handle, posted } = await listedByHost();
    // The page is still painting the list: nothing else competes with it.
    await new Promise((r) => setTimeout(r, 50));
    expect(posted.map((m) => m.type)).toEqual(['catalog']);
    handle({ type: 'shown', requestId: 1 });
    await until(() => posted.some((m) => m.type === 'ready'));
    expect(posted.map((m) => m.type)).toEqual(['catalog', 'ready']);

    // A page that never says (a hidden tab without frames) gets the rest after the wait.
    const later: FromDefinitionWorker[] = [];
    const impatient = createDefinitionHost((m) => later.push(m), { shownWaitMs: 20 });
    impatient({
      type: 'load',
      requestId: 2,
      source: { text: petstore() },
      id: 'p',
      validate: false,
    });
    await until(() => later.some((m) => m.type === 'ready'));
    expect(later.map((m) => m.type)).toEqual(['catalog', 'ready']);
  });

  it('answers an operation asked for before the rest is resolved from its own path item', async () => {
    // A deep link: the page asks for an operation while the list is still being painted.
    const { handle, posted } = await listedByHost();
    handle({ type: 'operation', requestId: 2, loadId: 1, slug: 'getPet' });
    await until(() => posted.some((m) => m.type === 'operation'));
    expect(posted.map((m) => m.type)).toEqual(['catalog', 'operation']);
    const early = posted.find((m) => m.type === 'operation');

    handle({ type: 'shown', requestId: 1 });
    await until(() => posted.some((m) => m.type === 'ready'));
    handle({ type: 'operation', requestId: 3, loadId: 1, slug: 'getPet' });
    await until(() => posted.filter((m) => m.type === 'operation').length === 2);
    const full = posted.filter((m) => m.type === 'operation')[1];
    // The same details either way, the circular schema a cycle in both.
    expect(early).toEqual({ ...full, requestId: 2 });
    const answer = early?.type === 'operation' ? early.operation : undefined;
    const schema = answer?.responses[0]?.content[0]?.schema as
      { properties: { parent: unknown } } | undefined;
    expect(schema?.properties.parent).toBe(schema);
  });

  it('does not start a load whose signal is already aborted', async () => {
    const { client, sent } = connect();
    const controller = new AbortController();
    controller.abort();
    await expect(
      client.loadCatalog({ text: petstore() }, { signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(sent).toEqual([]);
  });

  it('loads a forgotten definition again when its details are asked for', async () => {
    const { client, sent } = connect({ keep: 1 });
    const a = await client.loadCatalog({ text: petstore('A') });
    await client.loadCatalog({ text: petstore('B') });
    const op = await client.loadOperation(a, 'getPet');
    expect(op?.summary).toBe('Get a pet');
    expect(sent.filter((m) => m.type === 'load')).toHaveLength(3);
  });

  it('loads a forgotten definition from a fresh source when it has one (a short-lived link)', async () => {
    const { client, sent } = connect({ keep: 1 });
    const a = await client.loadCatalog(
      { text: petstore('A'), fileName: 'link-1.json' },
      { freshSource: async () => ({ text: petstore('A'), fileName: 'link-2.json' }) },
    );
    await client.loadCatalog({ text: petstore('B'), fileName: 'b.json' });
    expect((await client.loadOperation(a, 'getPet'))?.summary).toBe('Get a pet');
    expect(
      sent.flatMap((m) => (m.type === 'load' && 'fileName' in m.source ? [m.source.fileName] : [])),
    ).toEqual(['link-1.json', 'b.json', 'link-2.json']);
  });
});
