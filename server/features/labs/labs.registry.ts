/** Every lab the platform serves. Adding a lab is one folder and one line here (docs/labs.md). */
import type { AnyLabModule } from './lab.ts';
import { auroraSwitchoverLab } from './aurora/aurora.lab.ts';
import { ecrRegistryLab } from './ecr/ecr.lab.ts';
import { dynamodbRightSizeLab } from './dynamodb/dynamodb.lab.ts';
import { grayFailureLab } from './gray-failure/gray.lab.ts';
import { kinesisHotShardLab } from './kinesis/kinesis.lab.ts';
import { lambdaReportLinesLab } from './lambda/lambda.lab.ts';
import { limitlessRoutingLab } from './limitless/limitless.lab.ts';

export const LABS: readonly AnyLabModule[] = [
  auroraSwitchoverLab,
  dynamodbRightSizeLab,
  ecrRegistryLab,
  grayFailureLab,
  kinesisHotShardLab,
  lambdaReportLinesLab,
  limitlessRoutingLab,
];
