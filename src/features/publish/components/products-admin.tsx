import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { describeLimit } from '../../../core/apim/apim-contracts';
import type { ManagementTarget } from '../../../core/publish/management-request';
import { productToForm } from '../../../core/publish/publish-contracts';
import { publishQueries } from '../../../queries/publish-queries';
import { useLinkProductApi } from '../api/publish-mutations';
import { publishPaths } from '../publish-paths';
import { LimitsForm } from './limits-form';
import { MutationError } from './mutation-error';
import { PolicyEditor } from './policy-editor';
import { ProductForm } from './product-form';

/** Every product, published or not, with Create product. */
export function ProductsAdmin({ target }: { target: ManagementTarget }) {
  const uid = useId();
  const [, navigate] = useLocation();
  const [adding, setAdding] = useState(false);
  const products = useQuery(publishQueries.products(target));
  return (
    <section className="publish-section" aria-labelledby={`${uid}-title`}>
      <div className="publish-section__head">
        <h2 id={`${uid}-title`}>Products</h2>
        <button
          type="button"
          className="button button--primary"
          aria-expanded={adding}
          onClick={() => setAdding(!adding)}
        >
          Create product
        </button>
      </div>
      {adding && (
        <div className="card publish-card">
          <ProductForm
            target={target}
            onSaved={(id) => navigate(publishPaths.product(id))}
            onCancel={() => setAdding(false)}
          />
        </div>
      )}
      {products.isPending && <p role="status">Loading the products…</p>}
      {products.isError && <MutationError error={products.error} />}
      {products.data && (
        <table className="publish-table">
          <caption className="visually-hidden">Products</caption>
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col">Rate limit</th>
              <th scope="col">Quota</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {products.data.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link href={publishPaths.product(p.id)}>{p.displayName}</Link>
                </td>
                <td>{p.rateLimit ? describeLimit(p.rateLimit) : 'None'}</td>
                <td>{p.quota ? describeLimit(p.quota) : 'None'}</td>
                <td>{p.state === 'published' ? 'Published' : 'Not published'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** One product: its settings, its APIs (add, remove), its limits and its policy XML. */
export function ProductDetail({
  target,
  productId,
}: {
  target: ManagementTarget;
  productId: string;
}) {
  const uid = useId();
  const product = useQuery(publishQueries.product(target, productId));
  const linked = useQuery(publishQueries.productApis(target, productId));
  const all = useQuery(publishQueries.apis(target));
  const link = useLinkProductApi(target, productId);
  const [toAdd, setToAdd] = useState('');
  if (product.isPending) return <p role="status">Loading the product…</p>;
  if (product.isError) return <MutationError error={product.error} />;
  const linkedIds = new Set(linked.data?.map((a) => a.id));
  const addable = all.data?.filter((a) => !linkedIds.has(a.id)) ?? [];
  return (
    <>
      <section className="publish-section" aria-labelledby={`${uid}-title`}>
        <p className="publish-back">
          <Link href={publishPaths.products}>← Products</Link>
        </p>
        <h2 id={`${uid}-title`}>{product.data.value.displayName}</h2>
        <ProductForm
          key={productId}
          target={target}
          editing={{
            productId,
            values: productToForm(product.data.value),
            etag: product.data.etag,
          }}
          onSaved={() => undefined}
          onReload={() => void product.refetch()}
        />
      </section>
      <section className="publish-section" aria-labelledby={`${uid}-apis`}>
        <h2 id={`${uid}-apis`}>APIs in this product</h2>
        {linked.isError && <MutationError error={linked.error} />}
        {linked.data && linked.data.length === 0 && <p>No APIs yet.</p>}
        {linked.data && linked.data.length > 0 && (
          <ul className="publish-operations" aria-label="APIs in this product">
            {linked.data.map((api) => (
              <li key={api.id}>
                <Link href={publishPaths.api(api.id)}>{api.displayName}</Link>{' '}
                <code className="muted">/{api.path}</code>{' '}
                <button
                  type="button"
                  className="button button--ghost button--small"
                  disabled={link.isPending}
                  onClick={() => link.mutate({ apiId: api.id, linked: false })}
                >
                  Remove {api.displayName}
                </button>
              </li>
            ))}
          </ul>
        )}
        <form
          className="publish-form__row"
          aria-label="Add an API to this product"
          onSubmit={(e) => {
            e.preventDefault();
            if (toAdd)
              link.mutate({ apiId: toAdd, linked: true }, { onSuccess: () => setToAdd('') });
          }}
        >
          <div className="field">
            <label className="field__label" htmlFor={`${uid}-add`}>
              API to add
            </label>
            <select
              id={`${uid}-add`}
              className="input"
              value={toAdd}
              onChange={(e) => setToAdd(e.target.value)}
            >
              <option value="">Choose an API…</option>
              {addable.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.displayName}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button" disabled={!toAdd || link.isPending}>
            Add API
          </button>
        </form>
        {link.isError && <MutationError error={link.error} />}
      </section>
      <section className="publish-section" aria-labelledby={`${uid}-limits`}>
        <h2 id={`${uid}-limits`}>Limits</h2>
        <LimitsForm target={target} productId={productId} />
      </section>
      <PolicyEditor target={target} scope={{ kind: 'product', productId }} title="Product policy" />
    </>
  );
}
