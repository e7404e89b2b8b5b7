// @vitest-environment happy-dom
import { act, renderHook } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { useForm } from 'react-hook-form';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Environment } from '../../core/config/portal-config';
import type { ApiDefinition, ApiOperation } from '../../core/definition/api-model';
import { loadDefinition } from '../../core/definition/load-definition';
import { initialValues, type TryItFormValues } from './try-it-values';
import { useFormRequest } from './use-form-request';

const environment: Environment = {
  id: 'local',
  name: 'Local',
  baseUrl: 'http://127.0.0.1:8790',
  credentials: { azureml: 'secret-key' },
};

describe('useFormRequest: the one request object of the console', () => {
  let api: ApiDefinition;
  let operation: ApiOperation;

  beforeAll(async () => {
    const text = readFileSync(resolve('public/apis/azureml-demo.openapi.json'), 'utf8');
    api = await loadDefinition({ text, fileName: 'demo.json' }, { id: 'azureml-demo' });
    const found = api.operations.find((o) => o.operationId === 'RRS_Execute');
    if (!found) throw new Error('the demo definition has RRS Execute');
    operation = found;
  });

  function renderFormRequest() {
    return renderHook(() => {
      const form = useForm<TryItFormValues>({
        defaultValues: initialValues(operation, undefined, '{"a":1}'),
      });
      const current = useFormRequest({
        control: form.control,
        api,
        operation,
        environment,
        contentType: 'application/json',
      });
      return { form, current };
    });
  }

  it('builds what the form holds now, body and custom headers included, keys unmasked', () => {
    const { result } = renderFormRequest();
    const workspace = operation.parameters.findIndex((p) => p.name === 'workspace');
    act(() => {
      result.current.form.setValue(`params.${workspace}.value`, 'my ws');
      result.current.form.setValue('customHeaders', [{ name: 'X-Trace', value: '1' }]);
    });
    const request = result.current.current.request;
    expect(request?.url).toMatch(/^http:\/\/127\.0\.0\.1:8790\/workspaces\/my%20ws\/services\//);
    expect(request?.body).toBe('{"a":1}');
    expect(request?.headers).toContainEqual({ name: 'X-Trace', value: '1' });
    expect(request?.headers.find((h) => h.name === 'Authorization')?.value).toBe(
      'Bearer secret-key',
    );
    expect(result.current.current.values.customHeaders).toEqual([{ name: 'X-Trace', value: '1' }]);
  });

  it('hands out the same object until the form changes: preview, samples and Send share it', () => {
    const { result, rerender } = renderFormRequest();
    const first = result.current.current.request;
    rerender();
    expect(result.current.current.request).toBe(first);
    act(() => result.current.form.setValue('body', '{"a":2}'));
    expect(result.current.current.request).not.toBe(first);
    expect(result.current.current.request?.body).toBe('{"a":2}');
  });

  it('is undefined without an environment (nothing to send to)', () => {
    const { result } = renderHook(() => {
      const form = useForm<TryItFormValues>({
        defaultValues: initialValues(operation, undefined, ''),
      });
      return useFormRequest({
        control: form.control,
        api,
        operation,
        environment: undefined,
        contentType: undefined,
      });
    });
    expect(result.current.request).toBeUndefined();
  });
});
