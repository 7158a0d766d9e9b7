import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import type { Language, LocalizedText } from './challenge.ts';
import { resolveText } from './challenge.ts';

// Raw HTML is kept (imported CTF descriptions use <img> and <br>) and the rendered result is
// sanitised against an allowlist, so a file can never bring a script, an event handler, a
// style or a frame to a player. markdown-it's link validation already refuses javascript:,
// vbscript:, file: and non-image data: URLs in Markdown links.
const md = new MarkdownIt({ html: true, linkify: true, typographer: false, breaks: false });

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  if (token) {
    token.attrSet('target', '_blank');
    token.attrSet('rel', 'noopener noreferrer');
  }
  return defaultLinkOpen(tokens, idx, options, env, self);
};

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    ...['p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code', 'kbd', 'samp'],
    ...['em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'mark', 'sub', 'sup', 'small', 'span', 'div'],
    ...['ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a', 'img', 'details', 'summary'],
  ],
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    ol: ['start'],
    th: ['align', 'colspan', 'rowspan'],
    td: ['align', 'colspan', 'rowspan'],
    code: ['class'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https', 'data'] },
  allowProtocolRelative: false,
  // A tag outside the list is shown as text, as all raw HTML was before: `<token>` in prose
  // stays visible, `<script>` stays inert.
  disallowedTagsMode: 'escape',
  // Links from raw HTML get the same treatment as Markdown links.
  transformTags: { a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer' }) },
};

const cache = new Map<string, string>();

/** Renders trusted-format, untrusted-content Markdown (with a safe subset of HTML) to safe HTML (memoised). */
export function renderMarkdown(source: string): string {
  let html = cache.get(source);
  if (html === undefined) {
    html = sanitizeHtml(md.render(source), SANITIZE);
    if (cache.size > 5000) cache.clear();
    cache.set(source, html);
  }
  return html;
}

export function renderText(text: LocalizedText | undefined, language: Language): string {
  return renderMarkdown(resolveText(text, language));
}

/**
 * Markdown (and HTML) as plain text, for places that show no markup: board summaries, the
 * importer's summaries. Text and code keep their characters; images and tags are dropped;
 * line breaks and block boundaries become single spaces.
 */
export function plainText(source: string): string {
  const words: string[] = [];
  const walk = (tokens: ReturnType<typeof md.parse>) => {
    for (const token of tokens) {
      if (token.type === 'image') continue;
      if (token.children) walk(token.children);
      else if (token.type === 'text' || token.type === 'code_inline' || token.type === 'code_block' || token.type === 'fence') words.push(token.content);
      else if (token.type === 'html_inline' || token.type === 'html_block') words.push(htmlText(token.content));
      else if (token.type === 'softbreak' || token.type === 'hardbreak' || (token.block && token.nesting !== 0)) words.push(' ');
    }
  };
  walk(md.parse(source, {}));
  return words.join('').replace(/\s+/g, ' ').trim();
}

const ALLOWED_TAGS = new Set(SANITIZE.allowedTags || []);

/**
 * The text of an HTML fragment as a reader of the rendered page sees it: tags the renderer
 * keeps are dropped, others stay as the text they show as (`<token>`), entities are decoded.
 */
function htmlText(html: string): string {
  return html
    .replace(/<\/?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g, (tag, name: string) => (ALLOWED_TAGS.has(name.toLowerCase()) ? ' ' : tag))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');
}

/** `plainText` of the reader's language. */
export function plainTextOf(text: LocalizedText | undefined, language: Language): string {
  return plainText(resolveText(text, language));
}
