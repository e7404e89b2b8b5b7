import type {
  ApiMediaContent,
  ApiOperation,
  ApiParameter,
  ApiResponse,
} from '../../core/definition/api-model';
import { CodeBlock } from '../../components/code-block';
import { CopyButton } from '../../components/copy-button';
import { InlineText } from '../../components/inline-text';
import { Markdown } from '../../components/markdown';
import { MethodBadge } from '../../components/method-badge';
import { describeType, SchemaTree } from '../../components/schema-tree';
import { joinUrl } from '../../core/request/url-parts';
import './operation-docs.css';

/** Path with its {placeholders} set apart, so the template reads at a glance. */
function TemplatedPath({ path }: { path: string }) {
  const parts = path.split(/(\{[^}]+\})/g);
  return (
    <>
      {parts.map((part, i) =>
        part.startsWith('{') ? (
          <span key={i} className="url-template__param">
            {part}
          </span>
        ) : (
          part
        ),
      )}
    </>
  );
}

export function OperationHeader({
  operation,
  baseUrl,
}: {
  operation: ApiOperation;
  baseUrl: string | undefined;
}) {
  const template = baseUrl ? joinUrl(baseUrl, operation.path) : operation.path;
  return (
    <header className="op-header">
      <div className="op-header__meta">
        {operation.tags.map((t) => (
          <span key={t} className="op-header__tag">
            {t}
          </span>
        ))}
        {operation.operationId && (
          <code className="op-header__id" title="operationId">
            {operation.operationId}
          </code>
        )}
        {operation.deprecated && <span className="pill pill--warning">Deprecated</span>}
      </div>
      <h1 className="op-header__title">{operation.summary}</h1>
      {operation.webhook ? (
        <div className="url-template">
          <MethodBadge method={operation.method} />
          <span className="pill">Webhook</span>
          <code className="url-template__text" aria-label="Webhook name">
            {operation.path}
          </code>
        </div>
      ) : (
        <div className="url-template">
          <MethodBadge method={operation.method} />
          <code className="url-template__text" aria-label="URL template">
            {baseUrl && <span className="url-template__base">{baseUrl.replace(/\/+$/, '')}</span>}
            <TemplatedPath
              path={operation.path.startsWith('/') ? operation.path : `/${operation.path}`}
            />
          </code>
          <CopyButton text={template} label="Copy URL" />
        </div>
      )}
      {operation.webhook && (
        <p className="op-header__webhook">
          The API sends this request to your server when the event happens: the payload below is
          what it sends, the responses what your server should answer.
        </p>
      )}
      {operation.description && (
        <Markdown text={operation.description} className="op-header__description" />
      )}
    </header>
  );
}

