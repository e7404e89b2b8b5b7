import type { ArazzoProblem } from '../../core/workflow/workflow-types';

/** A document's problems, each with the place it names (a JSON pointer into the document). */
export function DocumentProblems({
  problems,
  limit,
  title,
}: {
  problems: readonly ArazzoProblem[];
  /** Show at most this many, then say how many more. */
  limit?: number;
  title: string;
}) {
  const shown = limit === undefined ? problems : problems.slice(0, limit);
  return (
    <div className="alert workflow-problems" role="alert">
      <p className="alert__title">{title}</p>
      <ul className="workflow-problems__list">
        {shown.map((p) => (
          <li key={`${p.pointer} ${p.message}`}>
            <code>{p.pointer || '/'}</code>: {p.message}
          </li>
        ))}
      </ul>
      {shown.length < problems.length && (
        <p className="alert__hint">…and {problems.length - shown.length} more.</p>
      )}
    </div>
  );
}
