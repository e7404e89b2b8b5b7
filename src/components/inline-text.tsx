import type { ReactNode } from 'react';

/**
 * Short descriptions (parameters, schema properties) often use `code` spans. Rendering just
 * those as <code> reads well without loading a Markdown parser for every table cell; the text
 * stays plain React text, never HTML.
 */
export function InlineText({ text }: { text: string }) {
  const parts = text.split(/(`[^`\n]+`)/g);
  const out: ReactNode[] = parts.map((part, i) =>
    part.length > 2 && part.startsWith('`') && part.endsWith('`') ? (
      <code key={i} className="inline-code">
        {part.slice(1, -1)}
      </code>
    ) : (
      part
    ),
  );
  return <>{out}</>;
}
