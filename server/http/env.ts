import type { Language } from '../features/challenges/challenge.ts';

/** Who is calling, resolved from the session cookies by `sessionMiddleware`. */
export interface PlayerPrincipal {
  playerId: number;
  displayName: string;
  language: Language;
  teamId: number | null;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    player: PlayerPrincipal | null;
    isAdmin: boolean;
    /** The session store could not be read (database away). */
    sessionUnavailable: boolean;
  };
}
