/**
 * `gray-failure-az`: find the sick AZ and cut it off, as the AWS Summit Japan 2024
 * Architecture Dojo (case 1) designed it. One AZ of the team's payments ALB is in a gray
 * failure: health checks pass, yet its requests fail and slow down and its canary to the
 * primary database fails. The team reads CloudWatch (ALB metrics per AZ, canaries), rules out
 * the decoys, maps the AZ name to its ID (EC2), turns cross-zone load balancing off on the
 * target group (ELBv2) and starts an ARC zonal shift away from the AZ ID.
 */
import { cloudWatchService } from '../aws/cloudwatch.ts';
import { LAB_REGION, type LabModule, type ProgressItem } from '../lab.ts';
import { arcService, ec2Service } from './gray.arc.ts';
import { elbService } from './gray.elb.ts';
import { grayMetrics } from './gray.metrics.ts';
import {
  activeShiftAt,
  type GrayState,
  GrayStateSchema,
  initialGrayState,
  LAB_NAME,
  LOAD_BALANCER_NAME,
  scenario,
  TARGET_GROUP_NAME,
  tgAttribute,
} from './gray.model.ts';

function crossZoneOff(state: GrayState): ProgressItem {
  return {
    label: {
      en: `Cross-zone load balancing is off for the target group ${TARGET_GROUP_NAME}`,
      ja: `ターゲットグループ ${TARGET_GROUP_NAME} のクロスゾーン負荷分散がオフになっている`,
    },
    done: tgAttribute(state, 'load_balancing.cross_zone.enabled') === 'false',
  };
}

export const grayFailureLab: LabModule<GrayState> = {
  name: LAB_NAME,
  title: { en: 'Gray failure: find the sick AZ', ja: 'グレー障害: 不調な AZ を見つける' },
  schema: GrayStateSchema,
  initialState: (_team, now) => initialGrayState(now.getTime()),
  maxStateBytes: 64 * 1024,
  aws: [cloudWatchService(grayMetrics), elbService, arcService, ec2Service],
  checks: {
    'cross-zone-off'(state) {
      const progress = [crossZoneOff(state)];
      return { passed: progress.every((p) => p.done), progress };
    },
    'sick-az-isolated'(state, { now, team }) {
      const sc = scenario(team.seed, team.accountId, LAB_REGION);
      const shift = activeShiftAt(state, now.getTime());
      const progress = [
        crossZoneOff(state),
        {
          label: {
            en: `A zonal shift is active on the load balancer ${LOAD_BALANCER_NAME}`,
            ja: `ロードバランサー ${LOAD_BALANCER_NAME} でゾーンシフトが有効になっている`,
          },
          done: shift !== undefined,
        },
        {
          label: {
            en: 'Traffic is shifted away from the AZ where every alarm condition holds',
            ja: 'すべてのアラーム条件を満たす AZ からトラフィックが移されている',
          },
          done: shift?.awayFrom === sc.sick.id,
        },
      ];
      return { passed: progress.every((p) => p.done), progress };
    },
  },
  connection(_team, access) {
    return {
      resources: { loadBalancerName: LOAD_BALANCER_NAME, targetGroupName: TARGET_GROUP_NAME, region: access.region },
      labels: {
        loadBalancerName: { en: 'Load balancer name', ja: 'ロードバランサー名' },
        targetGroupName: { en: 'Target group name', ja: 'ターゲットグループ名' },
        region: { en: 'Region', ja: 'リージョン' },
      },
      firstCommand: `aws cloudwatch list-metrics --namespace AWS/ApplicationELB --metric-name HTTPCode_Target_5XX_Count --endpoint-url ${access.endpoint} --region ${access.region}`,
      sdk: { package: '@aws-sdk/client-cloudwatch', client: 'CloudWatchClient' },
    };
  },
};
