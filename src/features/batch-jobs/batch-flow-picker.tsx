import { useId } from 'react';
import type { Environment } from '../../core/config/portal-config';
import { lazyModule } from '../../core/util/lazy-module';
import { useLazyModule } from '../../hooks/use-lazy-module';

export type BatchFlow = 'bes' | 'endpoint';

// Its own chunk: the classic flow (and the first page) do not pay for it.
const endpointFlow = lazyModule(() => import('./batch-endpoint-flow'));

/** Which service scores the file: the tutorial's classic BES, or today's batch endpoint. */
export function BatchFlowPicker({
  value,
  onChange,
}: {
  value: BatchFlow;
  onChange: (flow: BatchFlow) => void;
}) {
  const name = useId();
  const option = (flow: BatchFlow, label: string, hint: string) => (
    <label className="batch-flow__option">
      <input
        type="radio"
        name={name}
        checked={value === flow}
        onChange={() => onChange(flow)}
        onFocus={flow === 'endpoint' ? endpointFlow.preload : undefined}
      />
      <span>
        {label} <span className="batch-muted">{hint}</span>
      </span>
    </label>
  );
  return (
    <fieldset className="batch-flow">
      <legend>Service</legend>
      {option('bes', 'Classic web service (BES)', 'the tutorial’s Batch Execution Service')}
      {option('endpoint', 'Batch endpoint', 'Azure Machine Learning today, with an Entra ID token')}
    </fieldset>
  );
}

export function LazyBatchEndpointFlow({ environment }: { environment: Environment }) {
  const loaded = useLazyModule(endpointFlow);
  return loaded ? (
    <loaded.BatchEndpointFlow environment={environment} />
  ) : (
    <p className="batch-muted">Loading the batch endpoint flow…</p>
  );
}
