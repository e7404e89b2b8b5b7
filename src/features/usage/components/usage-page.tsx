import { useId, useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Environment } from '../../../core/config/portal-config';
import { armTokenStore, isArmManagementUrl } from '../../../core/apim/arm-token-store';
import {
  bearerSource,
  developerSource,
  localPublisherSource,
  type ReportsSource,
} from '../../../core/apim/reports-source';
import { usageKeys, usageQueries, USAGE_REFRESH_MS } from '../api/usage-queries';
import { usageSeries, type RangeChoice } from '../api/usage-range';
import { RangePicker } from './range-picker';
import { ArmTokenForm } from '../../../components/arm-token-form';
import { ErrorMessage } from '../../../components/error-message';
import { BreakdownTable, CallsByIntervalTable, LatestRequests } from './usage-tables';
import { lazyModule } from '../../../core/util/lazy-module';
import { useLazyModule } from '../../../hooks/use-lazy-module';
import '../usage.css';

// uPlot is loaded only with the charts, but as soon as this view's module is: the chunk then
// downloads while the first reports are fetched, instead of after they have rendered.
// Rendered as soon as it has arrived (React.lazy would hold it back up to 300 ms).
const chartsModule = lazyModule(() => import('./usage-charts'));
chartsModule.preload();

function Pending({ what }: { what: string }) {
  return (
    <p className="usage-pending" role="status">
      Loading {what}…
    </p>
  );
}

export interface UsagePageProps {
  environment: Environment | undefined;
  /** The portal route of an operation, from APIM names (`azureml-demo`, `RRS_Execute`). */
  operationHref: (apiName: string, operationName: string) => string;
}

/** Usage analytics of the active environment's API Management: charts, tables, latest calls. */
export function UsagePage({ environment, operationHref }: UsagePageProps) {
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<'mine' | 'everything'>('mine');
  const [choice, setChoice] = useState<RangeChoice>({ preset: '1h' });
  const managementUrl = environment?.apim?.managementUrl;
  const arm = isArmManagementUrl(managementUrl);
  const [token, setToken] = useState(() =>
    arm && managementUrl ? armTokenStore.read(managementUrl) : '',
  );

  const consumer = environment ? developerSource(environment) : undefined;
  const publisher = environment ? localPublisherSource(environment) : undefined;
  const source: ReportsSource | undefined = useMemo(() => {
    if (arm && managementUrl) return token ? bearerSource(managementUrl, token) : undefined;
    if (mode === 'everything' && publisher) return publisher;
    return consumer;
  }, [arm, managementUrl, token, mode, publisher, consumer]);

  const saveToken = (value: string) => {
    if (!managementUrl) return;
    armTokenStore.write(managementUrl, value);
    setToken(value);
    void queryClient.removeQueries({ queryKey: usageKeys.all });
  };

  return (
    <section className="usage-page" aria-labelledby="usage-title">
      <header className="usage-page__header">
        <h1 id="usage-title">Usage</h1>
        <p className="muted">
          {source?.scope === 'everything'
            ? 'Every call through the gateway, from every subscription.'
            : "Calls made with this environment's subscription key."}{' '}
          Refreshed every {USAGE_REFRESH_MS / 1000} seconds; times in your local time.
        </p>
      </header>
      {consumer && publisher && !arm && (
        <div role="radiogroup" aria-label="Whose calls" className="usage-mode">
          <label>
            <input
              type="radio"
              name="usage-mode"
              checked={mode === 'mine'}
              onChange={() => setMode('mine')}
            />
            My subscription
          </label>
          <label>
            <input
              type="radio"
              name="usage-mode"
              checked={mode === 'everything'}
              onChange={() => setMode('everything')}
            />
            Everything (publisher, local demo)
          </label>
        </div>
      )}
      {arm && (
        <ArmTokenForm hasToken={Boolean(token)} onToken={saveToken}>
          This environment&apos;s reports come from Azure Resource Manager.
        </ArmTokenForm>
      )}
      {!source ? (
        <NoSource environment={environment} arm={arm} />
      ) : (
        <>
          <RangePicker choice={choice} onChange={setChoice} />
          <UsageReports
            key={source.id}
            source={source}
            choice={choice}
            operationHref={operationHref}
          />
        </>
      )}
    </section>
  );
}

