import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describePlace, loadArazzo } from './load-arazzo';

const VALID = `arazzo: 1.0.1
info:
  title: Pets
  version: 1.0.0
sourceDescriptions:
  - name: petstore
    url: ./petstore.yaml
    type: openapi
workflows:
  - workflowId: adopt
    inputs:
      type: object
      properties:
        petId: { type: string }
    steps:
      - stepId: find
        operationId: getPet
        parameters:
          - name: id
            in: path
            value: $inputs.petId
        successCriteria:
          - condition: $statusCode == 200
        onFailure:
          - name: again
            type: retry
            retryAfter: 1
            retryLimit: 3
        outputs:
          status: $response.body#/status
      - stepId: order
        operationId: placeOrder
        requestBody:
          contentType: application/json
          payload:
            petId: $inputs.petId
            note: 'pet {$steps.find.outputs.status}'
    outputs:
      status: $steps.find.outputs.status
`;

const errorsOf = (text: string) => {
  const result = loadArazzo(text, 'https://portal.example/workflows/pets.arazzo.yaml');
  if (result.ok) throw new Error('expected errors');
  return result.errors;
};

describe('loadArazzo', () => {
  it('reads a valid YAML document and keeps its URL', () => {
    const result = loadArazzo(VALID, 'https://portal.example/workflows/pets.arazzo.yaml');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.url).toBe('https://portal.example/workflows/pets.arazzo.yaml');
    expect(result.document.workflows[0]?.steps.map((s) => s.stepId)).toEqual(['find', 'order']);
  });

  it('reads the same document written as JSON', () => {
    const json = JSON.stringify({
      arazzo: '1.0.0',
      info: { title: 'T', version: '1' },
      sourceDescriptions: [{ name: 'a', url: 'a.json' }],
      workflows: [{ workflowId: 'w', steps: [{ stepId: 's', operationId: 'o' }] }],
    });
    expect(loadArazzo(json, 'x.json').ok).toBe(true);
  });

  it('loads the demo document the portal ships', () => {
    const text = readFileSync(
      new URL('../../../public/workflows/azureml-demo.arazzo.yaml', import.meta.url),
      'utf8',
    );
    const result = loadArazzo(text, 'workflows/azureml-demo.arazzo.yaml');
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('names the place and the line of a schema problem', () => {
    const text = VALID.replace('      - stepId: order\n', '      - stepid: order\n');
    expect(errorsOf(text)).toEqual([
      {
        pointer: '/workflows/0/steps/1',
        message: 'workflow "adopt", steps[1]: "stepId" is required here',
        line: 31,
      },
      {
        pointer: '/workflows/0/steps/1/stepid',
        message:
          'workflow "adopt", steps[1], stepid: "stepid" is not a field of this Arazzo object (only x- extensions may be added)',
        line: 31,
      },
    ]);
  });

  it('says what is wrong with a version, a source name, a criterion type and a retry', () => {
    const text = VALID.replace('arazzo: 1.0.1', 'arazzo: 2.0.0')
      .replace('name: petstore', 'name: pet store')
      .replace(
        '- condition: $statusCode == 200',
        '- condition: $statusCode == 200\n            type: sql',
      )
      .replace('retryAfter: 1', 'retryAfter: -1');
    expect(errorsOf(text).map((e) => e.message)).toEqual([
      'arazzo: Portico reads Arazzo 1.0.x: "arazzo" must be like "1.0.1"',
      'source "pet store", name: a source name may hold only letters, digits, "_" and "-"',
      'workflow "adopt", step "find", successCriteria[0], type: is none of the forms Arazzo allows here',
      'workflow "adopt", step "find", onFailure[0], retryAfter: -1 is less than 0',
    ]);
  });

  it('checks references the schema cannot see, naming the step', () => {
    const text = VALID.replace('type: retry', 'type: goto\n            stepId: nowhere')
      .replace('operationId: placeOrder', 'operationId: placeOrder\n        workflowId: adopt')
      .replace('value: $inputs.petId', 'value: $input.petId')
      .replace("note: 'pet {$steps.find.outputs.status}'", "note: 'pet {$steps.find}'")
      .replace('status: $steps.find.outputs.status', 'status: $response.body.status')
      .replace(
        '    steps:\n      - stepId: find',
        '    dependsOn: [missing]\n    steps:\n      - stepId: find',
      );
    expect(errorsOf(text).map((e) => `${e.pointer} | ${e.message}`)).toEqual([
      '/workflows/0/dependsOn/0 | workflow "adopt", dependsOn[0]: there is no workflow "missing" to depend on',
      expect.stringContaining(
        '/workflows/0/steps/0/parameters/0/value | workflow "adopt", step "find", parameters[0], value: "$input.petId" is not a runtime expression',
      ),
      '/workflows/0/steps/0/onFailure/0/stepId | workflow "adopt", step "find", onFailure[0], stepId: there is no step "nowhere" in workflow "adopt"',
      '/workflows/0/steps/1 | workflow "adopt", step "order": a step names one of operationId, operationPath or workflowId, not operationId and workflowId',
      expect.stringContaining(
        '/workflows/0/steps/1/requestBody/payload/note | workflow "adopt", step "order", requestBody, payload, note: "$steps.find" is not a runtime expression: a step is read as',
      ),
      expect.stringContaining(
        '/workflows/0/outputs/status | workflow "adopt", outputs, status: "$response.body.status" is not a runtime expression',
      ),
    ]);
  });

  it('finds duplicate ids and a regex or jsonpath criterion without context', () => {
    const text = VALID.replace('stepId: order', 'stepId: find').replace(
      '- condition: $statusCode == 200',
      "- condition: '^2'\n            type: regex",
    );
    expect(errorsOf(text).map((e) => e.message)).toEqual(
      [
        'workflow "adopt", step "find", successCriteria[0]: a regex criterion needs a "context" (e.g. $response.body)',
        'workflow "adopt", step "find", stepId: the stepId "find" is used twice',
      ].reverse(),
    );
  });

  it('reports YAML syntax with its line, an empty text, and an OpenAPI file given by mistake', () => {
    expect(errorsOf('arazzo: 1.0.1\ninfo: [\n')[0]).toMatchObject({
      pointer: '',
      message: expect.stringMatching(/^Not valid YAML or JSON at line \d+, column \d+/),
    });
    expect(errorsOf('  \n')[0]?.message).toBe('The Arazzo document is empty');
    expect(errorsOf('openapi: 3.0.3\ninfo: {title: x, version: 1}\npaths: {}\n')[0]?.message).toBe(
      'This is an OpenAPI definition, not an Arazzo document: add it as an API instead',
    );
  });
});

describe('describePlace', () => {
  it('names workflows, steps and sources by their ids and other items by index', () => {
    const doc = {
      workflows: [{ workflowId: 'w', steps: [{ stepId: 's', parameters: [{}, {}] }] }],
    };
    expect(describePlace(doc, '/workflows/0/steps/0/parameters/1/value')).toBe(
      'workflow "w", step "s", parameters[1], value',
    );
    expect(describePlace(doc, '')).toBe('the document');
  });
});
