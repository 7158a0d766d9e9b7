import { css, unsafeCSS } from 'lit';

/** Wide screens keep the team panel beside the content; narrow ones open it as a drawer. */
export const WIDE_QUERY = '(min-width: 75rem)';

const wide = unsafeCSS(WIDE_QUERY);

export const gameStyles = css`
  :host {
    display: grid;
    grid-template-rows: auto minmax(0, 1fr);
    height: 100vh;
    height: 100dvh;
  }
  .skip {
    position: absolute;
    inset-inline-start: var(--jam-space-2);
    top: -4rem;
    z-index: 60;
    padding: var(--jam-space-2) var(--jam-space-3);
    background: var(--jam-color-accent);
    color: var(--jam-color-on-accent);
    border-radius: var(--jam-radius-md);
  }
  .skip:focus {
    top: var(--jam-space-2);
  }
  jam-top-bar {
    z-index: 20;
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    min-height: 0;
  }
  main {
    padding: var(--jam-space-5);
    min-width: 0;
    overflow-y: auto;
  }
  main:focus {
    outline: none;
  }
  .event-over {
    max-width: 60rem;
    margin: 0 auto var(--jam-space-4);
    font-weight: var(--jam-font-weight-medium);
  }
  @media (max-width: 40rem) {
    main {
      padding: var(--jam-space-3);
    }
  }
  .panel {
    display: none;
  }
  .layout.with-panel .panel {
    display: block;
  }
  @media ${wide} {
    .layout.with-panel {
      grid-template-columns: minmax(0, 1fr) 24rem;
    }
    .layout.with-panel .panel {
      min-height: 0;
      border-inline-start: 1px solid var(--jam-color-border);
    }
    /* Toasts sit beside the team panel, not over its chat box. */
    .layout.with-panel ~ jam-toast-stack {
      inset-inline-end: calc(24rem + var(--jam-space-4));
    }
  }
  @media not ${wide} {
    .layout.with-panel .panel {
      display: none;
      position: fixed;
      inset-block: 0;
      inset-inline-end: 0;
      width: min(26rem, 100vw);
      z-index: 40;
      box-shadow: var(--jam-shadow-raised);
      border-inline-start: 1px solid var(--jam-color-border);
    }
    /* Closed is display:none, so crossing the breakpoint never shows a half-slid drawer. */
    .layout.with-panel .panel.open {
      display: block;
      animation: slide-in var(--jam-duration-medium) var(--jam-easing);
    }
    @keyframes slide-in {
      from {
        transform: translateX(100%);
      }
    }
    .backdrop {
      position: fixed;
      inset: 0;
      z-index: 30;
      background: var(--jam-color-backdrop);
    }
  }
  jam-team-panel {
    height: 100%;
  }
  .card {
    max-width: 36rem;
    margin: var(--jam-space-7) auto;
  }
`;
