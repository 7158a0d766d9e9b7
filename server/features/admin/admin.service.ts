import type { AppContext } from '../../context.ts';
import type { ChallengeService } from '../challenges/challenge.service.ts';
import type { EventService } from '../event/event.service.ts';
import type { TeamsService } from '../teams/teams.service.ts';
import { AdminReportsService } from './admin-reports.service.ts';
import { AdminResultsService } from './admin-results.service.ts';
import { AdminTeamsService } from './admin-teams.service.ts';

/** The admin console's use cases, one service per area, built once per instance. */
export class AdminService {
  readonly teams: AdminTeamsService;
  readonly reports: AdminReportsService;
  readonly results: AdminResultsService;

  constructor(ctx: AppContext, events: EventService, challenges: ChallengeService, teams: TeamsService) {
    this.teams = new AdminTeamsService(ctx, events, challenges, teams);
    this.reports = new AdminReportsService(ctx, challenges);
    this.results = new AdminResultsService(ctx, events);
  }
}
