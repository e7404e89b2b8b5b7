import { describe, expect, it } from 'vitest';
import { placeholderName } from '../request/code-samples';
import type { HttpRequest } from '../request/http-request';
import {
  JOB_ID_SLOT,
  pythonWorkflowScript,
  shellWorkflowScript,
  type WorkflowScriptInput,
} from './batch-workflow-script';

const service = 'http://127.0.0.1:8790/workspaces/demo-workspace/services/simple-feature-hashing';
const auth = {
  name: 'Authorization',
  value: 'Bearer real-azureml-key',
  secret: true,
  schemeId: 'azureml',
};
const request = (method: string, url: string, body?: string): HttpRequest => ({
  method,
  url,
  headers:
    body === undefined ? [auth] : [auth, { name: 'Content-Type', value: 'application/json' }],
  ...(body === undefined ? {} : { body }),
});

const input: WorkflowScriptInput = {
  submit: request('POST', `${service}/jobs?api-version=2.0`, '{}'),
  start: request('POST', `${service}/jobs/${JOB_ID_SLOT}/start?api-version=2.0`),
  status: request('GET', `${service}/jobs/${JOB_ID_SLOT}?api-version=2.0`),
  accountUrl: 'http://127.0.0.1:10000/devstoreaccount1/',
  container: 'batch',
  inputBlob: 'input.csv',
  outputBlob: 'output.csv',
  variableFor: placeholderName,
};

describe('pythonWorkflowScript', () => {
  it('writes the whole workflow with keys and the SAS read from the environment', () => {
    const script = pythonWorkflowScript(input);
    expect(script).toMatchSnapshot();
    expect(script).not.toContain('real-azureml-key');
  });
});

describe('shellWorkflowScript', () => {
  it('writes the whole workflow with keys and the SAS read from the environment', () => {
    const script = shellWorkflowScript(input);
    expect(script).toMatchSnapshot();
    expect(script).not.toContain('real-azureml-key');
  });
});
