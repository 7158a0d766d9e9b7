import type { AppContext } from '../../context.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Language } from '../challenges/challenge.ts';
import type { ChallengeService } from '../challenges/challenge.service.ts';
import {
  AwsError,
  LAB_REGION,
  type AnyLabModule,
  type AwsServiceDefinition,
  type CheckVerdict,
  type LabTeam,
  type OperationResult,
  resourceLabels,
} from './lab.ts';
import { labAccountId, labCredentials, labSeed, matchesAccessKeyId, teamIdFromAccessKeyId, type LabCredentials } from './lab-credentials.ts';
import { deriveLabFlag } from './lab.flags.ts';
import * as labStateRepository from './lab-state.repository.ts';
import { publish } from '../../realtime/outbox.ts';

export interface LabActor {
  teamId: number;
  playerId: number;
  displayName: string;
}

export { LAB_REGION } from './lab.ts';

export interface ResolvedKey {
  teamId: number;
  lab: AnyLabModule;
  service: AwsServiceDefinition<unknown>;
  credentials: LabCredentials;
}

/**
 * The labs platform: each team's lab state in the database (one row per team and lab,
 * created on first use, written under a row lock so concurrent calls of one team take
 * turns), credentials, checks and resets. Labs themselves are pure modules (lab.ts).
 */
/** How a team reaches a lab: endpoint and token, AWS credentials for AWS labs, resources and a first command. */
export type LabAccess = ReturnType<LabService['access']>;

export class LabService {
  readonly #labs = new Map<string, AnyLabModule>();

