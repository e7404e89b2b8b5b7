import type { NewJobForm } from './new-job-values';

/** Step 1: which service's BES endpoints the job goes to. */
export function ServiceSection({ form }: { form: NewJobForm }) {
  return (
    <fieldset className="batch-step">
      <legend>1. Service</legend>
      <div className="batch-row">
        <label className="batch-field">
          <span>workspace</span>
          <input {...form.register('workspace')} spellCheck={false} />
        </label>
        <label className="batch-field">
          <span>service</span>
          <input {...form.register('service')} spellCheck={false} />
        </label>
      </div>
    </fieldset>
  );
}
