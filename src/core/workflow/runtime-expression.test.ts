import { describe, expect, it } from 'vitest';
import {
  evaluateExpression,
  parseRuntimeExpression,
  resolveValue,
  type ExpressionContext,
} from './runtime-expression';

// The context of a step that has just been answered, shaped after the specification's examples.
const context: ExpressionContext = {
  url: 'https://petstore.example/v2/pets/42?details=true',
  method: 'POST',
  statusCode: 200,
  request: {
    headers: [['Accept', 'application/json']],
    query: { details: 'true' },
    path: { id: '42' },
    body: { user: { uuid: 'u-1' } },
  },
  response: {
    headers: [
      ['server', 'demo'],
      ['Retry-After', '7'],
    ],
    body: { status: 'available', pets: [{ id: 1 }, { id: 2 }], 'a/b': { 'm~n': 'escaped' } },
  },
  inputs: { username: 'ada', pet: { name: 'Rex' }, 'x-api-key': 'k' },
  outputs: { bar: 'b' },
  steps: { someStepId: { outputs: { pets: [{ id: 7 }], 'job.id': 'j-1' } } },
  workflows: {
    foo: { inputs: { username: 'grace' }, outputs: { bar: 'fb', mappedResponse: { name: 'n' } } },
  },
  sourceDescriptions: { petstore: { name: 'petstore', url: './petstore.yaml' } },
  components: { parameters: { foo: { name: 'foo', in: 'query', value: 1 } } },
};

const value = (text: string): unknown => {
  const result = evaluateExpression(text, context);
  if (!result.ok) throw new Error(result.message);
  return result.value;
};

describe('runtime expressions: the specification examples', () => {
  it.each([
    ['$method', 'POST'],
    ['$request.header.accept', 'application/json'],
    ['$request.path.id', '42'],
    ['$request.body#/user/uuid', 'u-1'],
    ['$url', 'https://petstore.example/v2/pets/42?details=true'],
    ['$response.body#/status', 'available'],
    ['$response.header.Server', 'demo'],
    ['$inputs.username', 'ada'],
    ['$workflows.foo.inputs.username', 'grace'],
    ['$steps.someStepId.outputs.pets', [{ id: 7 }]],
    ['$steps.someStepId.outputs.pets#/0/id', 7],
    ['$outputs.bar', 'b'],
    ['$workflows.foo.outputs.bar', 'fb'],
    ['$workflows.foo.outputs.mappedResponse#/name', 'n'],
    ['$components.parameters.foo', { name: 'foo', in: 'query', value: 1 }],
    ['$statusCode', 200],
  ])('%s', (text, expected) => {
    expect(value(text)).toEqual(expected);
  });
});

describe('runtime expressions: details the portal relies on', () => {
  it('keeps the type of what it reads and reads the whole body without a pointer', () => {
    expect(value('$response.body#/pets')).toEqual([{ id: 1 }, { id: 2 }]);
    expect(value('$response.body')).toBe(context.response?.body);
    expect(value('$inputs.pet.name')).toBe('Rex');
  });

  it('reads headers whatever their case, and the request query', () => {
    expect(value('$response.header.retry-after')).toBe('7');
    expect(value('$request.query.details')).toBe('true');
  });

  it('decodes ~0, ~1 and percent-encoding in a pointer', () => {
    expect(value('$response.body#/a~1b/m~0n')).toBe('escaped');
    expect(value('$response.body#/a~1b/m%7E0n')).toBe('escaped');
  });

  it('reads an output whose name holds a dot, and a hyphenated input', () => {
    expect(value('$steps.someStepId.outputs.job.id')).toBe('j-1');
    expect(value('$inputs.x-api-key')).toBe('k');
  });

  it('gives undefined for what is absent instead of failing', () => {
    expect(value('$response.header.Location')).toBeUndefined();
    expect(value('$response.body#/pets/9/id')).toBeUndefined();
    expect(value('$steps.unknown.outputs.x')).toBeUndefined();
  });

  it('parses a JSON body kept as text once it is pointed into', () => {
    const text = { ...context, response: { headers: [], body: '{"jobId":"j-9"}' } };
    expect(evaluateExpression('$response.body#/jobId', text)).toEqual({ ok: true, value: 'j-9' });
  });

  it.each([
    ['inputs.x', 'it must start with "$"'],
    ['$statusCode.x', '$statusCode takes nothing after it'],
    ['$response.status', 'after $response. comes header.<name>'],
    ['$response.body.status', 'a body is read with a JSON pointer'],
    ['$response.header.', '$response.header. needs a name'],
    ['$response.body#status', 'what follows "#" must be a JSON pointer'],
    ['$steps.s', 'a step is read as $steps.<stepId>.outputs.<name>'],
    ['$inputs.', '$inputs. needs a name'],
    ['$env.HOME', '$url, $method, $statusCode'],
  ])('refuses %s, saying why', (text, why) => {
    const parsed = parseRuntimeExpression(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(why);
  });
});

describe('resolveValue', () => {
  it('resolves a whole expression, embedded ones and nested payloads', () => {
    expect(resolveValue('$inputs.pet', context)).toEqual({ ok: true, value: { name: 'Rex' } });
    expect(resolveValue('Bearer {$inputs.username}', context)).toEqual({
      ok: true,
      value: 'Bearer ada',
    });
    // The specification's JSON object payload and JSON templated payload.
    expect(
      resolveValue({ petOrder: { petId: '$request.path.id', status: 'placed', n: 2 } }, context),
    ).toEqual({ ok: true, value: { petOrder: { petId: '42', status: 'placed', n: 2 } } });
    expect(
      resolveValue('{"petId": "{$request.path.id}", "pets": {$response.body#/pets}}', context),
    ).toEqual({ ok: true, value: '{"petId": "42", "pets": [{"id":1},{"id":2}]}' });
  });

  it('leaves literals alone and reports a bad embedded expression', () => {
    expect(resolveValue('placed', context)).toEqual({ ok: true, value: 'placed' });
    expect(resolveValue(10, context)).toEqual({ ok: true, value: 10 });
    expect(resolveValue('a {$nope.x} b', context)).toMatchObject({ ok: false });
  });
});
