import { describe, expect, it } from 'vitest';
import { plainText, renderMarkdown } from '../../../../server/features/challenges/markdown.ts';

describe('renderMarkdown', () => {
  it('keeps the safe HTML of imported descriptions: images, line breaks, emphasis', () => {
    expect(renderMarkdown('See <img src="https://example.com/a.png" alt="map"><br>and <b>this</b>.')).toBe(
      '<p>See <img src="https://example.com/a.png" alt="map" /><br />and <b>this</b>.</p>\n',
    );
  });

  it('drops scripts, handlers, styles, frames and javascript: links, showing unknown tags as text', () => {
    const html = renderMarkdown(
      '<img src="x.png" onerror="alert(1)"> <script>alert(2)</script> <a href="javascript:alert(3)">x</a> <iframe src="y"></iframe> <b style="color:red">b</b> <token>',
    );
    expect(html).not.toMatch(/onerror|<script|javascript:|<iframe|style=/);
    expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).toContain('&lt;token&gt;');
  });

  it('opens links in a new tab without an opener, from Markdown and from HTML alike', () => {
    expect(renderMarkdown('[docs](https://example.com) <a href="https://example.org">b</a>')).toBe(
      '<p><a href="https://example.com" target="_blank" rel="noopener noreferrer">docs</a> <a href="https://example.org" target="_blank" rel="noopener noreferrer">b</a></p>\n',
    );
  });
});

describe('plainText', () => {
  it('strips Markdown and HTML, keeping the words and code, dropping images', () => {
    expect(plainText('Use `docker pull` and **read** the [docs](https://x.y).\n\nThen <img src="a.png" alt="the map"><br>go &amp; <token>')).toBe(
      'Use docker pull and read the docs. Then go & <token>',
    );
  });

  it('turns blocks and line breaks into single spaces', () => {
    expect(plainText('# Title\n\n- one\n- two\n\n```\ncode\n```')).toBe('Title one two code');
  });
});
