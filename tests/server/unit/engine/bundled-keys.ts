/**
 * Answer keys of the bundled set that a test cannot read back from the files alone.
 */

/**
 * A regex key has no accepted values to read back, so each regex task carries inputs here
 * that a player should be able to type, chosen from the task's prompt, clues and debrief in
 * its challenge.yaml. A new regex task fails the suite until it gets its own entry.
 */
export const REGEX_KNOWN_GOOD: Record<string, { good: string[]; bad: string[] }> = {
  // Debrief: "The **EC2 TimeSync service** distributes time ..."; clue 2 accepts "EC2 …" and "Amazon … Service".
  'aurora-limitless-routers/bounded-clocks': {
    good: ['EC2 TimeSync service', 'Amazon Time Sync Service', 'time sync', 'TimeSync', 'ＥＣ２　ＴｉｍｅＳｙｎｃ', 'Amazon EC2 タイムシンクサービス'],
    bad: ['NTP', 'TimeSync daemon', 'chrony'],
  },
  // Debrief: "**Amazon Route 53 Application Recovery Controller**"; clue 2: "Its three-letter short form is accepted too."
  'gray-failure/isolate-the-az': {
    good: [
      'Amazon Route 53 Application Recovery Controller',
      'Route 53 ARC',
      'ARC',
      'route53 arc',
      'Application Recovery Controller',
      'アプリケーションリカバリーコントローラー',
    ],
    bad: ['Route 53', 'Route 53 health checks', 'ARC Zonal Shift tool'],
  },
  // Debrief: "Creating the ENI ... took **10–30 seconds**" (ja: "10〜30 秒").
  'lambda-tuning/vpc-cold-start': {
    good: ['10–30 seconds', '10-30', '10 to 30 seconds', '10〜30 秒', '10s-30s', '１０～３０秒'],
    bad: ['10', '30 seconds', '100-300 ms', '1-3 seconds'],
  },
};


/**
 * For each choice, order and match task: phrases that would state its key, in English and
 * Japanese. The leak test fails when one appears in anything a team reads before solving the
 * task (briefing, summary, source, prompts, clues, other tasks' labels and debriefs).
 */
export const GIVEAWAYS: Record<string, { en: string[]; ja: string[] }> = {};
