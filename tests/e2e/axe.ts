import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { settle } from './admin-support.ts';

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core');

interface AxeResult {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

/**
 * Runs axe-core in the page (it walks open shadow roots itself) and returns the serious and
 * critical violations, one line each with the elements that fail, so a failing test says what
 * to fix.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations as AxeResult[];
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

/**
 * Fails with the list of serious and critical violations of the page once nothing moves (a
 * line fading in is measured at its final colours, not half transparent).
 */
export async function expectAxeClean(page: Page, view: string): Promise<void> {
  await settle(page);
  const found = await axeViolations(page);
  expect(found, `axe on ${view}`).toEqual([]);
}
