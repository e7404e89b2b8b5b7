import { Link, useLocation } from 'wouter';
import { setupNeeded } from '../core/config/first-run';
import type { Environment } from '../core/config/portal-config';
import { paths } from './api-paths';
import './first-run-notice.css';

/** Says what is missing before the active environment can send, until it no longer is. */
export function FirstRunNotice({ environment }: { environment: Environment | undefined }) {
  const [location] = useLocation();
  const needed = setupNeeded(environment);
  if (needed === undefined) return null;
  return (
    <aside className="first-run" aria-label="Getting started">
      <p className="first-run__title">Set up an environment to send requests</p>
      <p>
        {needed} {location !== paths.settings && <Link href={paths.settings}>Open Settings</Link>}
      </p>
    </aside>
  );
}
