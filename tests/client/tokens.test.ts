import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('../../client/styles/tokens.css', import.meta.url), 'utf8');

/** Custom properties declared in the block that opens right after `selector`. */
function block(selector: string): Map<string, string> {
  const start = css.indexOf(selector);
  if (start < 0) throw new Error(`selector not found: ${selector}`);
  const open = css.indexOf('{', start);
  const body = css.slice(open + 1, css.indexOf('}', open));
  const vars = new Map<string, string>();
  for (const m of body.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) vars.set(m[1] ?? '', (m[2] ?? '').trim());
  return vars;
}

const root = block(':root {');
const themes: Record<string, Map<string, string>> = {
  light: root,
  'dark (preference)': new Map([...root, ...block(":root:not([data-theme='light'])")]),
  'dark (screen)': new Map([...root, ...block(":root[data-theme='dark']")]),
};

function resolve(vars: Map<string, string>, name: string): string {
  let value = vars.get(name);
  for (let depth = 0; value?.startsWith('var('); depth++) {
    if (depth > 10) throw new Error(`var() cycle at ${name}`);
    value = vars.get(value.slice(4, -1).trim());
  }
  if (!value || !/^#[0-9a-f]{6}$/i.test(value)) throw new Error(`${name} is not a hex colour: ${value}`);
  return value;
}

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const backgrounds = ['--jam-color-bg', '--jam-color-surface', '--jam-color-surface-raised'];
const textOnBackgrounds = [
  '--jam-color-text',
  '--jam-color-text-muted',
  '--jam-color-accent',
  '--jam-color-success',
  '--jam-color-warning',
  '--jam-color-danger',
];
const filledPairs: Array<[string, string]> = [
  ['--jam-color-on-accent', '--jam-color-accent'],
  ['--jam-color-on-accent', '--jam-color-danger'],
  ['--jam-color-on-accent', '--jam-color-success'],
  ['--jam-color-on-medal', '--jam-color-gold'],
  ['--jam-color-on-medal', '--jam-color-silver'],
  ['--jam-color-on-medal', '--jam-color-bronze'],
];

describe('design tokens', () => {
  it.each(Object.keys(themes))('meet WCAG AA (4.5:1) for text in the %s theme', (name) => {
    const vars = themes[name] as Map<string, string>;
    const failures: string[] = [];
    const check = (fg: string, bg: string, min: number) => {
      const ratio = contrast(resolve(vars, fg), resolve(vars, bg));
      if (ratio < min) failures.push(`${fg} on ${bg}: ${ratio.toFixed(2)}`);
    };
    for (const bg of backgrounds) for (const fg of textOnBackgrounds) check(fg, bg, 4.5);
    for (const [fg, bg] of filledPairs) check(fg, bg, 4.5);
    for (const bg of backgrounds) check('--jam-color-focus', bg, 3);
    expect(failures).toEqual([]);
  });

  it('declare the font stack from the UI direction', () => {
    expect(root.get('--jam-font-family')?.replace(/\s+/g, ' ')).toBe(
      `system-ui, -apple-system, 'Segoe UI', 'Hiragino Sans', 'Hiragino Kaku Gothic ProN', 'Noto Sans JP', 'Yu Gothic UI', Meiryo, sans-serif`,
    );
  });
});
