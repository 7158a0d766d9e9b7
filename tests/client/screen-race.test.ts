import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ScoreHistory } from '../../client/api-types.ts';
import { headAt, layoutChart, spreadLabels, stepPath, xOf } from '../../client/app/chart-model.ts';
import { drawProgress, finaleAt, finaleTiming, parseCycle, RACE_COLOURS, raceColour } from '../../client/screen/race-model.ts';

describe('the finale cycle after the reveal', () => {
  const timing = finaleTiming(20, false);

  it('shows the podium for 20 s (rising, then held), then the race for 20 s, and again forever', () => {
    expect(finaleAt(0, timing)).toEqual({ view: 'podium', round: 0, nextInMs: 20_000 });
    expect(finaleAt(12_000, timing)).toEqual({ view: 'podium', round: 0, nextInMs: 8000 });
    expect(finaleAt(20_000, timing)).toEqual({ view: 'race', round: 1, nextInMs: 20_000 });
    expect(finaleAt(39_999, timing).view).toBe('race');
    expect(finaleAt(40_000, timing)).toEqual({ view: 'podium', round: 2, nextInMs: 20_000 });
    expect(finaleAt(4 * 3_600_000 + 25_000, timing)).toEqual({ view: 'race', round: 721, nextInMs: 15_000 });
  });

  it('starts with the podium even if the clock reads a moment before the reveal', () => {
    expect(finaleAt(-50, timing)).toEqual({ view: 'podium', round: 0, nextInMs: 20_000 });
  });

  it('grows the lines over 8 s, over less when views are short, and at once under reduced motion', () => {
    expect(timing).toEqual({ podiumMs: 20_000, raceMs: 20_000, drawMs: 8000 });
    expect(finaleTiming(2, false)).toEqual({ podiumMs: 2000, raceMs: 2000, drawMs: 800 });
    expect(finaleTiming(20, true).drawMs).toBe(0);
    expect(drawProgress(0, 8000)).toBe(0);
    expect(drawProgress(2000, 8000)).toBe(0.25);
    expect(drawProgress(9000, 8000)).toBe(1);
    expect(drawProgress(0, 0)).toBe(1);
  });

  it('reads ?cycle= as whole seconds from 1 to 600, else 20', () => {
    expect(parseCycle(null)).toBe(20);
    expect(parseCycle('2')).toBe(2);
    expect(parseCycle(' 45 ')).toBe(45);
    expect(parseCycle('0')).toBe(20);
    expect(parseCycle('1.5')).toBe(20);
    expect(parseCycle('-3')).toBe(20);
    expect(parseCycle('abc')).toBe(20);
    expect(parseCycle('100000')).toBe(600);
  });
});

describe('race colours on the dark screen', () => {
  const css = readFileSync(new URL('../../client/styles/tokens.css', import.meta.url), 'utf8');
  const vars = new Map<string, string>();
  // The root block, then the forced-dark block the screen uses, which overrides it.
  for (const selector of [':root {', ":root[data-theme='dark'] {"]) {
    const open = css.indexOf(selector) + selector.length;
    for (const m of css.slice(open, css.indexOf('}', open)).matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) vars.set(m[1]!, m[2]!.trim());
  }
  const hex = (name: string): string => {
    let value = vars.get(name);
    while (value?.startsWith('var(')) value = vars.get(value.slice(4, -1).trim());
    if (!value || !/^#[0-9a-f]{6}$/i.test(value)) throw new Error(`${name} is not a hex colour: ${value}`);
    return value;
  };
  const luminance = (h: string) =>
    [1, 3, 5]
      .map((i) => parseInt(h.slice(i, i + 2), 16) / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
      .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i]!, 0);
  const contrast = (a: string, b: string) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
    return (hi + 0.05) / (lo + 0.05);
  };

  it('give ten different colours that meet AA for text (4.5:1) on the background and the frozen band', () => {
    const colours = RACE_COLOURS.map((c) => hex(c.token));
    expect(new Set(colours).size).toBe(10);
    for (const background of ['--jam-color-bg', '--jam-color-surface']) {
      const weak = colours.filter((c) => contrast(c, hex(background)) < 4.5);
      expect(weak, background).toEqual([]);
    }
  });

  it('dash the tenth line and any beyond the palette', () => {
    expect(RACE_COLOURS.filter((c) => c.dashed)).toHaveLength(1);
    expect(raceColour(0)).toEqual({ token: '--jam-color-gold', dashed: false });
    expect(raceColour(9).dashed).toBe(true);
    expect(raceColour(10)).toEqual({ token: '--jam-color-gold', dashed: true });
  });
});

describe('growing step lines for the race', () => {
  const box = { width: 500, height: 200, top: 10, right: 10, bottom: 30, left: 40 };
  const history: ScoreHistory = {
    frozen: false,
    startsAt: '2026-11-21T10:00:00Z',
    until: '2026-11-21T11:00:00Z',
    teams: [
      {
        id: 1,
        name: 'Kumo',
        rank: 1,
        points: [
          ['2026-11-21T10:15:00Z', 100],
          ['2026-11-21T10:30:00Z', 250],
        ],
      },
      { id: 2, name: 'Sora', rank: 2, points: [] },
    ],
  };
  const layout = layoutChart(history, box);
  const kumo = layout.series[0]!;

  it('keeps each change as a step and draws the full line as the step path to the end', () => {
    expect(kumo.steps.map((s) => [s.x, s.score])).toEqual([
      [40, 0],
      [152.5, 100],
      [265, 250],
    ]);
    expect(kumo.d).toBe(stepPath(kumo.steps, kumo.last.x));
    expect(layout.span).toEqual({ start: Date.parse(history.startsAt!), end: Date.parse(history.until) });
  });

  it('draws only the changes the cursor has passed, then runs flat to the cursor', () => {
    const y0 = kumo.steps[0]!.y;
    expect(stepPath(kumo.steps, 100)).toBe(`M40,${y0}H100`);
    expect(stepPath(kumo.steps, 200)).toBe(`M40,${y0}H152.5V${kumo.steps[1]!.y}H200`);
    expect(stepPath(kumo.steps, 40)).toBe(`M40,${y0}H40`);
  });

  it('puts the head at the last change reached', () => {
    expect(headAt(kumo.steps, 100).score).toBe(0);
    expect(headAt(kumo.steps, 152.5).score).toBe(100);
    expect(headAt(kumo.steps, 490).score).toBe(250);
  });

  it('places a time on the x axis, clamped to the plot', () => {
    expect(xOf(layout, Date.parse('2026-11-21T10:30:00Z'))).toBe(265);
    expect(xOf(layout, Date.parse('2026-11-21T12:00:00Z'))).toBe(490);
  });
});

describe('labels at the line ends', () => {
  it('stay where they are when they do not touch', () => {
    expect(spreadLabels([50, 10, 100], 20, 0, 200)).toEqual([50, 10, 100]);
  });

  it('move apart around a cluster, keeping the input order among equal wishes', () => {
    expect(spreadLabels([100, 100, 100], 20, 0, 200)).toEqual([100, 120, 140]);
    expect(spreadLabels([200, 200], 20, 0, 200)).toEqual([180, 200]);
  });

  it('stay inside the bounds, sharing the space evenly when there is too little', () => {
    expect(spreadLabels([-30, 500], 20, 0, 200)).toEqual([0, 200]);
    expect(spreadLabels([0, 0, 0, 0, 0], 100, 0, 100)).toEqual([0, 25, 50, 75, 100]);
  });
});
