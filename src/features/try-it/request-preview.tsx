import { useMemo } from 'react';
import { redactRequest, type HttpRequest } from '../../core/request/build-request';

/** The URL the form would call right now, secrets masked: path templating made visible. */
export function RequestPreview({ request }: { request: HttpRequest }) {
  const shown = useMemo(() => redactRequest(request), [request]);
  return (
    <p className="try-it__preview">
      <span className="try-it__preview-label">Will call</span>
      <code className="try-it__preview-url">
        <span className="try-it__preview-method">{shown.method}</span> {shown.url}
      </code>
    </p>
  );
}
