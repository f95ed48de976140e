/** A Markdown block of a dashboard, rendered with marked (the project's own, reviewed content: trusted). */
import { marked } from 'marked';
import { useMemo } from 'react';

export function MarkdownBlock(props: { markdown: string }) {
  const html = useMemo(() => marked.parse(props.markdown, { async: false, gfm: true }), [props.markdown]);
  return <div className="db-markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}
