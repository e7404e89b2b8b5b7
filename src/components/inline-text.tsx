import type { ReactNode } from 'react';

const INLINE = /(`[^`\n]+`|\*\*[^*\n]+\*\*|\*[^*\s][^*\n]*\*)/g;

/**
 * Short descriptions (parameters, schema properties) often use `code`, *emphasis* and
 * **strong** spans. Rendering just those reads well without loading a Markdown parser for
 * every table cell; the text stays plain React text, never HTML.
 */
export function InlineText({ text }: { text: string }) {
  const out: ReactNode[] = text.split(INLINE).map((part, i) => {
    if (part.length > 2 && part.startsWith('`') && part.endsWith('`'))
      return (
        <code key={i} className="inline-code">
          {part.slice(1, -1)}
        </code>
      );
    if (part.length > 4 && part.startsWith('**') && part.endsWith('**'))
      return <strong key={i}>{part.slice(2, -2)}</strong>;
    if (part.length > 2 && part.startsWith('*') && part.endsWith('*'))
      return <em key={i}>{part.slice(1, -1)}</em>;
    return part;
  });
  return <>{out}</>;
}