  constructor(
    private readonly ctx: AppContext,
    private readonly challenges: ChallengeService,
    labs: readonly AnyLabModule[],
  ) {
    for (const lab of labs) {
      if (this.#labs.has(lab.name)) throw new Error(`two labs are named ${lab.name}`);
      this.#labs.set(lab.name, lab);
    }
  }

  find(name: string): AnyLabModule | undefined {
    return this.#labs.get(name);
  }

  names(): string[] {
    return [...this.#labs.keys()];
  }

  team(teamId: number, lab: string): LabTeam {
    const seed = labSeed(this.ctx.secrets.labSecret, teamId, lab);
    return { teamId, seed, accountId: labAccountId(seed), flag: this.flagFor(teamId, lab) };
  }

  /** The team's flag for the `lab` task in play that uses `lab` (and names `slot`, or the lab's first flag), if any. */
  flagFor(teamId: number, lab: string, slot?: string): string | undefined {
    const first = this.#labs.get(lab)?.flags?.[0];
    const wanted = slot ?? first;
    for (const challenge of this.challenges.inPlay()) {
      for (const task of challenge.tasks) {
        if (task.answer.type !== 'lab' || task.answer.lab !== lab) continue;
        if ((task.answer.flag ?? first) !== wanted) continue;
        return deriveLabFlag(this.ctx.secrets.labSecret, teamId, challenge.id, task.id);
      }
    }
    return undefined;
  }

  credentials(teamId: number, lab: string, labToken: string): LabCredentials {
    return labCredentials(this.ctx.secrets.labSecret, teamId, lab, labToken);
  }

  /**
   * The team and lab an access key belongs to, for a request signed for `signingName`.
   * One primary-key read: the team id is in the key; the MAC over the team's current lab
   * token decides, so a rotated key stops working at once on every instance.
   */
  async resolveAccessKey(accessKeyId: string, signingName: string): Promise<ResolvedKey | undefined> {
    const teamId = teamIdFromAccessKeyId(accessKeyId);
    if (teamId === undefined) return undefined;
    const token = await labStateRepository.findLabToken(this.ctx.db, teamId);
    if (token === undefined) return undefined;
    for (const lab of this.#labs.values()) {
      const service = lab.aws?.find((s) => s.signingName === signingName);
      if (!service) continue;
      const credentials = this.credentials(teamId, lab.name, token);
      if (matchesAccessKeyId(credentials, accessKeyId)) return { teamId, lab, service, credentials };
    }
    return undefined;
  }

  /**
   * Runs `fn` on the team's current state as of `now` (the time of the call: a state created
   * on first use starts then, never after the call that sees it); a plain read unless the lab
   * wants to write.
   */
  async run<R extends OperationResult<unknown>>(
    teamId: number,
    lab: AnyLabModule,
    readOnly: boolean,
    now: Date,
    fn: (state: unknown, team: LabTeam) => R,
  ): Promise<R> {
    const team = this.team(teamId, lab.name);
    if (readOnly) {
      const state = await this.load(teamId, lab, team, now);
      return fn(state, team);
    }
    return this.ctx.database.transaction(async (trx) => {
      let row = await labStateRepository.lockState(trx, teamId, lab.name);
      if (!row) {
        await labStateRepository.insertState(trx, teamId, lab.name, this.serialise(lab, lab.initialState(team, now)), now);
        row = await labStateRepository.lockState(trx, teamId, lab.name);
      }
      const result = fn(lab.schema.parse(row?.state), team);
      if (result.state !== undefined) await labStateRepository.writeState(trx, teamId, lab.name, this.serialise(lab, result.state), now);
      return result;
    });
  }

  /** The state as it stands, created on first use. */
  private async load(teamId: number, lab: AnyLabModule, team: LabTeam, now: Date): Promise<unknown> {
    const row = await labStateRepository.findState(this.ctx.db, teamId, lab.name);
    if (row) return lab.schema.parse(row.state);
    await labStateRepository.insertState(this.ctx.db, teamId, lab.name, this.serialise(lab, lab.initialState(team, now)), now);
    const created = await labStateRepository.findState(this.ctx.db, teamId, lab.name);
    return lab.schema.parse(created?.state);
  }

  private serialise(lab: AnyLabModule, state: unknown): string {
    const json = JSON.stringify(state);
    if (Buffer.byteLength(json) > lab.maxStateBytes)
      throw new AwsError('LimitExceededException', `The lab ${lab.name} has reached its size limit; restart the lab to begin again.`);
    return json;
  }

  /**
   * Puts the team's lab back to its starting state (AWS Jam's "restart challenge") and tells
   * the teammates; returns how many resets the team has used on this lab.
   */
  async reset(actor: LabActor, where: { challengeId: string; taskId: string }, labName: string): Promise<number> {
    const lab = this.require(labName);
    const now = this.ctx.now();
    const state = this.serialise(lab, lab.initialState(this.team(actor.teamId, lab.name), now));
    return this.ctx.database.transaction(async (trx) => {
      const resets = await labStateRepository.resetState(trx, actor.teamId, lab.name, state, now);
      await publish(trx, {
        type: 'lab',
        scope: 'team',
        teamId: actor.teamId,
        payload: {
          teamId: actor.teamId,
          ...where,
          lab: lab.name,
          action: 'reset',
          playerId: actor.playerId,
          playerName: actor.displayName,
          resets,
          at: now.toISOString(),
        },
      });
      return resets;
    });
  }

  /** Tells the teammates that someone checked their progress (the attempt itself is logged by play). */
  async announceCheck(
    actor: LabActor,
    where: { challengeId: string; taskId: string },
    labName: string,
    summary: { passed: boolean; done: number; total: number },
  ) {
    await this.ctx.database.autocommit((db) =>
      publish(db, {
        type: 'lab',
        scope: 'team',
        teamId: actor.teamId,
        payload: {
          teamId: actor.teamId,
          ...where,
          lab: labName,
          action: 'check',
          playerId: actor.playerId,
          playerName: actor.displayName,
          passed: summary.passed,
          done: summary.done,
          total: summary.total,
          at: this.ctx.now().toISOString(),
        },
      }),
    );
  }

  /** Runs a lab's validator on the team's current state. */
  async check(teamId: number, labName: string, checkName: string): Promise<CheckVerdict> {
    const lab = this.require(labName);
    const check = lab.checks?.[checkName];
    if (!check) throw new DomainError('not_found', `lab ${labName} has no check "${checkName}"`);
    const team = this.team(teamId, lab.name);
    const now = this.ctx.now();
    const state = await this.load(teamId, lab, team, now);
    return check(state, { now, team });
  }

  /** What the lab panel shows a member of the team: endpoint, credentials, resources, first command. */
  access(teamId: number, labToken: string, labName: string, origin: string, language: Language) {
    const lab = this.require(labName);
    const endpoint = lab.aws ? `${origin}/labs/aws` : `${origin}/labs/${lab.httpPath ?? lab.name}`;
    const credentials = this.credentials(teamId, lab.name, labToken);
    const connection = lab.connection(this.team(teamId, lab.name), { endpoint, region: LAB_REGION, token: labToken, ...credentials }, language);
    return {
      endpoint,
      token: labToken,
      ...(lab.aws ? { aws: { endpoint, region: LAB_REGION, accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey } } : {}),
      resources: connection.resources,
      /** What the panel calls each resource, in the reader's language. */
      resourceLabels: resourceLabels(connection, language),
      firstCommand: connection.firstCommand,
      ...(connection.sdk ? { sdk: connection.sdk } : {}),
    };
  }

  async resets(teamId?: number) {
    return labStateRepository.listResets(this.ctx.db, teamId);
  }

  private require(name: string): AnyLabModule {
    const lab = this.#labs.get(name);
    if (!lab) throw new DomainError('not_found', `no lab named "${name}"`);
    return lab;
  }
}
