import { useDeferredValue } from 'react';
import { Link } from 'wouter';
import type { ApiCatalog, ApiOperationSummary } from '../../core/definition/api-model';
import { groupByTag } from '../../core/definition/group-by-tag';
import { baseUrlPlaceholder } from '../../core/request/base-url-placeholder';
import { Markdown } from '../../components/markdown';
import { MethodBadge } from '../../components/method-badge';
import './overview-page.css';

const SPEC_LABEL: Record<ApiCatalog['specVersion'], string> = {
  'swagger-2.0': 'Swagger 2.0',
  'openapi-3.0': 'OpenAPI 3.0',
  'openapi-3.1': 'OpenAPI 3.1',
};

// A tag with hundreds of operations would make a card a wall; the sidebar has the full list.
const OPS_PER_CARD = 6;
// Likewise an API with hundreds of tags: the first cards give the idea, and building hundreds
// would hold up the page while a large definition loads.
const TAG_CARDS = 24;

export function OverviewPage({
  api,
  batchHref,
  operationHref,
  serverInUse,
}: {
  api: ApiCatalog;
  /** The active environment of this API: where its calls actually go. */
  serverInUse?: { name: string; baseUrl: string } | undefined;
  /** Where the "Batch jobs" view lives, when this API has the BES operations. */
  batchHref: string | undefined;
  operationHref: (op: ApiOperationSummary) => string;
}) {
  // The cards are built in a render of their own, after the first one has painted the page
  // and the sidebar's list: with 10,000 operations, grouping them and building the cards would
  // otherwise hold up the whole first screen.
  const cardsFor = useDeferredValue<ApiCatalog | undefined>(api, undefined);
  const groups = cardsFor ? groupByTag(cardsFor.operations, cardsFor.tags) : [];
  // Webhooks are calls to the consumer: counted apart, and not what "Try" starts with.
  const webhookCount = api.operations.reduce((n, op) => (op.webhook ? n + 1 : n), 0);
  const first = api.operations.find((op) => !op.webhook) ?? api.operations[0];
  return (
    <article className="overview">
      <header className="overview__hero">
        <p className="overview__eyebrow">API overview</p>
        <h1 className="overview__title">{api.title}</h1>
        <dl className="overview__facts">
          <div>
            <dt>Version</dt>
            <dd>{api.version}</dd>
          </div>
          <div>
            <dt>Definition</dt>
            <dd>{SPEC_LABEL[api.specVersion]}</dd>
          </div>
          <div>
            <dt>Operations</dt>
            <dd>{api.operations.length - webhookCount}</dd>
          </div>
          {webhookCount > 0 && (
            <div>
              <dt>Webhooks</dt>
              <dd>{webhookCount}</dd>
            </div>
          )}
          {(serverInUse || api.servers.length > 0) && (
            <div className="overview__servers">
              <dt>Servers</dt>
              <dd>
                <dl className="overview__server-list">
                  {serverInUse && (
                    <div>
                      <dt>In use</dt>
                      <dd>
                        <code>{serverInUse.baseUrl}</code>{' '}
                        <span className="overview__server-env">
                          ({serverInUse.name}, <a href="#/settings">change</a>)
                        </span>
                        {baseUrlPlaceholder(serverInUse.baseUrl) && (
                          <span className="overview__server-env">
                            {' '}
                            still a placeholder: put in your own address in Settings
                          </span>
                        )}
                      </dd>
                    </div>
                  )}
                  {api.servers.length > 0 && (
                    <div>
                      <dt>Declared by the definition</dt>
                      <dd>
                        <ul>
                          {api.servers.map((s) => (
                            <li key={s}>
                              <code>{s}</code>
                            </li>
                          ))}
                        </ul>
                      </dd>
                    </div>
                  )}
                </dl>
              </dd>
            </div>
          )}
        </dl>
        <div className="overview__actions">
          {first && (
            <Link href={operationHref(first)} className="button button--primary">
              {first.webhook ? 'Open' : 'Try'} {first.summary}
            </Link>
          )}
          {/* Another API is added in Settings, from a URL or a file. */}
          <a href="#/settings" className="button button--ghost">
            Add an API
          </a>
        </div>
      </header>

      <div className="overview__grid">
        {groups.slice(0, TAG_CARDS).map((g) => (
          <section key={g.tag} className="card overview__card">
            <h2 className="overview__card-title">{g.tag}</h2>
            {g.description && <p className="overview__card-text">{g.description}</p>}
            <ul className="overview__ops">
              {g.operations.slice(0, OPS_PER_CARD).map((op) => (
                <li key={op.slug}>
                  <Link href={operationHref(op)} className="overview__op">
                    <MethodBadge method={op.method} size="sm" />
                    <span>{op.summary}</span>
                  </Link>
                </li>
              ))}
            </ul>
            {g.operations.length > OPS_PER_CARD && (
              <p className="overview__more muted">
                and {g.operations.length - OPS_PER_CARD} more in the sidebar
              </p>
            )}
          </section>
        ))}
        {groups.length > TAG_CARDS && (
          <p className="overview__more muted">
            and {groups.length - TAG_CARDS} more tags in the sidebar
          </p>
        )}
        {batchHref && (
          <section className="card overview__card overview__card--feature">
            <h2 className="overview__card-title">Batch jobs</h2>
            <p className="overview__card-text">
              Upload a CSV, submit and start a batch job, watch it run and download the results,
              with every HTTP call shown.
            </p>
            {/* Not named "Batch jobs": the sidebar holds that one link, which tests rely on. */}
            <Link href={batchHref} className="button">
              Open the batch view
            </Link>
          </section>
        )}
      </div>

      {api.description && (
        <section className="overview__description card">
          <Markdown text={api.description} />
        </section>
      )}

      {api.warnings && api.warnings.length > 0 && (
        <details className="overview__warnings">
          <summary>
            The definition loaded with {api.warnings.length} warning
            {api.warnings.length === 1 ? '' : 's'}
          </summary>
          <ul>
            {api.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </details>
      )}
    </article>
  );
}
