/**
 * The one rule for message boxes (player chat, support, admin replies): Enter sends,
 * Shift+Enter breaks the line, and the Enter that confirms an IME conversion (typing
 * Japanese) does neither.
 */
export function isSendKey(event: KeyboardEvent): boolean {
  // keyCode 229: the Enter that confirms an IME conversion in some browsers.
  return event.key === 'Enter' && !event.shiftKey && !event.altKey && !event.isComposing && event.keyCode !== 229;
}
