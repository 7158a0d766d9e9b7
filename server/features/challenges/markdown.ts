import MarkdownIt from 'markdown-it';
import type { Language, LocalizedText } from './challenge.ts';
import { resolveText } from './challenge.ts';

// Raw HTML in challenge files is escaped, not passed through; markdown-it's link
// validation already refuses javascript:, vbscript:, file: and non-image data: URLs.
const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  if (token) {
    token.attrSet('target', '_blank');
    token.attrSet('rel', 'noopener noreferrer');
  }
  return defaultLinkOpen(tokens, idx, options, env, self);
};

const cache = new Map<string, string>();

/** Renders trusted-format, untrusted-content Markdown to safe HTML (memoised). */
export function renderMarkdown(source: string): string {
  let html = cache.get(source);
  if (html === undefined) {
    html = md.render(source);
    if (cache.size > 5000) cache.clear();
    cache.set(source, html);
  }
  return html;
}

export function renderText(text: LocalizedText | undefined, language: Language): string {
  return renderMarkdown(resolveText(text, language));
}
