/**
 * Reading and writing APIM policy documents for the Publish area's small forms (a product's
 * limits, an operation's mock-response), keeping everything else in the document as it was:
 * other policies, their order, comments. fast-xml-parser in its order-preserving form; this
 * module loads with the Publish area only.
 */
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import type { ProductLimit } from '../apim/apim-contracts';

const OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  commentPropName: '#comment',
  trimValues: true,
  parseAttributeValue: false,
  parseTagValue: false,
} as const;

/** One node of the order-preserving tree: `{ tag: children, ':@': attributes }`. */
type XmlNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const ATTRS = ':@';

function tagOf(node: XmlNode): string | undefined {
  return Object.keys(node).find((k) => k !== ATTRS);
}

function childrenOf(node: XmlNode): XmlNode[] {
  const tag = tagOf(node);
  const children = tag ? node[tag] : undefined;
  return Array.isArray(children) ? (children as XmlNode[]) : [];
}

function element(tag: string, attributes?: Record<string, string>, children: XmlNode[] = []) {
  return { [tag]: children, ...(attributes ? { [ATTRS]: attributes } : {}) } as XmlNode;
}

/** APIM's default document: every section runs the wider scope's. */
export const DEFAULT_POLICY = `<policies>
  <inbound>
    <base />
  </inbound>
  <backend>
    <base />
  </backend>
  <outbound>
    <base />
  </outbound>
  <on-error>
    <base />
  </on-error>
</policies>`;

function parse(xml: string): XmlNode[] {
  return new XMLParser(OPTIONS).parse(xml.trim() === '' ? DEFAULT_POLICY : xml) as XmlNode[];
}

function build(tree: XmlNode[]): string {
  const xml = new XMLBuilder({
    ...OPTIONS,
    format: true,
    indentBy: '  ',
    suppressEmptyNode: true,
  }).build(tree);
  // APIM writes an empty element with a space before "/>".
  return xml.trim().replace(/([^\s])\/>/g, '$1 />');
}

/** The `<inbound>` children of the document's `<policies>`, created when missing. */
function inboundOf(tree: XmlNode[]): XmlNode[] {
  let policies = tree.find((n) => tagOf(n) === 'policies');
  if (!policies) {
    policies = element('policies');
    tree.push(policies);
  }
  const sections = childrenOf(policies);
  if (!Array.isArray(policies.policies)) policies.policies = sections;
  let inbound = sections.find((n) => tagOf(n) === 'inbound');
  if (!inbound) {
    inbound = element('inbound', undefined, [element('base')]);
    sections.unshift(inbound);
  }
  if (!Array.isArray(inbound.inbound)) inbound.inbound = [];
  return inbound.inbound as XmlNode[];
}

function limitOf(node: XmlNode | undefined): ProductLimit | undefined {
  const a = node?.[ATTRS];
  const calls = Number(a?.calls);
  const renewalPeriod = Number(a?.['renewal-period']);
  return a && Number.isFinite(calls) && Number.isFinite(renewalPeriod)
    ? { calls, renewalPeriod }
    : undefined;
}

export interface PolicyLimits {
  rateLimit?: ProductLimit;
  quota?: ProductLimit;
}

/** The document's `rate-limit` and `quota` (per subscription), as a product's limits form shows them. */
export function limitsFromPolicy(xml: string): PolicyLimits {
  const inbound = inboundOf(parse(xml));
  const rateLimit = limitOf(inbound.find((n) => tagOf(n) === 'rate-limit'));
  const quota = limitOf(inbound.find((n) => tagOf(n) === 'quota'));
  return { ...(rateLimit ? { rateLimit } : {}), ...(quota ? { quota } : {}) };
}

function setLimit(inbound: XmlNode[], tag: string, limit: ProductLimit | undefined): void {
  const at = inbound.findIndex((n) => tagOf(n) === tag);
  if (!limit) {
    if (at >= 0) inbound.splice(at, 1);
    return;
  }
  const attributes = { calls: String(limit.calls), 'renewal-period': String(limit.renewalPeriod) };
  if (at >= 0) {
    const node = inbound[at] as XmlNode;
    node[ATTRS] = { ...node[ATTRS], ...attributes };
    return;
  }
  // As APIM's Starter has them: the limits first, rate-limit before quota, then <base />.
  const base = inbound.findIndex((n) => tagOf(n) === 'base');
  const rate = inbound.findIndex((n) => tagOf(n) === 'rate-limit');
  const position = tag === 'quota' && rate >= 0 ? rate + 1 : base >= 0 ? base : 0;
  inbound.splice(position, 0, element(tag, attributes));
}

/**
 * The document with its `rate-limit` and `quota` set to `limits` (one left out is removed), the
 * rest untouched; an empty document starts from APIM's default.
 */
export function policyWithLimits(xml: string, limits: PolicyLimits): string {
  const tree = parse(xml);
  const inbound = inboundOf(tree);
  setLimit(inbound, 'rate-limit', limits.rateLimit);
  setLimit(inbound, 'quota', limits.quota);
  return build(tree);
}

export function hasMockResponse(xml: string): boolean {
  return inboundOf(parse(xml)).some((n) => tagOf(n) === 'mock-response');
}

/**
 * The document with `<mock-response status-code="200" content-type="application/json" />` in
 * its inbound, after `<base />` so the wider scopes' limits still count the call, or without it.
 */
export function policyWithMockResponse(xml: string, on: boolean): string {
  const tree = parse(xml);
  const inbound = inboundOf(tree);
  const at = inbound.findIndex((n) => tagOf(n) === 'mock-response');
  if (!on && at >= 0) inbound.splice(at, 1);
  if (on && at < 0) {
    const base = inbound.findIndex((n) => tagOf(n) === 'base');
    inbound.splice(
      base >= 0 ? base + 1 : inbound.length,
      0,
      element('mock-response', { 'status-code': '200', 'content-type': 'application/json' }),
    );
  }
  return build(tree);
}
