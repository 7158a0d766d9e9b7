/** Durations and sizes of one benchmark run (`--quick` shortens the measurements, not the event). */
export interface BenchSettings {
  durationSec: number;
  warmupSec: number;
  /** Alternating runs of the ceiling and the scoreboard; the better of each counts. */
  rounds: number;
  readConnections: number;
  attemptConnections: number;
  backgroundSolvesPerSec: number;
  teams: number;
  teamSize: number;
  fanoutClients: number;
  fanoutSolves: number;
  burstPlayers: number;
  /** The burst stress: players acting without pauses, for this long. */
  stressPlayers: number;
  stressSec: number;
  /** Optional: write V8 CPU profiles of the servers here. */
  profileDir: string | undefined;
}

export function benchSettings(quick: boolean, profileDir: string | undefined): BenchSettings {
  return {
    durationSec: quick ? 3 : 8,
    warmupSec: quick ? 1 : 2,
    rounds: quick ? 1 : 2,
    readConnections: 32,
    attemptConnections: 64,
    backgroundSolvesPerSec: 100,
    teams: Number(process.env.BENCH_TEAMS ?? 2000),
    teamSize: 4,
    fanoutClients: 10_000,
    fanoutSolves: quick ? 5 : 15,
    burstPlayers: 5000,
    stressPlayers: 200,
    stressSec: quick ? 10 : 25,
    profileDir,
  };
}