function NoSource({ environment, arm }: { environment: Environment | undefined; arm: boolean }) {
  if (arm)
    return (
      <p className="usage-empty">
        Paste a token above to read this API Management instance&apos;s reports.
      </p>
    );
  return (
    <div className="usage-empty">
      <h2>No usage to show for {environment ? `“${environment.name}”` : 'this environment'}</h2>
      <p>
        Usage comes from API Management. Choose an environment that goes through the local gateway
        with a subscription key (Local demo), or one whose <code>apim.managementUrl</code> is an
        Azure Resource Manager URL.
      </p>
    </div>
  );
}

function UsageReports({
  source,
  choice,
  operationHref,
}: {
  source: ReportsSource;
  choice: RangeChoice;
  operationHref: UsagePageProps['operationHref'];
}) {
  const tableId = useId();
  const charts = useLazyModule(chartsModule);
  const byTime = useQuery(usageQueries.byTime(source, choice));
  const byOperation = useQuery(usageQueries.byOperation(source, choice));
  const bySubscription = useQuery(usageQueries.bySubscription(source, choice));
  const latest = useQuery(usageQueries.latestRequests(source, choice));
  const subscriptionNames = useQuery(usageQueries.subscriptionNames(source)).data;
  const series = useMemo(
    () => (byTime.data ? usageSeries(byTime.data.value, byTime.data.range) : undefined),
    [byTime.data],
  );
  const total = byTime.data?.value.reduce((sum, r) => sum + (r.callCountTotal ?? 0), 0) ?? 0;

  if (byTime.isError && !byTime.data) return <ErrorMessage error={byTime.error} />;
  if (!byTime.data || !series) return <Pending what="usage" />;
  return (
    <div className="usage-reports" aria-busy={byTime.isPlaceholderData}>
      <p className="usage-summary" aria-live="polite">
        {byTime.isPlaceholderData
          ? 'Updating…'
          : `${total.toLocaleString()} call${total === 1 ? '' : 's'} from ${new Date(byTime.data.range.from).toLocaleString()} to ${new Date(byTime.data.range.to).toLocaleString()}`}
      </p>
      {byTime.isError && <ErrorMessage error={byTime.error} />}
      {total === 0 ? (
        <div className="usage-empty">
          <h2>No calls in this range</h2>
          <p>
            Send a call from an operation page, or choose a longer range. This view refreshes by
            itself.
          </p>
        </div>
      ) : (
        <>
          {charts ? (
            <charts.UsageCharts
              series={series}
              intervalMs={byTime.data.range.intervalMs}
              tableId={tableId}
            />
          ) : (
            <Pending what="the charts" />
          )}
          <CallsByIntervalTable id={tableId} series={series} />
        </>
      )}
      <h2>By operation and subscription</h2>
      {byOperation.isError ? (
        <ErrorMessage error={byOperation.error} />
      ) : byOperation.data ? (
        <BreakdownTable
          title="Calls by operation"
          nameHeader="Operation"
          records={byOperation.data.value}
          emptyName="(no operation matched)"
        />
      ) : (
        <Pending what="calls by operation" />
      )}
      {bySubscription.isError ? (
        <ErrorMessage error={bySubscription.error} />
      ) : bySubscription.data ? (
        <BreakdownTable
          title="Calls by subscription"
          nameHeader="Subscription"
          records={bySubscription.data.value}
          emptyName="(no valid key)"
          names={subscriptionNames}
        />
      ) : (
        <Pending what="calls by subscription" />
      )}
      <h2>Latest requests</h2>
      {latest.isError ? (
        <ErrorMessage error={latest.error} />
      ) : latest.data ? (
        latest.data.value.length > 0 ? (
          <LatestRequests
            records={latest.data.value}
            operationHref={operationHref}
            subscriptionNames={subscriptionNames}
          />
        ) : (
          <p className="muted">No requests in this range.</p>
        )
      ) : (
        <Pending what="the latest requests" />
      )}
    </div>
  );
}
