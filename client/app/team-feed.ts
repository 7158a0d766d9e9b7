import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { getAnnouncements, getRecentSolves } from '../api.ts';
import type { Announcement, ClueReleaseEvent, LabEvent, Lang, Me, WrongEvent } from '../api-types.ts';
import type { JamToastStack } from '../components/jam-toast-stack.ts';
import { localized, t } from '../i18n/index.ts';
import { StreamController } from '../realtime.ts';
import { addActivity, adjustmentActivity, clueActivity, loadActivity, saveActivity, solveActivity, type ActivityItem } from './activity.ts';
import { isOwnAttempt } from './events.ts';
import { markAnnouncementSeen, seenAnnouncement } from './seen.ts';
import { PLAYER_STREAM } from './stream.ts';

/** One player's check of one task: its `wrong` event (on a task with rules) comes just before its `lab` event. */
function checkKey(e: { challengeId: string; taskId: string; playerId: number | null }): string {
  return `${e.challengeId}/${e.taskId}/${e.playerId}`;
}

/** "Aiko checked the lab of “Streams lab”: not done yet (1 of 3 done)", with what the check cost on a task with rules. */
function checkMessage(lab: LabEvent, challenge: string, wrong: WrongEvent | undefined): string {
  const params = { name: lab.playerName, challenge, done: lab.done ?? 0, total: lab.total ?? 0 };
  if (wrong?.attemptsLeft != null) return t('toast.teammateCheckFailedLeft', { ...params, left: wrong.attemptsLeft });
  if (wrong && wrong.penalty > 0) return t('toast.teammateCheckFailedPriced', { ...params, penalty: wrong.penalty });
  return t('toast.teammateCheckFailed', params);
}

export interface TeamFeedDeps {
  me(): Me;
  toasts(): JamToastStack | null;
  /** A challenge's title in the current language, from the board list. */
  challengeTitle(id: string): string | undefined;
  contentLang(): Lang;
}

/**
 * What the team hears about: its solves and clue unlocks (the activity list, and a toast
 * when a teammate did it), who joined the team (matched, placed or by code), the player's
 * own placement by a facilitator, score adjustments (listed, and a toast with the reason) and
 * the facilitators' announcements (toasts that respect
 * `dismissAfterSeconds`, shown once per browser, and kept in a list).
 */
