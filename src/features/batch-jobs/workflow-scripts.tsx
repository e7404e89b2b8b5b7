import { useMutation } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import {
  JOB_ID_SLOT,
  pythonWorkflowScript,
  shellWorkflowScript,
  STORAGE_SAS_VARIABLE,
} from '../../core/batch/batch-workflow-script';
import { parseContainerSasUrl } from '../../core/batch/batch-sas-url';
import { besRequest, requestDemoSas, type BesContext } from '../../core/batch/bes-calls';
import { placeholderName } from '../../core/request/code-samples';
import { CodeBlock } from '../../components/code-block';
import { downloadBytes } from '../../components/download-file';
import { ErrorMessage } from '../../components/error-message';
import './workflow-scripts.css';

type ScriptKind = 'python' | 'shell';

const FILE_NAMES: Record<ScriptKind, string> = {
  python: 'batch_workflow.py',
  shell: 'batch_workflow.sh',
};

/** Where the script reads its input and writes its output. */
interface ScriptStorage {
  accountUrl: string;
  container: string;
  inputBlob: string;
  outputBlob: string;
}

const FIELDS: Array<{ name: keyof ScriptStorage; label: string }> = [
  { name: 'accountUrl', label: 'Script: storage account URL' },
  { name: 'container', label: 'Script: container' },
  { name: 'inputBlob', label: 'Script: blob to read' },
  { name: 'outputBlob', label: 'Script: blob to write' },
];

/**
 * The whole workflow of this page as one script to run elsewhere (a scheduled task, a CI job):
 * built in core from the same BES requests this page sends, with the keys and the SAS left as
 * environment variables.
 */
export function WorkflowScripts({ context }: { context: BesContext }) {
  const uid = useId();
  const [kind, setKind] = useState<ScriptKind>('python');
  const form = useForm<ScriptStorage>({
    defaultValues: {
      accountUrl: 'https://<account>.blob.core.windows.net/',
      container: '<container>',
      inputBlob: 'input.csv',
      outputBlob: 'output.csv',
    },
  });
  const storage = useWatch({ control: form.control });
  const sasEndpoint = context.environment.storage?.sasEndpoint;

  const script = useMemo(() => {
    const accountUrl = storage.accountUrl ?? '';
    const input = {
      submit: besRequest(context, 'submit', undefined, '{}'),
      start: besRequest(context, 'start', JOB_ID_SLOT),
      status: besRequest(context, 'status', JOB_ID_SLOT),
      accountUrl: accountUrl.endsWith('/') ? accountUrl : `${accountUrl}/`,
      container: storage.container ?? '',
      inputBlob: storage.inputBlob ?? '',
      outputBlob: storage.outputBlob ?? '',
      variableFor: placeholderName,
    };
    return kind === 'python' ? pythonWorkflowScript(input) : shellWorkflowScript(input);
  }, [context, kind, storage]);

  // The demo's SAS names its account and container; the token itself stays out of the script.
  const demoStorage = useMutation({
    mutationFn: async () => {
      const sas = await requestDemoSas(context.environment, () => undefined);
      const check = parseContainerSasUrl(sas.containerUrl, new Date());
      if (!check.ok) throw new Error(check.message);
      return check.sas;
    },
    onSuccess: (sas) => {
      form.setValue('accountUrl', sas.accountUrl);
      form.setValue('container', sas.container);
    },
  });

  return (
    <details className="batch-card workflow-scripts">
      <summary className="batch-card__title">Run this workflow as a script</summary>
      <p className="batch-muted">
        Upload, submit, start, poll with backoff and download, in one file. Keys and the container
        SAS are read from environment variables: nothing secret is written into the script.
      </p>
      <div className="workflow-scripts__fields">
        {FIELDS.map(({ name, label }) => (
          <label key={name} className="field">
            <span className="field__label">{label}</span>
            <input className="input input--mono" spellCheck={false} {...form.register(name)} />
          </label>
        ))}
      </div>
      {sasEndpoint !== undefined && (
        <p>
          <button
            type="button"
            className="button button--small"
            disabled={demoStorage.isPending}
            onClick={() => demoStorage.mutate()}
          >
            Use the demo storage
          </button>
        </p>
      )}
      {demoStorage.isSuccess && (
        <p className="batch-muted" role="status">
          Filled in the demo storage. Set {STORAGE_SAS_VARIABLE} to a SAS for it (the demo hands one
          out at POST {sasEndpoint}).
        </p>
      )}
      {demoStorage.isError && (
        <ErrorMessage error={demoStorage.error} title="The demo storage could not be read" />
      )}
      <div className="segmented" role="radiogroup" aria-label="Script language" id={`${uid}-kind`}>
        {(['python', 'shell'] as const).map((k) => (
          <button
            key={k}
            type="button"
            role="radio"
            aria-checked={kind === k}
            className="segmented__tab"
            onClick={() => setKind(k)}
          >
            {k === 'python' ? 'Python' : 'Shell (curl)'}
          </button>
        ))}
      </div>
      <CodeBlock
        code={script}
        language={kind === 'shell' ? 'shell' : 'text'}
        label={kind === 'python' ? 'Python workflow script' : 'Shell workflow script'}
      />
      <button
        type="button"
        className="button button--small"
        onClick={() =>
          downloadBytes(new TextEncoder().encode(script), FILE_NAMES[kind], 'text/plain')
        }
      >
        Download {FILE_NAMES[kind]}
      </button>
    </details>
  );
}
