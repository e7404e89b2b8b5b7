import { useId, useMemo, useState } from 'react';
import {
  JOB_ID_SLOT,
  pythonWorkflowScript,
  shellWorkflowScript,
  STORAGE_SAS_VARIABLE,
} from '../../core/batch/batch-workflow-script';
import { parseContainerSasUrl } from '../../core/batch/batch-sas-url';
import { placeholderName } from '../../core/request/code-samples';
import { CodeBlock } from '../../components/code-block';
import { downloadBytes } from '../../components/response/download-bytes';
import { besRequest, requestDemoSas, type BesContext } from './bes-calls';
import './workflow-scripts.css';

type ScriptKind = 'python' | 'shell';

const FILE_NAMES: Record<ScriptKind, string> = {
  python: 'batch_workflow.py',
  shell: 'batch_workflow.sh',
};

/**
 * The whole workflow of this page as one script to run elsewhere (a scheduled task, a CI job):
 * built in core from the same BES requests this page sends, with the keys and the SAS left as
 * environment variables.
 */
export function WorkflowScripts({ context }: { context: BesContext }) {
  const uid = useId();
  const [kind, setKind] = useState<ScriptKind>('python');
  const [accountUrl, setAccountUrl] = useState('https://<account>.blob.core.windows.net/');
  const [container, setContainer] = useState('<container>');
  const [inputBlob, setInputBlob] = useState('input.csv');
  const [outputBlob, setOutputBlob] = useState('output.csv');
  const [demoMessage, setDemoMessage] = useState<string | undefined>();
  const hasDemoStorage = context.environment.storage?.sasEndpoint !== undefined;

  const script = useMemo(() => {
    const input = {
      submit: besRequest(context, 'submit', undefined, '{}'),
      start: besRequest(context, 'start', JOB_ID_SLOT),
      status: besRequest(context, 'status', JOB_ID_SLOT),
      accountUrl: accountUrl.endsWith('/') ? accountUrl : `${accountUrl}/`,
      container,
      inputBlob,
      outputBlob,
      variableFor: placeholderName,
    };
    return kind === 'python' ? pythonWorkflowScript(input) : shellWorkflowScript(input);
  }, [context, kind, accountUrl, container, inputBlob, outputBlob]);

  const fillDemoStorage = async () => {
    setDemoMessage(undefined);
    try {
      const sas = await requestDemoSas(context.environment, () => undefined);
      const check = parseContainerSasUrl(sas.containerUrl, new Date());
      if (!check.ok) throw new Error(check.message);
      setAccountUrl(check.sas.accountUrl);
      setContainer(check.sas.container);
      setDemoMessage(
        `Filled in the demo storage. Set ${STORAGE_SAS_VARIABLE} to a SAS for it (the demo hands one out at POST ${context.environment.storage?.sasEndpoint ?? ''}).`,
      );
    } catch (err) {
      setDemoMessage(
        `The demo storage could not be read: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  };

  return (
    <details className="batch-card workflow-scripts">
      <summary className="batch-card__title">Run this workflow as a script</summary>
      <p className="batch-muted">
        Upload, submit, start, poll with backoff and download, in one file. Keys and the container
        SAS are read from environment variables: nothing secret is written into the script.
      </p>
      <div className="workflow-scripts__fields">
        <label className="field">
          <span className="field__label">Script: storage account URL</span>
          <input
            className="input input--mono"
            value={accountUrl}
            onChange={(e) => setAccountUrl(e.target.value)}
            spellCheck={false}
          />
        </label>
        <label className="field">
          <span className="field__label">Script: container</span>
          <input
            className="input input--mono"
            value={container}
            onChange={(e) => setContainer(e.target.value)}
            spellCheck={false}
          />
        </label>
        <label className="field">
          <span className="field__label">Script: blob to read</span>
          <input
            className="input input--mono"
            value={inputBlob}
            onChange={(e) => setInputBlob(e.target.value)}
            spellCheck={false}
          />
        </label>
        <label className="field">
          <span className="field__label">Script: blob to write</span>
          <input
            className="input input--mono"
            value={outputBlob}
            onChange={(e) => setOutputBlob(e.target.value)}
            spellCheck={false}
          />
        </label>
      </div>
      {hasDemoStorage && (
        <p>
          <button
            type="button"
            className="button button--small"
            onClick={() => void fillDemoStorage()}
          >
            Use the demo storage
          </button>
        </p>
      )}
      {demoMessage && (
        <p className="batch-muted" role="status">
          {demoMessage}
        </p>
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
