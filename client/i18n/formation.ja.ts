import type { formationEn } from './formation.en.ts';

/** Japanese strings for forming teams in the player app (formation.en.ts). Spread into ja.ts. */
export const formationJa: Record<keyof typeof formationEn, string> = {
  'lobby.match.title': 'おまかせでチームに参加する',
  'lobby.match.intro': 'おひとりで参加の方は、経験と今日の目的を選んでください。空きのある、あなたに合ったチームに参加できます。',
  'lobby.match.skill': 'AWS の経験',
  'lobby.match.skill.1': '1 · はじめて',
  'lobby.match.skill.2': '2 · 少し触ったことがある',
  'lobby.match.skill.3': '3 · 仕事で使っている',
  'lobby.match.skill.4': '4 · 経験豊富',
  'lobby.match.skill.5': '5 · エキスパート',
  'lobby.match.goal': '今日の目的',
  'lobby.match.goal.learn': '学ぶ',
  'lobby.match.goal.learnHint': 'じっくり試して理解したい',
  'lobby.match.goal.win': '勝つ',
  'lobby.match.goal.winHint': '順位の上位を目指したい',
  'lobby.match.submit': 'チームを探す',
  'lobby.match.skillRequired': '経験を選んでください。',
  'lobby.match.goalRequired': '目的を選んでください。',
  'lobby.match.full': '候補のチームがちょうど満員になりました。もう一度お試しください。',
  'lobby.ended': 'イベントは終了したため、チームを作ることはできません。',
  'join.error.ended': 'このイベントは終了しました。参加の受け付けは締め切りました。',

  'toast.teammateJoined': '{name} さんがチームに参加しました。',
  'toast.teammateMatched': '{name} さんがおまかせ参加でチームに加わりました。',
  'toast.teammatePlaced': '運営スタッフが {name} さんをチームに加えました。',
  'toast.placedInTeam': '運営スタッフがあなたを {team} に加えました。',
  'toast.movedToTeam': '運営スタッフがあなたを {team} に移しました。',
};
