import { useState } from 'react';
import type { HttpRequest } from '../../core/request/build-request';
import { CodeSamples } from './code-samples';

/**
 * Collapsed by default: samples are generated only while open, not on every key stroke. The
 * request is the console's own object, the one Send sends.
 */
export function CodeSamplesSection({ request }: { request: HttpRequest | undefined }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="try-it__samples" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="try-it__samples-summary">Code samples</summary>
      {open && request && <CodeSamples request={request} />}
      {open && !request && <p className="muted">Choose an environment to see code samples.</p>}
    </details>
  );
}
