const KEY = 'jam.seenAnnouncements';
const MAX = 200;

function read(): number[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((n): n is number => typeof n === 'number') : [];
  } catch {
    return [];
  }
}

/** Whether this browser already showed the announcement as a toast (so a reload does not repeat it). */
export function seenAnnouncement(id: number): boolean {
  return read().includes(id);
}

export function markAnnouncementSeen(id: number): void {
  const ids = read().filter((n) => n !== id);
  ids.push(id);
  try {
    localStorage.setItem(KEY, JSON.stringify(ids.slice(-MAX)));
  } catch {
    // Storage disabled: a reload may show it again, which is harmless.
  }
}
