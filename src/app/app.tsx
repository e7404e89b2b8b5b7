import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { Router } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { ViewErrorBoundary } from '../components/view-error-boundary';
import { PortalProvider } from './portal-context';
import { AppRoutes } from './routes';
import { Shell } from './shell';

function Splash() {
  return (
    <div className="splash" role="status">
      Loading Portico…
    </div>
  );
}

export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <ViewErrorBoundary viewName="the portal">
      <QueryClientProvider client={queryClient}>
        {/* Hash routing: the build works from any sub-path of a static host. */}
        <Router hook={useHashLocation}>
          <PortalProvider loading={<Splash />}>
            <Shell>
              <AppRoutes />
            </Shell>
          </PortalProvider>
        </Router>
      </QueryClientProvider>
    </ViewErrorBoundary>
  );
}
