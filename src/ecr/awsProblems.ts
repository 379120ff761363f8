// Turns whatever an ECR call threw (an AWS service error, a credential provider's error, a
// network error) into an AwsProblem: one kind the views can act on, a message that says what to
// do, and a fix command when one exists. Messages are English; the views translate fixed parts.
import { ENVIRONMENT_PROFILE, type AwsProblem, type Connection, type ProblemKind } from './model';
import type { CredentialKind } from './profiles';
import { redactSecrets } from './redact';

interface ErrorFacts {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly httpStatus?: number;
  readonly attempts?: number;
  readonly fault?: string;
  readonly endpoint?: string;
}

const ACCESS_DENIED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'InvalidClientTokenId',
  'IncompleteSignature',
  'MissingAuthenticationToken',
  'NotAuthorized',
]);
const THROTTLED = new Set([
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'Throttling',
  'RequestLimitExceeded',
  'SlowDown',
  'ProvisionedThroughputExceededException',
  'RequestThrottled',
  'RequestThrottledException',
]);
const EXPIRED = new Set(['ExpiredTokenException', 'ExpiredToken', 'RequestExpired', 'TokenRefreshRequired']);
const INVALID_INPUT = new Set([
  'InvalidParameterException',
  'ValidationException',
  'InvalidTagParameterException',
  'TooManyTagsException',
  'InvalidLayerPartException',
  'InvalidLayerException',
  'RepositoryNotEmptyException',
  'RepositoryAlreadyExistsException',
  'ImageTagAlreadyExistsException',
  'ImageAlreadyExistsException',
  'LimitExceededException',
  'UnsupportedImageTypeException',
  'SerializationException',
]);
const RETRYABLE_SERVICE = new Set(['ServerException', 'InternalServerException', 'InternalFailure', 'ServiceUnavailable', 'ServiceUnavailableException']);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * Describes `error`, thrown by a call made for `connection`. `credentialKind` (from the profile
 * list) sharpens the advice for expired credentials: SSO profiles sign in again, others configure.
 */
export function describeAwsProblem(error: unknown, connection: Connection, credentialKind?: CredentialKind): AwsProblem {
  const facts = factsOf(error);
  const where = describeConnection(connection);
  const message = facts.message;
  const isEnvironment = connection.profile === ENVIRONMENT_PROFILE;

  const problem = (kind: ProblemKind, text: string, retryable: boolean, fixCommand?: string): AwsProblem => ({
    kind,
    message: redactSecrets(text),
    retryable,
    ...(facts.name && facts.name !== 'Error' ? { errorName: facts.name } : {}),
    ...(fixCommand ? { fixCommand } : {}),
  });
  const ssoLogin = `aws sso login --profile ${shellQuote(connection.profile)}`;

  // Credential providers first: their errors say more than a generic name.
  if (
    /SSO session .*(?:expired|invalid)|SSO session token .*not found|Token is expired|sso login|SSO Token|sso_session|Cannot refresh/i.test(message) &&
    !/multi-factor/i.test(message)
  ) {
    return problem(
      'sso-login',
      `The SSO sign-in for ${where} is missing or has expired. Sign in again with "${ssoLogin}", then retry.`,
      false,
      ssoLogin,
    );
  }
  if (/multi-factor authentication|MFA code|mfa_serial/i.test(message)) {
    return problem('mfa-required', `${capitalise(where)} assumes a role that requires an MFA code. Enter the current code from your MFA device.`, false);
  }
  if (EXPIRED.has(facts.name) || /returned expired credentials|credentials? (?:have|has) expired|security token included in the request is expired/i.test(message)) {
    if (isEnvironment) {
      return problem(
        'expired-credentials',
        'The credentials in the environment variables (AWS_ACCESS_KEY_ID, AWS_SESSION_TOKEN, …) have expired. Refresh them and restart VS Code from that shell.',
        false,
      );
    }
    if (credentialKind === 'sso') {
      return problem('expired-credentials', `The credentials of ${where} have expired. Sign in again with "${ssoLogin}", then retry.`, false, ssoLogin);
    }
    if (credentialKind === 'process' || /credential_process/i.test(message)) {
      return problem(
        'expired-credentials',
        `The credential_process of ${where} returned expired credentials. Renew what that command reads (for example sign in to your credential tool again), then retry.`,
        false,
      );
    }
    const configure = `aws configure --profile ${shellQuote(connection.profile)}`;
    return problem(
      'expired-credentials',
      `The credentials of ${where} have expired. Renew them (for temporary keys, get a new session token; for stored keys, "${configure}"), then retry.`,
      false,
      configure,
    );
  }
  if (facts.name === 'CredentialsProviderError' || facts.name === 'TokenProviderError' || /Could not load credentials|Unable to find environment variable credentials|could not be found in shared credentials|Profile .* (?:was not found|could not be found)|Could not resolve credentials/i.test(message)) {
    if (isEnvironment) {
      return problem(
        'no-credentials',
        'No AWS credentials in the environment: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary keys) before starting VS Code, or choose a profile.',
        false,
      );
    }
    const configure = `aws configure --profile ${shellQuote(connection.profile)}`;
    const detail = message ? ` (${trimSentence(message)})` : '';
    return problem(
      'no-credentials',
      `Could not load credentials for ${where}${detail}. Check the profile in ~/.aws/config and ~/.aws/credentials, or set it up with "${configure}".`,
      false,
      configure,
    );
  }
  if (ACCESS_DENIED.has(facts.name) || facts.httpStatus === 403) {
    const detail = message ? ` ${trimSentence(message)}.` : '';
    return problem(
      'access-denied',
      `AWS refused the request for ${where}.${detail} Check that the credentials are valid and that their IAM policy allows this ECR action.`,
      false,
    );
  }
  if (THROTTLED.has(facts.name) || facts.httpStatus === 429) {
    const attempts = facts.attempts && facts.attempts > 1 ? ` after ${facts.attempts} attempts` : '';
    return problem('throttled', `ECR is still throttling requests for ${where}${attempts}. Wait a moment, then retry.`, true);
  }
  if (isNetworkError(facts)) {
    const endpoint = facts.endpoint ? ` at ${facts.endpoint}` : '';
    const reason = networkReason(facts);
    return problem(
      'unreachable',
      `Could not reach ECR${endpoint} for ${where}: ${reason}. Check the network, the proxy setting (http.proxy) and any endpoint override (AWS_ENDPOINT_URL_ECR, endpoint_url), then retry.`,
      true,
    );
  }
  if (facts.name.endsWith('NotFoundException')) {
    return problem('not-found', `${trimSentence(message) || facts.name}. It may have been deleted: refresh the view.`, false);
  }
  if (INVALID_INPUT.has(facts.name) || facts.name.startsWith('Invalid') || facts.name.endsWith('ValidationException')) {
    return problem('invalid-input', `ECR refused the request: ${trimSentence(message) || facts.name}. Correct the input and try again.`, false);
  }
  const retryable = RETRYABLE_SERVICE.has(facts.name) || facts.fault === 'server' || (facts.httpStatus !== undefined && facts.httpStatus >= 500);
  const label = facts.name && facts.name !== 'Error' ? `${facts.name}: ` : '';
  return problem(
    'service',
    `ECR reported an error for ${where}: ${label}${trimSentence(message) || 'no details'}.${retryable ? ' This is usually temporary: retry.' : ''}`,
    retryable,
  );
}

