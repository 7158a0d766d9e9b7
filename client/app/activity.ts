import type { AdjustmentEvent, ClueEvent, LocalizedText, SolveEvent } from '../api-types.ts';

/** One line of the team's recent activity: a solve, a clue unlock, or a facilitator's score adjustment. */
export type ActivityItem =
  | {
      kind: 'solve';
      key: string;
      at: string;
      challengeId: string;
      challengeTitle: LocalizedText;
      taskTitle: LocalizedText;
      taskIndex: number;
      points: number;
      mine: boolean;
    }
  | {
      kind: 'clue';
      key: string;
      at: string;
      challengeId: string;
      challengeTitle: LocalizedText | null;
      taskId: string;
      index: number;
      penalty: number;
      playerName: string;
      mine: boolean;
    }
  | {
      kind: 'adjustment';
      key: string;
      at: string;
      points: number;
      reason: string;
    };

const MAX_ITEMS = 50;

export function solveActivity(solve: SolveEvent, mine: boolean): ActivityItem {
  return {
    kind: 'solve',
    key: `solve:${solve.challengeId}/${solve.taskId}`,
    at: solve.at,
    challengeId: solve.challengeId,
    challengeTitle: solve.challengeTitle,
    taskTitle: solve.taskTitle,
    taskIndex: solve.taskIndex,
    points: solve.awarded,
    mine,
  };
}

export function clueActivity(clue: ClueEvent, challengeTitle: LocalizedText | null, mine: boolean): ActivityItem {
  return {
    kind: 'clue',
    key: `clue:${clue.challengeId}/${clue.taskId}/${clue.index}`,
    at: clue.at,
    challengeId: clue.challengeId,
    challengeTitle,
    taskId: clue.taskId,
    index: clue.index,
    penalty: clue.penalty,
    playerName: clue.playerName,
    mine,
  };
}

export function adjustmentActivity(adjustment: AdjustmentEvent): ActivityItem {
  return { kind: 'adjustment', key: `adjustment:${adjustment.id}`, at: adjustment.at, points: adjustment.points, reason: adjustment.reason };
}

/**
 * Adds an item, newest first: a task is solved once and a clue unlocked once per team, so a
 * replayed event (same key) is not listed twice.
 */
export function addActivity(list: readonly ActivityItem[], item: ActivityItem): ActivityItem[] {
  if (list.some((i) => i.key === item.key)) return [...list];
  return [item, ...list].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).slice(0, MAX_ITEMS);
}

/** Activity survives a reload of the tab (per team), not a new session. */
export function loadActivity(teamId: number): ActivityItem[] {
  try {
    const raw = sessionStorage.getItem(`jam.activity.${teamId}`);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? (parsed as ActivityItem[]) : [];
  } catch {
    return [];
  }
}

export function saveActivity(teamId: number, list: readonly ActivityItem[]): void {
  try {
    sessionStorage.setItem(`jam.activity.${teamId}`, JSON.stringify(list));
  } catch {
    // Storage full or disabled: the list lasts for this page only.
  }
}
