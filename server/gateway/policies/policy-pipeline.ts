import type { CorsPolicy } from './cors';
import type { PolicyScopeKind } from './policy-call';
import type { ParsedPolicy, PolicyStep, SectionName } from './policy-document';

/** A step of the effective pipeline, with the scope of the document it came from. */
export interface ScopedStep {
  scope: PolicyScopeKind;
  step: Exclude<PolicyStep, { kind: 'base' }>;
}

/** The effective pipeline of one call's four documents. Immutable: cache it by their identity. */
export interface PolicyPipeline {
  readonly inbound: readonly ScopedStep[];
  readonly backend: readonly ScopedStep[];
  readonly outbound: readonly ScopedStep[];
  readonly onError: readonly ScopedStep[];
  /** The cors policies of inbound, in order: a preflight runs these only. */
  readonly cors: readonly CorsPolicy[];
}

const SCOPES: readonly PolicyScopeKind[] = ['global', 'product', 'api', 'operation'];

/**
 * Composes the documents as APIM does: the narrowest document runs; `<base />` in a section
 * runs the next wider document's same section there; leaving it out drops the wider ones; a
 * scope without a document, or a document without the section, behaves as `<base />`.
 */
export function composePipeline(docs: {
  global?: ParsedPolicy;
  product?: ParsedPolicy;
  api?: ParsedPolicy;
  operation?: ParsedPolicy;
}): PolicyPipeline {
  const chain: ParsedPolicy[] = [];
  for (const scope of SCOPES) {
    const policy = docs[scope];
    if (!policy) continue;
    if (policy.scope !== scope)
      throw new Error(`A ${policy.scope}-scope document was given as the ${scope} document.`);
    chain.push(policy);
  }
  const section = (name: SectionName): ScopedStep[] => expand(chain, chain.length - 1, name);
  const inbound = section('inbound');
  return {
    inbound,
    backend: section('backend'),
    outbound: section('outbound'),
    onError: section('on-error'),
    cors: inbound.flatMap(({ step }) => (step.kind === 'cors' ? [step.cors] : [])),
  };
}

function expand(chain: readonly ParsedPolicy[], index: number, name: SectionName): ScopedStep[] {
  const policy = chain[index];
  if (!policy) return [];
  const steps = policy.sections[name];
  if (!steps) return expand(chain, index - 1, name);
  const out: ScopedStep[] = [];
  for (const step of steps) {
    if (step.kind === 'base') out.push(...expand(chain, index - 1, name));
    else out.push({ scope: policy.scope, step });
  }
  return out;
}
