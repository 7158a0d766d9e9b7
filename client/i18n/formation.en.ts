/**
 * English strings for forming teams in the player app: "match me to a team", being placed
 * or moved by a facilitator, and joining after the end. Spread into en.ts.
 */
export const formationEn = {
  'lobby.match.title': 'Match me to a team',
  'lobby.match.intro': 'Came alone? Say how experienced you are and why you came, and you join a team with a free seat that fits.',
  'lobby.match.skill': 'Your experience with AWS',
  'lobby.match.skill.1': '1 · New to it',
  'lobby.match.skill.2': '2 · Some hands-on',
  'lobby.match.skill.3': '3 · Use it at work',
  'lobby.match.skill.4': '4 · Experienced',
  'lobby.match.skill.5': '5 · Expert',
  'lobby.match.goal': 'Your goal today',
  'lobby.match.goal.learn': 'Learn',
  'lobby.match.goal.learnHint': 'Take time to explore and understand',
  'lobby.match.goal.win': 'Win',
  'lobby.match.goal.winHint': 'Race for the top of the board',
  'lobby.match.submit': 'Find me a team',
  'lobby.match.skillRequired': 'Please choose your experience.',
  'lobby.match.goalRequired': 'Please choose your goal.',
  'lobby.match.full': 'Those teams filled up just now. Please try again.',
  'lobby.ended': 'The event has ended, so teams can no longer be formed.',
  'join.error.ended': 'This event has ended. Joining is closed.',

  'toast.teammateJoined': '{name} joined your team.',
  'toast.teammateMatched': '{name} was matched to your team.',
  'toast.teammatePlaced': 'A facilitator placed {name} in your team.',
  'toast.placedInTeam': 'A facilitator placed you in {team}.',
  'toast.movedToTeam': 'A facilitator moved you to {team}.',
} as const;
