import type { PolicyCall } from './policy-call';
import { ExpressionEvaluationError } from './policy-expressions';
import type { XmlElement } from './policy-xml';
import type { ElementCompiler } from './validate-jwt';

/**
 * APIM's rewrite-uri: the path sent to the backend, from a template whose `{name}` parts are the
 * operation's URL template parameters. The local gateway supports a path template (no query part,
 * no expressions); `copy-unmatched-params` (default true) keeps the call's query string.
 */
export interface RewriteUriStep {
  kind: 'rewrite-uri';
  template: string;
  copyUnmatchedParams: boolean;
}

const TEMPLATE = /^\/[^?#{}]*(\{[A-Za-z0-9_-]+\}[^?#{}]*)*$/;

export function compileRewriteUri(compiler: ElementCompiler, element: XmlElement): RewriteUriStep {
  const path = 'rewrite-uri';
  const attributes = compiler.reader(element, path);
  const template = attributes.literal('template', true).trim();
  const copyUnmatchedParams = attributes.boolean('copy-unmatched-params') ?? true;
  attributes.done();
  if (compiler.elements(element, path).length > 0)
    compiler.fail('<rewrite-uri> takes no child elements.', element, path);
  if (template.includes('?'))
    compiler.fail(
      `rewrite-uri/@template '${template}': a query part is not supported by the local gateway; copy-unmatched-params keeps the call's query.`,
      element,
      `${path}/@template`,
      'template',
    );
  if (!TEMPLATE.test(template))
    compiler.fail(
      `rewrite-uri/@template '${template}' must be a path beginning with /, with {parameter} names of the operation's URL template.`,
      element,
      `${path}/@template`,
      'template',
    );
  return { kind: 'rewrite-uri', template, copyUnmatchedParams };
}

/** The backend path (below the base URL) and query for this call. */
export function rewriteUri(
  step: RewriteUriStep,
  call: PolicyCall,
): { path: string; query: string } {
  const values = new Map<string, string>();
  const templateSegments = (call.operation.urlTemplate.split('?')[0] ?? '').split('/');
  const pathSegments = call.path.split('/');
  templateSegments.forEach((segment, i) => {
    const name = /^\{([^}]+)\}$/.exec(segment)?.[1];
    if (name) values.set(name, pathSegments[i] ?? '');
  });
  const path = step.template.replace(/\{([A-Za-z0-9_-]+)\}/g, (_whole, name: string) => {
    const value = values.get(name);
    if (value === undefined)
      throw new ExpressionEvaluationError(
        `rewrite-uri: {${name}} is not a parameter of the operation's URL template ${call.operation.urlTemplate}.`,
      );
    return value;
  });
  return { path, query: step.copyUnmatchedParams ? call.query : '' };
}
