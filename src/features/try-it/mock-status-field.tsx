import type { ApiOperation } from '../../core/definition/api-model';
import { declaredStatuses } from '../../core/response-check/declared-response';
import { statusTextFor } from '../../core/response/http-status-text';
import { mockExamples, type MockChoice } from '../../core/mock/mock-status';
import './mock-status-field.css';

export interface MockStatusFieldProps {
  operation: Pick<ApiOperation, 'responses'>;
  idPrefix: string;
  value: MockChoice;
  onChange: (choice: MockChoice) => void;
}

function optionText(status: string, description: string | undefined): string {
  const name = /^\d{3}$/.test(status) ? `${status} ${statusTextFor(Number(status), '')}` : status;
  const about = description?.split('\n')[0]?.trim();
  if (!about) return name;
  return `${name}: ${about.length > 60 ? `${about.slice(0, 59)}…` : about}`;
}

/**
 * The Mock environment's one question: which of the operation's declared responses to answer
 * with (and which of its examples, when it has several). Shown instead of anything about keys,
 * which a mocked call does not need.
 */
export function MockStatusField({ operation, idPrefix, value, onChange }: MockStatusFieldProps) {
  const id = `${idPrefix}-mock-status`;
  const statuses = declaredStatuses(operation);
  const examples = mockExamples(operation, value.status);
  return (
    <div className="field try-it__mock">
      <p className="try-it__mock-note" id={`${id}-note`}>
        Mock answers in this browser from the definition (its example, else a sample of its schema):
        nothing is sent.
      </p>
      {statuses.length === 0 ? (
        <p className="field__hint">
          The definition declares no response for this operation: Mock answers 200 with no body.
        </p>
      ) : (
        <div className="try-it__mock-choices">
          <div>
            <div className="field__label">
              <label htmlFor={id}>Mocked response</label>
            </div>
            <select
              id={id}
              className="input"
              value={value.status ?? ''}
              aria-describedby={`${id}-note`}
              onChange={(e) => onChange({ status: e.target.value })}
            >
              {statuses.map((status) => (
                <option key={status} value={status}>
                  {optionText(
                    status,
                    operation.responses.find((r) => r.status === status)?.description,
                  )}
                </option>
              ))}
            </select>
          </div>
          {examples.length > 1 && (
            <div>
              <div className="field__label">
                <label htmlFor={`${id}-example`}>Example</label>
              </div>
              <select
                id={`${id}-example`}
                className="input"
                value={value.example ?? examples[0]?.name ?? ''}
                onChange={(e) => onChange({ ...value, example: e.target.value })}
              >
                {examples.map((example) => (
                  <option key={example.name} value={example.name}>
                    {example.summary ?? example.name}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
