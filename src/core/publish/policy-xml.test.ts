import { describe, expect, it } from 'vitest';
import {
  hasMockResponse,
  limitsFromPolicy,
  policyWithLimits,
  policyWithMockResponse,
} from './policy-xml';

// Starter's policy as the gateway answers it (APIM's serialization).
const STARTER = [
  '<!-- Starter: 5 calls a minute, 100 a week -->',
  '<policies>',
  '  <inbound>',
  '    <rate-limit calls="5" renewal-period="60" />',
  '    <quota calls="100" renewal-period="604800" />',
  '    <base />',
  '  </inbound>',
  '  <backend>',
  '    <base />',
  '  </backend>',
  '</policies>',
].join('\r\n');

describe('product limits and policy XML', () => {
  it("reads Starter's limits", () => {
    expect(limitsFromPolicy(STARTER)).toEqual({
      rateLimit: { calls: 5, renewalPeriod: 60 },
      quota: { calls: 100, renewalPeriod: 604_800 },
    });
    expect(limitsFromPolicy('')).toEqual({});
  });

  it('writes 2 calls per 60 s into the document, keeping its comment, quota and order', () => {
    expect(
      policyWithLimits(STARTER, {
        rateLimit: { calls: 2, renewalPeriod: 60 },
        quota: { calls: 100, renewalPeriod: 604_800 },
      }),
    ).toBe(
      [
        '<!-- Starter: 5 calls a minute, 100 a week -->',
        '<policies>',
        '  <inbound>',
        '    <rate-limit calls="2" renewal-period="60" />',
        '    <quota calls="100" renewal-period="604800" />',
        '    <base />',
        '  </inbound>',
        '  <backend>',
        '    <base />',
        '  </backend>',
        '</policies>',
      ].join('\n'),
    );
  });

  it('removes a limit left empty and adds one to a document without limits', () => {
    const noQuota = policyWithLimits(STARTER, { rateLimit: { calls: 5, renewalPeriod: 60 } });
    expect(limitsFromPolicy(noQuota)).toEqual({ rateLimit: { calls: 5, renewalPeriod: 60 } });
    expect(
      policyWithLimits('', {
        rateLimit: { calls: 10, renewalPeriod: 30 },
        quota: { calls: 1000, renewalPeriod: 86_400 },
      }),
    ).toBe(
      [
        '<policies>',
        '  <inbound>',
        '    <rate-limit calls="10" renewal-period="30" />',
        '    <quota calls="1000" renewal-period="86400" />',
        '    <base />',
        '  </inbound>',
        '  <backend>',
        '    <base />',
        '  </backend>',
        '  <outbound>',
        '    <base />',
        '  </outbound>',
        '  <on-error>',
        '    <base />',
        '  </on-error>',
        '</policies>',
      ].join('\n'),
    );
  });

  it('round-trips: the limits read from the written document are the ones written', () => {
    const limits = {
      rateLimit: { calls: 7, renewalPeriod: 120 },
      quota: { calls: 3, renewalPeriod: 3600 },
    };
    expect(limitsFromPolicy(policyWithLimits(STARTER, limits))).toEqual(limits);
  });
});

describe('mock-response', () => {
  it('turns it on after <base /> and off again', () => {
    const on = policyWithMockResponse('', true);
    expect(on).toContain(
      '  <inbound>\n    <base />\n    <mock-response status-code="200" content-type="application/json" />\n  </inbound>',
    );
    expect(hasMockResponse(on)).toBe(true);
    expect(policyWithMockResponse(on, true)).toBe(on);
    const off = policyWithMockResponse(on, false);
    expect(hasMockResponse(off)).toBe(false);
    expect(off).toContain('  <inbound>\n    <base />\n  </inbound>');
  });
});
