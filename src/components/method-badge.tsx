import type { HttpMethod } from '../core/definition/api-model';
import './method-badge.css';

const KNOWN = new Set(['get', 'post', 'put', 'patch', 'delete']);

export function MethodBadge({ method, size = 'md' }: { method: HttpMethod; size?: 'sm' | 'md' }) {
  const tone = KNOWN.has(method) ? method : 'other';
  return (
    <span className={`method-badge method-badge--${tone} method-badge--${size}`}>
      {method.toUpperCase()}
    </span>
  );
}
