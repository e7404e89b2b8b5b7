import { useEffect, useState } from 'react';
import './markdown.css';

type Renderer = (text: string) => string;
let renderer: Renderer | undefined;
let loading: Promise<Renderer> | undefined;

function loadRenderer(): Promise<Renderer> {
  loading ??= import('./markdown-render').then((m) => {
    renderer = m.renderMarkdown;
    return m.renderMarkdown;
  });
  return loading;
}

/**
 * Sanitised Markdown. marked and DOMPurify are loaded on first use so they stay out of the first
 * page load; until then the text shows as plain text, so nothing jumps or goes blank.
 */
export function Markdown({ text, className }: { text: string; className?: string }) {
  const [html, setHtml] = useState<string | undefined>(() => renderer?.(text));
  useEffect(() => {
    let live = true;
    loadRenderer().then(
      (render) => {
        if (live) setHtml(render(text));
      },
      () => {
        if (live) setHtml(undefined);
      },
    );
    return () => {
      live = false;
    };
  }, [text]);
  const cls = `markdown${className ? ` ${className}` : ''}`;
  if (html === undefined) return <div className={`${cls} markdown--plain`}>{text}</div>;
  // The HTML was sanitised by DOMPurify in renderMarkdown.
  return <div className={cls} dangerouslySetInnerHTML={{ __html: html }} />;
}
