import { describe, expect, it } from 'vitest';
import type { PolicyCall } from './policy-call';
import {
  ExpressionEvaluationError,
  parseConditionExpression,
  parseStringExpression,
} from './policy-expressions';

const call: PolicyCall = {
  requestId: 'req-9',
  method: 'GET',
  path: '/',
  query: '',
  headers: { 'x-tenant': 'contoso', 'x-multi': ['a', 'b'] },
  ipAddress: '192.0.2.7',
  api: { id: 'api-1', serviceUrl: 'http://localhost' },
  operation: { id: 'op-1', method: 'GET', urlTemplate: '/', responses: [] },
  subscription: { id: 'sub-1', key: 'secret', startDate: 0 },
  product: { id: 'starter' },
  user: { id: 'user-1' },
};

describe('parseStringExpression', () => {
  it.each([
    ['@(context.Subscription.Id)', 'sub-1'],
    ['@(context.Subscription.Key)', 'secret'],
    ['@( context.Request.IpAddress )', '192.0.2.7'],
    ['@(context.Request.Headers.GetValueOrDefault("X-Tenant", "none"))', 'contoso'],
    ['@(context.Request.Headers.GetValueOrDefault("X-Absent", "n\\"o"))', 'n"o'],
    ['@(context.Request.Headers.GetValueOrDefault("X-Multi", ""))', 'a,b'],
    ['@(context.Api.Id)', 'api-1'],
    ['@(context.Operation.Id)', 'op-1'],
    ['@(context.Product.Id)', 'starter'],
    ['@(context.User.Id)', 'user-1'],
    ['@(context.RequestId)', 'req-9'],
    ['@(context.RequestId.ToString())', 'req-9'],
  ])('%s', (source, value) => {
    expect(parseStringExpression(source).evaluate(call)).toBe(value);
  });

  it('refuses anything else, naming the expression', () => {
    for (const source of [
      '@(context.Request.Url.Path)',
      '@(context.Request.Headers.GetValueOrDefault("a"))',
      '@(context.Api.Id + "x")',
      '@(System.IO.File.ReadAllText("/etc/passwd"))',
      '@(context.Subscription.Id.ToString())',
      '@{ return "a"; }',
      '@(context.Api.Id) trailing',
    ]) {
      expect(() => parseStringExpression(source)).toThrow(source.slice(0, 12));
    }
  });

  it('fails at call time on a member of an absent object, as C# would', () => {
    const expression = parseStringExpression('@(context.User.Id)');
    expect(() => expression.evaluate({ ...call, user: undefined })).toThrow(
      ExpressionEvaluationError,
    );
  });
});

describe('parseConditionExpression', () => {
  it('compares the status code with integers, joined with &&', () => {
    const ok = parseConditionExpression(
      '@(context.Response.StatusCode >= 200 && context.Response.StatusCode < 300)',
    );
    expect([199, 200, 299, 300].map((statusCode) => ok.test({ statusCode }))).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect(
      parseConditionExpression('@(context.Response.StatusCode != 429)').test({ statusCode: 429 }),
    ).toBe(false);
    expect(
      parseConditionExpression('@(context.Response.StatusCode == 200)').test({ statusCode: 200 }),
    ).toBe(true);
  });

  it('refuses other conditions', () => {
    for (const source of [
      '@(context.Response.StatusCode == "200")',
      '@(context.Response.StatusCode >= 200 || true)',
      '@(200 == context.Response.StatusCode)',
      '@(context.Request.IpAddress == 1)',
    ]) {
      expect(() => parseConditionExpression(source)).toThrow(/Unsupported/);
    }
  });
});
