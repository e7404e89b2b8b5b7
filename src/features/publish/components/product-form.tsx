import { useId } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { ManagementTarget } from '../../../core/publish/management-request';
import {
  emptyProductForm,
  idFromName,
  type ProductFormValues,
} from '../../../core/publish/publish-contracts';
import { useSaveProduct } from '../api/publish-mutations';
import { FormField } from './form-field';
import { EntityFormActions, useRefusalAtField } from './entity-form-parts';

/** Create or edit a product: name, description, terms, approval, subscription limit. */
export function ProductForm({
  target,
  editing,
  onSaved,
  onCancel,
  onReload,
}: {
  target: ManagementTarget;
  editing?: { productId: string; values: ProductFormValues; etag: string | undefined };
  onSaved: (productId: string) => void;
  onCancel?: () => void;
  onReload?: () => void;
}) {
  const uid = useId();
  const save = useSaveProduct(target);
  const { register, control, handleSubmit, formState, setError } = useForm<ProductFormValues>({
    defaultValues: editing?.values ?? emptyProductForm(),
  });
  const { errors } = formState;
  useRefusalAtField(save.error, setError);
  const name = useWatch({ control, name: 'displayName' });
  const productId = editing?.productId ?? idFromName(name);
  const submit = handleSubmit((values) =>
    save.mutate(
      { productId, values, ...(editing ? { etag: editing.etag ?? '*' } : {}) },
      { onSuccess: () => onSaved(productId) },
    ),
  );
  return (
    <form
      className="publish-form"
      aria-label={editing ? 'Edit product' : 'Create product'}
      noValidate
      onSubmit={(e) => void submit(e)}
    >
      <FormField id={`${uid}-name`} label="Display name" error={errors.displayName?.message}>
        {(c) => (
          <input
            className="input"
            {...c}
            {...register('displayName', {
              validate: (v) => v.trim() !== '' || 'Name the product, e.g. Gold.',
            })}
          />
        )}
      </FormField>
      <FormField id={`${uid}-description`} label="Description" error={errors.description?.message}>
        {(c) => <textarea className="input" rows={2} {...c} {...register('description')} />}
      </FormField>
      <FormField id={`${uid}-terms`} label="Legal terms" error={errors.terms?.message}>
        {(c) => <textarea className="input" rows={2} {...c} {...register('terms')} />}
      </FormField>
      <label className="checkbox">
        <input type="checkbox" {...register('approvalRequired')} />
        Requires approval (an administrator approves each subscription)
      </label>
      <FormField
        id={`${uid}-limit`}
        label="Subscription count limit"
        hint="How many subscriptions one user may have; empty for no limit."
        error={errors.subscriptionsLimit?.message}
      >
        {(c) => (
          <input
            className="input"
            inputMode="numeric"
            {...c}
            {...register('subscriptionsLimit', {
              validate: (v) =>
                v.trim() === '' ||
                /^\d+$/.test(v.trim()) ||
                'Type a whole number, or leave it empty.',
            })}
          />
        )}
      </FormField>
      <label className="checkbox">
        <input type="checkbox" {...register('published')} />
        Published (consumers see it and can subscribe)
      </label>
      <EntityFormActions
        save={save}
        editing={Boolean(editing)}
        onCancel={onCancel}
        onReload={onReload}
      />
    </form>
  );
}
