/**
 * The player's stream. `view=player` is explicit so a facilitator's admin cookie in the same
 * browser never turns a player tab into the live (unfrozen) admin stream; every player view
 * subscribes to this same URL, so the tab keeps one connection.
 */
export const PLAYER_STREAM = '/api/stream?view=player';
