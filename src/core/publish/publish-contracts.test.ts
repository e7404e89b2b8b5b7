import { describe, expect, it } from 'vitest';
import {
  apiFormToContract,
  apiToForm,
  idFromName,
  operationFormToContract,
  operationToForm,
  parseAdminProduct,
  parseApiList,
  parseOperation,
  parseOperationList,
  productFormToContract,
  productToForm,
} from './publish-contracts';

const RRS_TEMPLATE =
  '/workspaces/{workspace}/services/{service}/execute?api-version={apiversion}&details={details}';

describe('APIs', () => {
  it("maps the tutorial's Add API fields to the contract, and back", () => {
    const values = {
      displayName: ' AzureML Demo API 2 ',
      description: '',
      serviceUrl: 'http://127.0.0.1:8790',
      path: '/azureml-demo-2/',
      scheme: 'both' as const,
      products: ['starter'],
    };
    expect(apiFormToContract(values)).toEqual({
      properties: {
        displayName: 'AzureML Demo API 2',
        serviceUrl: 'http://127.0.0.1:8790',
        path: 'azureml-demo-2',
        protocols: ['http', 'https'],
      },
    });
    expect(
      apiFormToContract({ ...values, serviceUrl: ' ', scheme: 'https', description: 'Mocked' }),
    ).toEqual({
      properties: {
        displayName: 'AzureML Demo API 2',
        description: 'Mocked',
        path: 'azureml-demo-2',
        protocols: ['https'],
      },
    });
    const [api] = parseApiList([
      {
        name: 'azureml-demo-2',
        properties: {
          displayName: 'AzureML Demo API 2',
          serviceUrl: 'http://127.0.0.1:8790',
          path: 'azureml-demo-2',
          protocols: ['https', 'http'],
          isCurrent: true,
        },
      },
      { name: 'old-rev', properties: { displayName: 'Old', path: 'x', isCurrent: false } },
    ]);
    expect(api && apiToForm(api, ['starter'])).toEqual({
      displayName: 'AzureML Demo API 2',
      description: '',
      serviceUrl: 'http://127.0.0.1:8790',
      path: 'azureml-demo-2',
      scheme: 'both',
      products: ['starter'],
    });
  });

  it('makes ids APIM accepts from names', () => {
    expect(idFromName('AzureML Demo API 2')).toBe('azureml-demo-api-2');
    expect(idFromName('RRS Execute')).toBe('rrs-execute');
    expect(idFromName('  Ünïcode / API  ')).toBe('unicode-api');
    expect(idFromName('***')).toBe('api');
  });

  it('names the field of an answer that is not an API', () => {
    expect(() => parseApiList([{ name: 'x' }])).toThrow(
      'The API list (value[0]) answer is not what API Management sends: "properties" must be an object.',
    );
  });
});

describe('operations', () => {
  it("maps RRS Execute with the tutorial's template and a 200 response to the contract", () => {
    expect(
      operationFormToContract({
        displayName: 'RRS Execute',
        method: 'post',
        urlTemplate: RRS_TEMPLATE,
        description: '',
        responses: [
          {
            statusCode: '200',
            description: 'OK',
            contentType: 'application/json',
            example: '{"ok":true}',
          },
          { statusCode: '', description: '', contentType: '', example: '' },
        ],
      }),
    ).toEqual({
      properties: {
        displayName: 'RRS Execute',
        method: 'POST',
        urlTemplate: RRS_TEMPLATE,
        description: '',
        templateParameters: ['workspace', 'service', 'apiversion', 'details'].map((name) => ({
          name,
          type: 'string',
          required: true,
          values: [],
        })),
        responses: [
          {
            statusCode: 200,
            description: 'OK',
            representations: [
              { contentType: 'application/json', examples: { default: { value: { ok: true } } } },
            ],
            headers: [],
          },
        ],
      },
    });
  });

  it('keeps what the form does not show, and the types of parameters the operation had', () => {
    const previous = {
      displayName: 'Get',
      method: 'GET',
      urlTemplate: '/users/{id}',
      request: { queryParameters: [] },
      templateParameters: [{ name: 'id', type: 'integer', required: true, description: 'User' }],
    };
    const contract = operationFormToContract(
      {
        displayName: 'Get user',
        method: 'GET',
        urlTemplate: '/users/{id}/{part}',
        description: 'Reads',
        responses: [{ statusCode: '204', description: 'None', contentType: '', example: '' }],
      },
      previous,
    );
    expect(contract.properties).toEqual({
      displayName: 'Get user',
      method: 'GET',
      urlTemplate: '/users/{id}/{part}',
      description: 'Reads',
      request: { queryParameters: [] },
      templateParameters: [
        { name: 'id', type: 'integer', required: true, description: 'User' },
        { name: 'part', type: 'string', required: true, values: [] },
      ],
      responses: [{ statusCode: 204, description: 'None', representations: [], headers: [] }],
    });
  });

  it('reads an operation into the form, and the list with where each came from', () => {
    const operation = parseOperation({
      name: 'rrs-execute',
      properties: {
        displayName: 'RRS Execute',
        method: 'POST',
        urlTemplate: RRS_TEMPLATE,
        'x-portico-origin': 'manual',
        responses: [
          {
            statusCode: 200,
            description: 'OK',
            representations: [
              { contentType: 'application/json', examples: { default: { value: { a: 1 } } } },
            ],
          },
        ],
      },
    });
    expect(operation.origin).toBe('manual');
    expect(operation.properties).not.toHaveProperty('x-portico-origin');
    expect(operationToForm(operation)).toEqual({
      displayName: 'RRS Execute',
      method: 'POST',
      urlTemplate: RRS_TEMPLATE,
      description: '',
      responses: [
        {
          statusCode: '200',
          description: 'OK',
          contentType: 'application/json',
          example: '{\n  "a": 1\n}',
        },
      ],
    });
    expect(
      parseOperationList([
        {
          name: 'a',
          properties: {
            displayName: 'A',
            method: 'get',
            urlTemplate: '/a',
            'x-portico-origin': 'imported',
          },
        },
        { name: 'b', properties: { displayName: 'B', method: 'POST', urlTemplate: '/b' } },
      ]),
    ).toEqual([
      { id: 'a', displayName: 'A', method: 'GET', urlTemplate: '/a', origin: 'imported' },
      { id: 'b', displayName: 'B', method: 'POST', urlTemplate: '/b' },
    ]);
  });
});

describe('products', () => {
  it('maps the product form to the contract and reads it back', () => {
    const values = {
      displayName: 'Gold',
      description: 'For partners',
      terms: 'Be nice',
      approvalRequired: true,
      subscriptionsLimit: '3',
      published: false,
    };
    expect(productFormToContract(values)).toEqual({
      properties: {
        displayName: 'Gold',
        description: 'For partners',
        terms: 'Be nice',
        subscriptionRequired: true,
        approvalRequired: true,
        subscriptionsLimit: 3,
        state: 'notPublished',
      },
    });
    expect(productFormToContract({ ...values, subscriptionsLimit: '' }).properties).toMatchObject({
      subscriptionsLimit: null,
    });
    const product = parseAdminProduct({ name: 'gold', ...productFormToContract(values) });
    expect(productToForm(product)).toEqual(values);
  });
});