export class TeamFeed implements ReactiveController {
  activity: ActivityItem[] = [];
  announcements: Announcement[] = [];
  /** undefined until the first update, so the first one loads. */
  private teamId: number | null | undefined = undefined;
  /** A facilitator placed or moved this player: told once the new team is loaded. */
  private placedBy: 'assign' | 'move' | null = null;
  /** Teammates' failed checks on tasks with rules, until the `lab` event of the same check arrives. */
  private readonly failedChecks = new Map<string, WrongEvent>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly deps: TeamFeedDeps,
  ) {
    host.addController(this);
    new StreamController(
      host,
      {
        solve: (solve) => {
          if (solve.teamId !== this.teamId) return;
          const mine = isOwnAttempt(solve.challengeId, solve.taskId);
          this.add(solveActivity(solve, mine));
          if (mine) return;
          this.deps.toasts()?.show({
            message: t('toast.teamSolved', { task: localized(solve.taskTitle), challenge: localized(solve.challengeTitle), points: solve.awarded }),
            variant: 'success',
          });
        },
        clue: (clue) => {
          if ('released' in clue) return this.showRelease(clue);
          if (clue.teamId !== this.teamId) return;
          const mine = clue.playerId === this.deps.me().player.id;
          const title = this.deps.challengeTitle(clue.challengeId);
          this.add(clueActivity(clue, title ? { [this.deps.contentLang()]: title } : null, mine));
          if (mine) return;
          this.deps.toasts()?.show({ message: t('toast.teammateClue', { name: clue.playerName, index: clue.index, challenge: title ?? clue.challengeId }) });
        },
        // A teammate's wrong answer on a task with rules used an attempt or cost points: the team should know.
        wrong: (wrong) => {
          if (wrong.teamId !== this.teamId || wrong.playerId === this.deps.me().player.id) return;
          // A failed check is no wrong answer: the lab event that follows says it, with these counts.
          if (wrong.check) return void this.failedChecks.set(checkKey(wrong), wrong);
          const challenge = this.deps.challengeTitle(wrong.challengeId) ?? wrong.challengeId;
          const message =
            wrong.attemptsLeft !== null
              ? t('toast.teammateWrong', { name: wrong.playerName, challenge, left: wrong.attemptsLeft })
              : t('toast.teammateWrongPriced', { name: wrong.playerName, challenge, penalty: wrong.penalty });
          this.deps.toasts()?.show({ message });
        },
        lab: (lab) => {
          if (lab.teamId !== this.teamId || lab.playerId === this.deps.me().player.id) return;
          const challenge = this.deps.challengeTitle(lab.challengeId) ?? lab.challengeId;
          if (lab.action === 'reset') return this.deps.toasts()?.show({ message: t('toast.teammateLabReset', { name: lab.playerName, challenge }) });
          const wrong = this.failedChecks.get(checkKey(lab));
          this.failedChecks.delete(checkKey(lab));
          // A passing check solves the task: the solve's toast says so.
          if (lab.passed) return;
          this.deps.toasts()?.show({ message: checkMessage(lab, challenge, wrong) });
        },
        team: (change) => {
          if (change.reason !== 'joined' || change.playerId === undefined) return;
          if (change.playerId === this.deps.me().player.id) {
            // The team's name is known once the shell has reloaded the player (hostUpdate).
            if (change.via === 'assign' || change.via === 'move') this.placedBy = change.via;
            return;
          }
          if (change.teamId !== this.teamId || !change.playerName) return;
          const key = change.via === 'match' ? 'toast.teammateMatched' : change.via ? 'toast.teammatePlaced' : 'toast.teammateJoined';
          this.deps.toasts()?.show({ message: t(key, { name: change.playerName }) });
        },
        announcement: (a) => this.showAnnouncement(a),
        // A score that changes with no solve needs saying, with the facilitator's reason.
        adjustment: (adjustment) => {
          if (adjustment.teamId !== this.teamId) return;
          this.add(adjustmentActivity(adjustment));
          this.deps.toasts()?.show({
            title: t('toast.adjusted.title'),
            message: t(adjustment.points >= 0 ? 'toast.adjusted.up' : 'toast.adjusted.down', {
              points: Math.abs(adjustment.points),
              reason: adjustment.reason,
            }),
            variant: adjustment.points >= 0 ? 'success' : 'warning',
            // Long enough to read twice; the activity list keeps it after.
            duration: 20_000,
          });
        },
      },
      { url: PLAYER_STREAM },
    );
  }

  hostUpdate(): void {
    const team = this.deps.me().team;
    const teamId = team?.id ?? null;
    if (teamId === this.teamId) return;
    this.teamId = teamId;
    if (team && this.placedBy) {
      this.deps.toasts()?.show({ message: t(this.placedBy === 'move' ? 'toast.movedToTeam' : 'toast.placedInTeam', { team: team.name }) });
      this.placedBy = null;
    }
    this.activity = teamId === null ? [] : loadActivity(teamId);
    if (teamId !== null) void this.seed(teamId);
    // Everyone's announcements, and those for the (new) team.
    void this.loadAnnouncements();
  }

  private add(item: ActivityItem): void {
    this.activity = addActivity(this.activity, item);
    if (typeof this.teamId === 'number') saveActivity(this.teamId, this.activity);
    this.host.requestUpdate();
  }

  /** Recent solves of the whole event, filtered to the team: a start for the list after a reload. */
  private async seed(teamId: number): Promise<void> {
    try {
      const { solves } = await getRecentSolves(50);
      let list = this.activity;
      for (const s of solves) if (s.teamId === teamId) list = addActivity(list, solveActivity(s, false));
      if (this.teamId !== teamId) return;
      this.activity = list;
      this.host.requestUpdate();
    } catch {
      // Live events still fill the list.
    }
  }

  private async loadAnnouncements(): Promise<void> {
    try {
      const { announcements } = await getAnnouncements();
      this.announcements = announcements;
      const now = Date.now();
      for (const a of [...announcements].reverse()) {
        const live = a.expiresAt === null || Date.parse(a.expiresAt) > now;
        if (live && !seenAnnouncement(a.id)) this.showAnnouncement(a, a.expiresAt ? Date.parse(a.expiresAt) - now : 0);
      }
      this.host.requestUpdate();
    } catch {
      // Announcements also arrive live; a failed first load only misses old ones.
    }
  }

  /** A clue turned free for everyone: said only for a challenge on this team's board. */
  private showRelease(clue: ClueReleaseEvent): void {
    const challenge = this.deps.challengeTitle(clue.challengeId);
    if (this.teamId === null || challenge === undefined) return;
    this.deps.toasts()?.show({
      message: t('toast.clueReleased', { index: clue.index, position: clue.taskIndex, task: localized(clue.taskTitle), challenge }),
      variant: 'info',
    });
  }

  private showAnnouncement(a: Announcement, durationMs?: number): void {
    markAnnouncementSeen(a.id);
    if (!this.announcements.some((x) => x.id === a.id)) this.announcements = [a, ...this.announcements];
    this.deps.toasts()?.show({
      title: t('toast.announcement'),
      message: localized(a.texts, this.deps.contentLang()) || a.text,
      variant: a.level === 'warning' ? 'warning' : 'info',
      duration: durationMs ?? (a.dismissAfterSeconds ? a.dismissAfterSeconds * 1000 : 0),
    });
    this.host.requestUpdate();
  }
}
