import { describe, expect, it } from 'vitest';
import type { LabTeam } from '../../../../server/features/labs/lab.ts';
import { lambdaReportLinesLab } from '../../../../server/features/labs/lambda/lambda.lab.ts';
import { peakConcurrency, productionInvocations } from '../../../../server/features/labs/lambda/lambda.logs.ts';
import { initialLambdaState } from '../../../../server/features/labs/lambda/lambda.model.ts';

const now = new Date('2026-12-04T10:00:00Z');
const team = {} as LabTeam; // the Lambda lab's checks read only the state
const reserved = (n: number | null) =>
  lambdaReportLinesLab.checks?.['concurrency-reserved']?.({ ...initialLambdaState(now.getTime()), reservedConcurrency: n }, { now, team });

describe('the lambda-report-lines concurrency check', () => {
  it('reads the busiest moment from the production window: invocations in flight, and the environments kept', () => {
    const { inFlight, environments } = peakConcurrency();
    // Every environment starts with a cold start, so there are as many as there were cold starts.
    expect(environments).toBe(productionInvocations().filter((p) => p.invocation.initMs !== undefined).length);
    expect(inFlight).toBeGreaterThanOrEqual(environments - 1);
    expect(inFlight).toBeLessThanOrEqual(environments);
    // Well above the session formula's average (about 6), which is the point of the task.
    expect(inFlight).toBeGreaterThan(10);
  });

  it('passes from the most invocations in flight up to twice the environments, and says which side is off', () => {
    const { inFlight, environments } = peakConcurrency();
    expect(reserved(null)).toMatchObject({ passed: false, progress: [{ done: false }, { done: false }, { done: false }] });
    expect(reserved(inFlight - 1)).toMatchObject({ passed: false, progress: [{ done: true }, { done: false }, { done: true }] });
    expect(reserved(inFlight)?.passed).toBe(true);
    expect(reserved(environments)?.passed).toBe(true);
    expect(reserved(2 * environments)?.passed).toBe(true);
    expect(reserved(2 * environments + 1)).toMatchObject({ passed: false, progress: [{ done: true }, { done: true }, { done: false }] });
    // Reserving zero stops the function altogether: reserved, but nothing runs.
    expect(reserved(0)).toMatchObject({ passed: false, progress: [{ done: true }, { done: false }, { done: true }] });
  });

  it('never names the number in its labels', () => {
    const { inFlight, environments } = peakConcurrency();
    const labels = (reserved(3)?.progress ?? []).flatMap((p) => [p.label.en, p.label.ja]).join(' ');
    for (const n of [inFlight, environments, 2 * environments]) expect(labels).not.toMatch(new RegExp(`\\b${n}\\b`));
  });
});
