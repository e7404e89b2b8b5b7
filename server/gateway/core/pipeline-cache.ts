import { composePipeline, type PolicyPipeline } from '../policies/policy-engine';
import type { Catalog } from './catalog';

/**
 * The composed policies of each product, API and operation, built on first use and dropped
 * whenever the catalog changes, so a call pays for no XML and no composition.
 */
export class PipelineCache {
  private readonly pipelines = new Map<string, PolicyPipeline>();

  constructor(private readonly catalog: Catalog) {
    catalog.onChange(() => this.pipelines.clear());
  }

  get(
    productId: string | undefined,
    apiId: string,
    operationId: string | undefined,
  ): PolicyPipeline {
    const key = `${productId ?? ''}\n${apiId}\n${operationId ?? ''}`;
    let pipeline = this.pipelines.get(key);
    if (!pipeline) {
      const { catalog } = this;
      pipeline = composePipeline({
        global: catalog.policy({ kind: 'global' })?.parsed,
        product: productId ? catalog.policy({ kind: 'product', productId })?.parsed : undefined,
        api: catalog.policy({ kind: 'api', apiId })?.parsed,
        operation: operationId
          ? catalog.policy({ kind: 'operation', apiId, operationId })?.parsed
          : undefined,
      });
      this.pipelines.set(key, pipeline);
    }
    return pipeline;
  }
}
