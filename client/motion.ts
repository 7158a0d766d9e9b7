import type { ReactiveController, ReactiveControllerHost } from 'lit';

const QUERY = '(prefers-reduced-motion: reduce)';

export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia(QUERY).matches;
}

/** Tracks `prefers-reduced-motion` and re-renders its host when the setting changes. */
export class ReducedMotionController implements ReactiveController {
  reduced = prefersReducedMotion();
  private media: MediaQueryList | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  private handleChange = (event: MediaQueryListEvent): void => {
    this.reduced = event.matches;
    this.host.requestUpdate();
  };

  hostConnected(): void {
    if (typeof matchMedia !== 'function') return;
    this.media = matchMedia(QUERY);
    this.reduced = this.media.matches;
    this.media.addEventListener('change', this.handleChange);
  }

  hostDisconnected(): void {
    this.media?.removeEventListener('change', this.handleChange);
    this.media = undefined;
  }
}
