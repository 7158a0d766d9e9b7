import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { EventState, TaskView } from '../api-types.ts';
import { releaseDue } from './task-rules.ts';

/** How often "free in 12 min" is redrawn while a clue release is ahead. */
const TICK_MS = 15_000;

/**
 * The clock a task card counts its clue releases by. The server sends each clue's
 * `releaseInMs` as of the request, so the card counts down from when the task arrived; a
 * timer redraws "free in N min" while a release is ahead and the event runs, and asks for
 * the task again once one comes due (the stream's `clue` event usually comes first; the
 * server's clock decides either way).
 */
export class ClueReleaseClock implements ReactiveController {
  /** When the task arrived. */
  fetchedAt = Date.now();
  /** The time the card last drew with. */
  now = Date.now();
  private timer: ReturnType<typeof setInterval> | undefined;
  private task: TaskView | null = null;
  private state: EventState = 'draft';

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onDue: () => void,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** Called by the card before it draws; `arrived` when it holds a freshly fetched task. */
  follow(task: TaskView | null, state: EventState, arrived: boolean): void {
    if (arrived) this.fetchedAt = this.now = Date.now();
    this.task = task;
    this.state = state;
    const ahead = task !== null && !task.solved && state === 'running' && task.clues.some((c) => c.releaseInMs !== null);
    if (!ahead) return this.stop();
    this.timer ??= setInterval(() => this.tick(), TICK_MS);
  }

  private tick(): void {
    this.now = Date.now();
    this.host.requestUpdate();
    if (this.task?.clues.some((c) => releaseDue(c.releaseInMs, this.fetchedAt, this.now, this.state))) this.onDue();
  }

  private stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
