import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assistantEndpoint, hashingEndpoint } from '../server/ml-endpoints/core/online-endpoints';
import { swaggerDocument } from '../server/ml-endpoints/core/swagger';
import { initialBody } from '../src/core/definition/request-body-default';
import { loadDefinition } from '../src/core/definition/load-definition';
import { acceptChoices } from '../src/core/request/accept-choices';

type Json = Record<string, unknown>;

function shipped(name: string): string {
  return readFileSync(new URL(`../public/apis/${name}`, import.meta.url), 'utf8');
}

function at(json: unknown, ...path: string[]): unknown {
  let value = json;
  for (const key of path) value = (value as Json | undefined)?.[key];
  return value;
}

/**
 * The portal ships a copy of each endpoint's OpenAPI document (the browser cannot read
 * /swagger.json across origins): these keep the copies true to what the emulator serves.
 */
describe.each([
  { file: 'portico-hashing.openapi.json', model: hashingEndpoint() },
  { file: 'portico-assistant.openapi.json', model: assistantEndpoint() },
])('public/apis/$file', ({ file, model }) => {
  const text = shipped(file);
  const copy = JSON.parse(text) as Json;
  const served = swaggerDocument(model.description, '3.0', new URL('http://127.0.0.1:8793'));

  it("has the endpoint's operations, with its request example and deployments", () => {
    const ops = (doc: Json) =>
      Object.entries(doc.paths as Record<string, Json>).flatMap(([path, item]) =>
        Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
      );
    expect(ops(copy).sort()).toEqual(ops(served).sort());
    const example = (doc: Json) =>
      at(doc, 'paths', '/score', 'post', 'requestBody', 'content', 'application/json', 'example') ??
      at(doc, 'components', 'schemas', 'ServiceInput', 'example');
    expect(example(copy)).toEqual(example(served));
    const deployments = (doc: Json) =>
      (at(doc, 'paths', '/score', 'post', 'parameters') as Json[] | undefined)?.find(
        (p) => p.name === 'azureml-model-deployment',
      )?.schema;
    expect(at(deployments(copy), 'enum')).toEqual([...model.deployments]);
  });

  it('gives the console its body example and, for a streaming endpoint, the Accept choice', async () => {
    const definition = await loadDefinition({ text, fileName: file });
    const score = definition.operations.find((o) => o.path === '/score' && o.method === 'post');
    expect(score).toBeDefined();
    if (!score) return;
    expect(JSON.parse(initialBody(score)?.body ?? 'null')).toEqual(
      at(copy, 'components', 'schemas', 'ServiceInput', 'example'),
    );
    const streams = acceptChoices(score).map((c) => c.mediaType);
    expect(streams).toEqual(
      at(served, 'paths', '/score', 'post', 'responses', '200', 'content', 'text/event-stream')
        ? ['application/json', 'text/event-stream']
        : [],
    );
  });
});