/** "profile dev in eu-west-1" / "the environment's credentials in eu-west-1". */
export function describeConnection(connection: Connection): string {
  const who = connection.profile === ENVIRONMENT_PROFILE ? "the environment's credentials" : `profile "${connection.profile}"`;
  return `${who} in ${connection.region}`;
}

function factsOf(error: unknown): ErrorFacts {
  if (typeof error !== 'object' || error === null) {
    return { name: 'Error', message: typeof error === 'string' ? error : String(error) };
  }
  const record = error as Record<string, unknown> & { $metadata?: { httpStatusCode?: number; attempts?: number } };
  // An AggregateError (Node tries IPv4 and IPv6) carries the useful code on its parts.
  const inner = Array.isArray(record['errors']) ? (record['errors'] as unknown[]).find((e) => typeof e === 'object' && e !== null) : undefined;
  const innerRecord = inner as Record<string, unknown> | undefined;
  const cause = typeof record['cause'] === 'object' && record['cause'] !== null ? (record['cause'] as Record<string, unknown>) : undefined;
  const code = stringOf(record['code']) ?? stringOf(innerRecord?.['code']) ?? stringOf(cause?.['code']);
  const address = stringOf(record['address']) ?? stringOf(innerRecord?.['address']);
  const port = record['port'] ?? innerRecord?.['port'];
  const endpoint =
    stringOf(record['requestEndpoint']) ??
    (address ? `${address}${typeof port === 'number' ? `:${port}` : ''}` : undefined) ??
    stringOf(record['hostname']);
  const name = stringOf(record['name']) ?? 'Error';
  const message = stringOf(record['message']) ?? stringOf(innerRecord?.['message']) ?? '';
  return {
    name: name === 'Error' && typeof record['__type'] === 'string' ? record['__type'] : name,
    message,
    ...(code ? { code } : {}),
    ...(record.$metadata?.httpStatusCode !== undefined ? { httpStatus: record.$metadata.httpStatusCode } : {}),
    ...(record.$metadata?.attempts !== undefined ? { attempts: record.$metadata.attempts } : {}),
    ...(typeof record['$fault'] === 'string' ? { fault: record['$fault'] } : {}),
    ...(endpoint ? { endpoint } : {}),
  };
}

function isNetworkError(facts: ErrorFacts): boolean {
  if (facts.code && NETWORK_CODES.has(facts.code)) {
    return true;
  }
  if (facts.name === 'TimeoutError' || facts.name === 'RequestTimeout' || facts.name === 'AbortError' && /timeout/i.test(facts.message)) {
    return true;
  }
  return /socket hang up|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|getaddrinfo|connect EHOSTUNREACH|timed out|tunneling socket|proxy/i.test(facts.message) && facts.httpStatus === undefined;
}

function networkReason(facts: ErrorFacts): string {
  const text = `${facts.code ?? ''} ${facts.message}`;
  if (/ENOTFOUND|EAI_AGAIN|getaddrinfo/.test(text)) {
    return 'the host name does not resolve';
  }
  if (/ECONNREFUSED/.test(text)) {
    return 'the connection was refused';
  }
  if (/ETIMEDOUT|timed? ?out|TimeoutError|CONNECT_TIMEOUT/i.test(text) || facts.name === 'TimeoutError') {
    return 'the connection timed out';
  }
  if (/CERT|SELF_SIGNED|certificate/i.test(text)) {
    return 'the TLS certificate was not trusted (a proxy that inspects TLS needs http.proxyStrictSSL off or its CA trusted)';
  }
  if (/socket hang up|ECONNRESET|EPIPE/i.test(text)) {
    return 'the connection was closed unexpectedly';
  }
  return trimSentence(facts.message) || 'a network error';
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function trimSentence(text: string): string {
  return text.trim().replace(/[.\s]+$/, '');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Quotes a profile name for a POSIX shell or PowerShell when it has anything unusual in it. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_.@+:=-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`;
}
