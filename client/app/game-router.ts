import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { internalHref, parseRoute, type Route } from './router.ts';

/** A routed view that can take focus on its heading after a navigation. */
interface FocusableView extends Element {
  focusHeading?: () => void;
}

/**
 * Client-side routing for the game: same-origin links become `pushState` navigations, Back
 * and Forward work through `popstate`, and after each navigation the new view's heading
 * takes focus (the main area scrolls to the top), so keyboard and screen reader users land
 * on the new page.
 */
export class GameRouter implements ReactiveController {
  route: Route = parseRoute(location.pathname);
  /** Where "Back to challenges" leads: the board with the filters it last had. */
  boardHref = this.route.name === 'board' ? location.pathname + location.search : '/';
  private focusPending = false;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('popstate', this.handlePop);
    this.host.addEventListener('click', this.handleClick);
  }

  hostDisconnected(): void {
    window.removeEventListener('popstate', this.handlePop);
    this.host.removeEventListener('click', this.handleClick);
  }

  navigate(href: string): void {
    const url = new URL(href, location.origin);
    if (this.route.name === 'board') this.boardHref = location.pathname + location.search;
    if (url.pathname + url.search !== location.pathname + location.search) history.pushState(null, '', url.pathname + url.search + url.hash);
    this.apply(url);
  }

  private apply(url: URL): void {
    this.route = parseRoute(url.pathname);
    if (this.route.name === 'board') this.boardHref = url.pathname + url.search;
    this.focusPending = true;
    this.host.requestUpdate();
  }

  private handlePop = (): void => {
    this.apply(new URL(location.href));
  };

  private handleClick = (event: MouseEvent): void => {
    const anchor = event.composedPath().find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement);
    if (!anchor) return;
    const href = internalHref(anchor, event, location.origin);
    if (href === null) return;
    event.preventDefault();
    this.navigate(href);
  };

  hostUpdated(): void {
    if (!this.focusPending) return;
    this.focusPending = false;
    const main = this.host.shadowRoot?.querySelector('main');
    if (!main) return;
    main.scrollTop = 0;
    const view = main.firstElementChild as FocusableView | null;
    if (view?.focusHeading) view.focusHeading();
    else main.focus();
  }
}
