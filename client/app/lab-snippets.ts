/**
 * Ready-to-paste set-up for a lab's AWS credentials: shell environment, `aws configure`
 * for a named profile, and the SDK for JavaScript v3. Pure: the lab panel renders these.
 */
export interface LabAws {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export const LAB_PROFILE = 'jamboree';

/** Single quotes keep `+` and `/` in a secret literal in every POSIX shell. */
function quote(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

export function shellSnippet(aws: LabAws): string {
  return [
    `export AWS_ACCESS_KEY_ID=${quote(aws.accessKeyId)}`,
    `export AWS_SECRET_ACCESS_KEY=${quote(aws.secretAccessKey)}`,
    `export AWS_DEFAULT_REGION=${quote(aws.region)}`,
    `export AWS_ENDPOINT_URL=${quote(aws.endpoint)}`,
  ].join('\n');
}

export function configureSnippet(aws: LabAws, profile = LAB_PROFILE): string {
  return [
    `aws configure set aws_access_key_id ${quote(aws.accessKeyId)} --profile ${profile}`,
    `aws configure set aws_secret_access_key ${quote(aws.secretAccessKey)} --profile ${profile}`,
    `aws configure set region ${quote(aws.region)} --profile ${profile}`,
  ].join('\n');
}

/**
 * The SDK speaks HTTP/2 to some services by default, which a plain `http://` endpoint does
 * not offer: the snippet sets the HTTP/1.1 handler.
 */
export function sdkSnippet(aws: LabAws, sdk: { package: string; client: string }): string {
  return [
    `import { ${sdk.client} } from '${sdk.package}';`,
    `import { NodeHttpHandler } from '@smithy/node-http-handler';`,
    '',
    `const client = new ${sdk.client}({`,
    `  endpoint: ${JSON.stringify(aws.endpoint)},`,
    `  region: ${JSON.stringify(aws.region)},`,
    `  credentials: { accessKeyId: ${JSON.stringify(aws.accessKeyId)}, secretAccessKey: ${JSON.stringify(aws.secretAccessKey)} },`,
    '  requestHandler: new NodeHttpHandler(),',
    '});',
  ].join('\n');
}