function formatDefault(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function ParametersTable({ parameters }: { parameters: ApiParameter[] }) {
  return (
    // Beside the console the table may scroll sideways: focusable, so a keyboard can scroll it.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Parameters table">
      <table className="data-table params-table">
        <caption className="visually-hidden">Parameters</caption>
        <thead>
          <tr>
            <th scope="col">In</th>
            <th scope="col">Name</th>
            <th scope="col">Required</th>
            <th scope="col">Type</th>
            <th scope="col">Default</th>
            <th scope="col">Description</th>
          </tr>
        </thead>
        <tbody>
          {parameters.map((p) => (
            <tr key={`${p.in}:${p.name}`}>
              <td>
                <span className="pill">{p.in}</span>
              </td>
              <td>
                <code className="params-table__name">{p.name}</code>
                {p.deprecated && <span className="pill pill--warning">deprecated</span>}
              </td>
              <td>{p.required ? <span className="params-table__required">yes</span> : 'no'}</td>
              <td>
                <code className="params-table__type">
                  {p.schema ? describeType(p.schema) : 'string'}
                </code>
              </td>
              <td>{p.default !== undefined && <code>{formatDefault(p.default)}</code>}</td>
              <td className="params-table__description">
                {p.description && <InlineText text={p.description} />}
                {p.example !== undefined && p.example !== p.default && (
                  <span className="params-table__example">
                    Example: <code>{formatDefault(p.example)}</code>
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function exampleText(value: unknown): string {
  return typeof value === 'string' && !value.trim().startsWith('{')
    ? JSON.stringify(value)
    : typeof value === 'string'
      ? value
      : JSON.stringify(value, null, 2);
}

function MediaContent({ content, idPrefix }: { content: ApiMediaContent; idPrefix: string }) {
  return (
    <div className="media">
      <p className="media__type">
        Content type <code>{content.contentType}</code>
      </p>
      {content.schema && (
        <div className="media__block">
          <h3 className="media__heading">Schema</h3>
          <SchemaTree schema={content.schema} label={`${idPrefix} schema`} />
        </div>
      )}
      {content.examples.map((ex) => (
        <div className="media__block" key={ex.name}>
          <h3 className="media__heading">
            Example{content.examples.length > 1 ? `: ${ex.summary ?? ex.name}` : ''}
          </h3>
          <CodeBlock
            code={exampleText(ex.value)}
            language="json"
            label={`${idPrefix} example ${ex.name}`}
          />
        </div>
      ))}
    </div>
  );
}

function statusTone(status: string): string {
  const c = status.charAt(0);
  if (c === '2') return 'success';
  if (c === '4' || c === '5') return 'danger';
  if (c === '3') return 'info';
  return 'neutral';
}

function ResponseItem({ response, open }: { response: ApiResponse; open: boolean }) {
  return (
    <details className="response-doc" open={open}>
      <summary className="response-doc__summary">
        <span className={`status-pill status-pill--${statusTone(response.status)}`}>
          {response.status}
        </span>
        <span className="response-doc__description">
          {response.description && <InlineText text={response.description} />}
        </span>
      </summary>
      <div className="response-doc__body">
        {response.headers.length > 0 && (
          <div className="media__block">
            <h3 className="media__heading">Headers</h3>
            <ul className="response-doc__headers">
              {response.headers.map((h) => (
                <li key={h.name}>
                  <code>{h.name}</code>
                  {h.schema && <span className="muted"> {describeType(h.schema)}</span>}
                  {h.description && (
                    <span className="muted">
                      {' '}
                      · <InlineText text={h.description} />
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </div>
        )}
        {response.content.length === 0 && <p className="muted">No content.</p>}
        {response.content.map((c) => (
          <MediaContent key={c.contentType} content={c} idPrefix={`Status ${response.status}`} />
        ))}
      </div>
    </details>
  );
}

/** Everything the definition says about an operation: parameters, body, responses. */
export function OperationReference({ operation }: { operation: ApiOperation }) {
  const firstSuccess = operation.responses.find((r) => r.status.startsWith('2'));
  return (
    <div className="op-reference">
      {(!operation.webhook || operation.parameters.length > 0) && (
        <section className="doc-section">
          <h2 className="doc-section__title">Parameters</h2>
          {operation.parameters.length ? (
            <ParametersTable parameters={operation.parameters} />
          ) : (
            <p className="muted">This operation takes no parameters.</p>
          )}
        </section>
      )}
      {operation.requestBody && (
        <section className="doc-section">
          <h2 className="doc-section__title">
            {operation.webhook ? 'Payload' : 'Request body'}
            {operation.requestBody.required && (
              <span className="params-table__required"> required</span>
            )}
          </h2>
          {operation.requestBody.description && (
            <Markdown text={operation.requestBody.description} />
          )}
          {operation.requestBody.content.map((c) => (
            <MediaContent key={c.contentType} content={c} idPrefix="Body" />
          ))}
        </section>
      )}
      <section className="doc-section">
        <h2 className="doc-section__title">
          {operation.webhook ? 'Responses your server should give' : 'Responses'}
        </h2>
        {operation.responses.length === 0 && <p className="muted">No responses documented.</p>}
        {operation.responses.map((r) => (
          <ResponseItem key={r.status} response={r} open={r === firstSuccess} />
        ))}
      </section>
    </div>
  );
}
