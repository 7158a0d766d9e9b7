import type { StaffRole } from '../db/database.ts';
import type { Language } from '../features/challenges/challenge.ts';

/** Who is calling, resolved from the session cookies by `sessionMiddleware`. */
export interface PlayerPrincipal {
  playerId: number;
  displayName: string;
  language: Language;
  teamId: number | null;
}

/** A signed-in staff member (admin cookie). */
export interface StaffPrincipal {
  id: number;
  name: string;
  role: StaffRole;
  /** The account of ADMIN_TOKEN. */
  builtin: boolean;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    player: PlayerPrincipal | null;
    /** Who holds the admin session, with their role. */
    staff: StaffPrincipal | null;
    /** Any staff session (of any role): the admin views of the board and the stream. */
    isAdmin: boolean;
    /** The session store could not be read (database away). */
    sessionUnavailable: boolean;
  };
}
