import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Runs `refresh` once a burst of triggers has been quiet for `delayMs` (one refetch for many
 * stream events), and forgets a pending run when the host leaves the page.
 */
export class DebouncedRefresh implements ReactiveController {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly delayMs: number,
    private readonly refresh: () => unknown,
  ) {
    host.addController(this);
  }

  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), this.delayMs);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
