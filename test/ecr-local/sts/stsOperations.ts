// The two STS operations an explorer meets: AssumeRole (an assume-role profile, with or without
// MFA) and GetCallerIdentity ("who am I"). Parameter rules and messages follow STS's; the answer
// is a list of XML elements that stsEndpoint.ts wraps in the response envelope.
import { ApiError } from '../protocol/apiError';
import { ACCOUNT_ID } from '../store/account';
import type { StsSessions } from './sessions';

export interface StsCall {
  readonly params: URLSearchParams;
  /** The access key the request was signed with, if it was signed. */
  readonly accessKeyId: string | undefined;
  readonly sessions: StsSessions;
  readonly now: number;
}

/** An XML element tree: a text leaf, or named children in order. */
export type XmlNode = string | ReadonlyArray<readonly [string, XmlNode]>;

export type StsOperation = (call: StsCall) => XmlNode;

const DEFAULT_DURATION_SECONDS = 3600;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[\u0021-\u007e]+\/)?([\w+=,.@-]{1,64})$/;
const ROLE_SESSION_NAME = /^[\w+=,.@-]*$/;
const SERIAL_NUMBER = /^[\w+=/:,.@-]*$/;
const MFA_FAILED = 'MultiFactorAuthentication failed with invalid MFA one time pass code.';

/** STS's (coral's) wording for a parameter that breaks a constraint of the model. */
function validationError(value: string, member: string, constraint: string): ApiError {
  return new ApiError('ValidationError', `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${constraint}`);
}

function requiredParam(params: URLSearchParams, name: string): string {
  const value = params.get(name);
  if (value === null) {
    throw new ApiError('MissingParameter', `The request must contain the parameter ${name}.`);
  }
  return value;
}

function checkString(value: string, member: string, min: number, max: number, pattern?: RegExp): void {
  if (value.length < min) {
    throw validationError(value, member, `Member must have length greater than or equal to ${min}`);
  }
  if (value.length > max) {
    throw validationError(value, member, `Member must have length less than or equal to ${max}`);
  }
  if (pattern && !pattern.test(value)) {
    throw validationError(value, member, `Member must satisfy regular expression pattern: ${pattern.source.slice(1, -1)}`);
  }
}

/** ISO 8601 in whole seconds, as STS writes Expiration. */
export function stsTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function assumeRole(call: StsCall): XmlNode {
  const { params } = call;
  const roleArn = requiredParam(params, 'RoleArn');
  const roleSessionName = requiredParam(params, 'RoleSessionName');
  checkString(roleArn, 'roleArn', 20, 2048);
  checkString(roleSessionName, 'roleSessionName', 2, 64, ROLE_SESSION_NAME);
  const durationText = params.get('DurationSeconds');
  let durationSeconds = DEFAULT_DURATION_SECONDS;
  if (durationText !== null) {
    durationSeconds = Number(durationText);
    if (durationText.trim() === '' || !Number.isInteger(durationSeconds)) {
      throw new ApiError('ValidationError', `Value '${durationText}' for parameter DurationSeconds is invalid. It must be an integer.`);
    }
    if (durationSeconds < 900) {
      throw validationError(durationText, 'durationSeconds', 'Member must have value greater than or equal to 900');
    }
    if (durationSeconds > 43200) {
      throw validationError(durationText, 'durationSeconds', 'Member must have value less than or equal to 43200');
    }
  }
  const serialNumber = params.get('SerialNumber');
  if (serialNumber !== null) {
    checkString(serialNumber, 'serialNumber', 9, 256, SERIAL_NUMBER);
    // ecr-local accepts any six digits but 000000, so tests can provoke a wrong code on purpose.
    const tokenCode = params.get('TokenCode');
    if (tokenCode === null || !/^\d{6}$/.test(tokenCode) || tokenCode === '000000') {
      throw new ApiError('AccessDenied', MFA_FAILED, 403);
    }
  }
  const role = ROLE_ARN.exec(roleArn);
  if (!role) {
    throw new ApiError('ValidationError', `${roleArn} is invalid: a role ARN looks like arn:aws:iam::${ACCOUNT_ID}:role/NAME`);
  }
  const caller = call.accessKeyId !== undefined ? callerArn(call) : `arn:aws:iam::${ACCOUNT_ID}:user/ecr-local`;
  if (role[1] !== ACCOUNT_ID) {
    throw new ApiError(
      'AccessDenied',
      `User: ${caller} is not authorized to perform: sts:AssumeRole on resource: ${roleArn} (ecr-local serves only account ${ACCOUNT_ID})`,
      403,
    );
  }
  const session = call.sessions.issue(roleArn, roleSessionName, call.now + durationSeconds * 1000, call.now);
  return [
    [
      'Credentials',
      [
        ['AccessKeyId', session.accessKeyId],
        ['SecretAccessKey', session.secretAccessKey],
        ['SessionToken', session.sessionToken],
        ['Expiration', stsTimestamp(session.expiresAt)],
      ],
    ],
    [
      'AssumedRoleUser',
      [
        ['AssumedRoleId', `${session.roleId}:${roleSessionName}`],
        ['Arn', `arn:aws:sts::${ACCOUNT_ID}:assumed-role/${session.roleName}/${roleSessionName}`],
      ],
    ],
    ['PackedPolicySize', '0'],
  ];
}

/** The ARN of whoever signed the request: an assumed role for our session keys, a user otherwise. */
function callerArn(call: StsCall): string {
  const session = call.accessKeyId !== undefined ? call.sessions.find(call.accessKeyId) : undefined;
  return session
    ? `arn:aws:sts::${ACCOUNT_ID}:assumed-role/${session.roleName}/${session.roleSessionName}`
    : `arn:aws:iam::${ACCOUNT_ID}:user/ecr-local`;
}

export function getCallerIdentity(call: StsCall): XmlNode {
  const accessKeyId = call.accessKeyId;
  if (accessKeyId === undefined) {
    throw new ApiError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
  }
  const session = call.sessions.find(accessKeyId);
  if (accessKeyId.startsWith('ASIA')) {
    // Temporary keys must be ones this STS issued, and still valid.
    if (!session) {
      throw new ApiError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
    }
    if (session.expiresAt <= call.now) {
      throw new ApiError('ExpiredToken', 'The security token included in the request is expired', 403);
    }
    return [
      ['UserId', `${session.roleId}:${session.roleSessionName}`],
      ['Account', ACCOUNT_ID],
      ['Arn', callerArn(call)],
    ];
  }
  // Any long-term key is the account's one IAM user, as every other ecr-local call assumes.
  return [
    ['UserId', 'AIDAECRLOCALUSER0000'],
    ['Account', ACCOUNT_ID],
    ['Arn', `arn:aws:iam::${ACCOUNT_ID}:user/ecr-local`],
  ];
}

export const stsOperations: Readonly<Record<string, StsOperation>> = {
  AssumeRole: assumeRole,
  GetCallerIdentity: getCallerIdentity,
};
