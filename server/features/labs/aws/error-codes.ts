/** How the platform's own errors and a service's errors are named on each protocol. */
import type { AwsError, AwsServiceDefinition } from '../lab.ts';

/** The service a request reached, once its signature named one; unknown before that. */
export type ServiceOf = AwsServiceDefinition<unknown> | undefined;

/**
 * The code and status an error has on the query protocols. The platform's own errors
 * (signature, operation, validation) are named as query services name them; a service's
 * errors by its model's `awsQueryError` codes.
 */
const QUERY_ERRORS: Readonly<Record<string, { query: string; status?: number; ec2?: string }>> = {
  MissingAuthenticationTokenException: { query: 'MissingAuthenticationToken', status: 403, ec2: 'AuthFailure' },
  IncompleteSignatureException: { query: 'IncompleteSignature', ec2: 'AuthFailure' },
  UnrecognizedClientException: { query: 'InvalidClientTokenId', status: 403, ec2: 'AuthFailure' },
  InvalidSignatureException: { query: 'SignatureDoesNotMatch', status: 403, ec2: 'AuthFailure' },
  UnknownOperationException: { query: 'InvalidAction' },
  ValidationException: { query: 'ValidationError', ec2: 'InvalidParameterValue' },
  SerializationException: { query: 'MalformedQueryString', ec2: 'InvalidParameterValue' },
  InternalFailureException: { query: 'InternalFailure', status: 500, ec2: 'InternalError' },
};

export function queryError(error: AwsError, service: ServiceOf, flavour: 'query' | 'ec2'): { code: string; status: number } {
  const own = service?.errors?.[error.code];
  if (own) return { code: own.query ?? error.code, status: own.status ?? error.status };
  const platform = QUERY_ERRORS[error.code];
  if (!platform) return { code: error.code, status: error.status };
  const status = flavour === 'ec2' && platform.ec2 === 'AuthFailure' ? 401 : (platform.status ?? error.status);
  return { code: (flavour === 'ec2' ? platform.ec2 : undefined) ?? platform.query, status };
}
