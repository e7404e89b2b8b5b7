import { useId, useState } from 'react';
import { CopyButton } from '../../../components/copy-button';

const MASK = '•'.repeat(24);

export interface SubscriptionKeyProps {
  label: string;
  value: string;
  /** The environment that sends this key now, if one does. */
  inUseBy?: string;
  /** "Use this key in <environment>"; absent when there is no environment to put it in. */
  useIn?: { environmentName: string; onUse: () => void };
  onRegenerate?: () => void;
  regenerating?: boolean;
}

/** One subscription key: masked until shown, with copy, regenerate and "use this key". */
export function SubscriptionKey({
  label,
  value,
  inUseBy,
  useIn,
  onRegenerate,
  regenerating = false,
}: SubscriptionKeyProps) {
  const id = useId();
  const [shown, setShown] = useState(false);
  return (
    <div className="apim-key" role="group" aria-labelledby={`${id}-label`}>
      <span id={`${id}-label`} className="apim-key__label">
        {label}
        {inUseBy && <span className="pill pill--accent apim-key__in-use">In use in {inUseBy}</span>}
      </span>
      <code id={`${id}-value`} className="apim-key__value" aria-label={`${label} value`}>
        {shown ? value : MASK}
      </code>
      <span className="apim-key__actions">
        <button
          type="button"
          className="button button--ghost button--small"
          aria-pressed={shown}
          aria-controls={`${id}-value`}
          aria-label={`Show ${label.toLowerCase()}`}
          onClick={() => setShown((s) => !s)}
        >
          {shown ? 'Hide' : 'Show'}
        </button>
        <CopyButton text={value} label={`Copy ${label.toLowerCase()}`} />
        {onRegenerate && (
          <button
            type="button"
            className="button button--ghost button--small"
            disabled={regenerating}
            onClick={onRegenerate}
          >
            {regenerating ? 'Regenerating…' : `Regenerate ${label.toLowerCase()}`}
          </button>
        )}
        {useIn && !inUseBy && (
          <button type="button" className="button button--small" onClick={useIn.onUse}>
            Use {label.toLowerCase()} in {useIn.environmentName}
          </button>
        )}
      </span>
    </div>
  );
}
