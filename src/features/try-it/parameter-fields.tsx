import type { UseFormReturn } from 'react-hook-form';
import type { ApiParameter } from '../../core/definition/api-model';
import { ParameterField } from './parameter-field';
import type { TryItFormValues } from './try-it-values';

/** A parameter with its position in the form's params, which follows the whole list. */
export interface IndexedParameter {
  parameter: ApiParameter;
  index: number;
}

export interface ParameterFieldsProps {
  entries: IndexedParameter[];
  form: UseFormReturn<TryItFormValues>;
  idPrefix: string;
  /** Offered in jobid fields; undefined where a job id makes no sense (headers, cookies). */
  jobIds: string[] | undefined;
}

/** A grid of parameter fields; shared by the Parameters and the Headers groups. */
export function ParameterFields({ entries, form, idPrefix, jobIds }: ParameterFieldsProps) {
  const errors = form.formState.errors.params;
  return (
    <div className="try-it__grid">
      {entries.map(({ parameter: p, index: i }) => (
        <ParameterField
          key={`${p.in}:${p.name}`}
          parameter={p}
          index={i}
          idPrefix={idPrefix}
          register={form.register}
          error={errors?.[i]?.value?.message}
          jobIds={jobIds && p.name.toLowerCase() === 'jobid' ? jobIds : undefined}
          onUseJobId={(v) => form.setValue(`params.${i}.value`, v, { shouldValidate: true })}
        />
      ))}
    </div>
  );
}
