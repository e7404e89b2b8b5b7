import { describe, expect, it } from 'vitest';
import type { EndpointError } from './endpoint-errors';
import {
  HASHING_DEPLOYMENTS,
  HASHING_INPUT_EXAMPLE,
  readInputData,
  scoreHashing,
} from './hashing-model';

const [blue, green] = HASHING_DEPLOYMENTS as [
  (typeof HASHING_DEPLOYMENTS)[number],
  (typeof HASHING_DEPLOYMENTS)[number],
];

function refusal(body: unknown): EndpointError {
  try {
    scoreHashing(readInputData(body), blue);
  } catch (error) {
    return error as EndpointError;
  }
  throw new Error('not refused');
}

describe('the hashing model in the MLflow split shape', () => {
  it("scores the tutorial's row as the classic service does (bitsize 3), keeping the input columns", () => {
    const answer = scoreHashing(
      readInputData({
        input_data: { columns: ['Col1', 'Col2'], index: [0], data: [['1', 'This is a good day']] },
      }),
      blue,
    );
    expect(answer).toEqual({
      columns: ['Col1', 'Col2', ...Array.from({ length: 8 }, (_, i) => `Col2_HashingFeature.${i}`)],
      index: [0],
      data: [['1', 'This is a good day', 1, 1, 2, 2, 0, 2, 0, 1]],
    });
  });

  it('green is model version 2: 16 features', () => {
    const answer = scoreHashing(readInputData(HASHING_INPUT_EXAMPLE), green);
    expect(answer.columns).toHaveLength(2 + 16);
    expect(answer.index).toEqual([0, 1]);
    expect(answer.data[0]).toEqual([
      '1',
      'This is a good day',
      1,
      1,
      1,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      1,
      2,
      0,
      2,
      0,
      1,
    ]);
  });

  it('numbers the rows when index is left out', () => {
    const frame = readInputData({ input_data: { columns: ['Col2'], data: [['a'], ['b']] } });
    expect(frame.index).toEqual([0, 1]);
  });

  it.each([
    [{ data: [] }, 'The request body must be a JSON object with "input_data"'],
    [{ input_data: [[1, 2]] }, 'this model takes no tensor input'],
    [{ input_data: { columns: 'Col2', data: [] } }, 'input_data.columns must be an array'],
    [
      { input_data: { columns: ['Col2'], data: [['a', 'b']] } },
      'input_data.data[0] has 2 values but input_data.columns names 1',
    ],
    [
      { input_data: { columns: ['Col2'], index: [0, 1], data: [['a']] } },
      'input_data.index must list one label',
    ],
    [
      { input_data: { columns: ['Col1'], data: [['a']] } },
      'input_data.columns must include "Col2"',
    ],
    [
      { input_data: { columns: ['Col2'], data: [[5]] } },
      'input_data.data[0][0] (Col2) must be a string.',
    ],
  ])('refuses %j as the model would: 424 with the model status 400', (body, message) => {
    const error = refusal(body);
    expect(error.status).toBe(424);
    expect(error.headers).toEqual({
      'ms-azureml-model-error-statuscode': '400',
      'ms-azureml-model-error-reason': 'model_error',
    });
    expect(error.message).toContain(message);
  });
});
