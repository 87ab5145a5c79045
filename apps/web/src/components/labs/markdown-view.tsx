// A lab's README: GitHub-flavoured markdown rendered by marked, then sanitised by DOMPurify (a README is
// authored text, but the page must not run or fetch anything it says). Images and styles are dropped:
// nothing in a README may make the page leave the machine.
import DOMPurify from 'dompurify';
import { Marked } from 'marked';
import { useMemo } from 'react';

const marked = new Marked({ gfm: true, async: false });

const sanitizeOptions = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['img', 'picture', 'video', 'audio', 'source', 'style', 'form', 'input', 'button', 'link', 'meta'],
  FORBID_ATTR: ['style', 'srcset'],
};

let hooksInstalled = false;
function installLinkHook() {
  if (hooksInstalled) return;
  hooksInstalled = true;
  // Links that leave the app open elsewhere and tell the target nothing about this page.
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A' && /^[a-z][a-z0-9+.-]*:/i.test(node.getAttribute('href') ?? '')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
}

export function renderMarkdown(markdown: string): string {
  installLinkHook();
  return DOMPurify.sanitize(marked.parse(markdown) as string, sanitizeOptions);
}

export function MarkdownView({ markdown, className }: { markdown: string; className?: string }) {
  const html = useMemo(() => renderMarkdown(markdown), [markdown]);
  return <div className={`markdown${className ? ` ${className}` : ''}`} dangerouslySetInnerHTML={{ __html: html }} />;
}
