// The temporary credentials ecr-local's STS handed out, so that GetCallerIdentity can say whose
// they are and when they expire. In memory only: after a restart, earlier sessions are unknown
// (as if their tokens were invalid), which is what a client must cope with anyway.
import { randomBytes } from 'node:crypto';

export interface StsSession {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiresAt: number;
  readonly roleArn: string;
  readonly roleName: string;
  readonly roleSessionName: string;
  /** AROA…: the role's unique id, the same for every session of the role. */
  readonly roleId: string;
}

const UPPER_ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** `length` characters of [A-Z2-7], the alphabet of AWS's key and unique ids. */
function randomId(length: number): string {
  return [...randomBytes(length)].map((byte) => UPPER_ALPHANUMERIC[byte % 32]).join('');
}

/** A role's unique id, derived from its ARN so that it stays the same across sessions and runs. */
function roleIdOf(roleArn: string): string {
  let hash = 2166136261;
  let id = 'AROA';
  for (let round = 0; id.length < 21; round++) {
    for (const char of `${roleArn}#${round}`) {
      hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
    }
    id += UPPER_ALPHANUMERIC[hash % 32];
  }
  return id;
}

export class StsSessions {
  private readonly byAccessKey = new Map<string, StsSession>();

  issue(roleArn: string, roleSessionName: string, expiresAt: number, now: number): StsSession {
    // Expired sessions are forgotten on the way, so the map stays small.
    for (const [key, session] of this.byAccessKey) {
      if (session.expiresAt <= now) {
        this.byAccessKey.delete(key);
      }
    }
    const roleName = roleArn.slice(roleArn.lastIndexOf('/') + 1);
    const session: StsSession = {
      accessKeyId: `ASIA${randomId(16)}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      // Real session tokens are long opaque base64 strings; clients must not assume a length.
      sessionToken: `IQoJb3JpZ2luX2VjEEcaCWVjci1sb2NhbC${randomBytes(240).toString('base64')}`,
      expiresAt,
      roleArn,
      roleName,
      roleSessionName,
      roleId: roleIdOf(roleArn),
    };
    this.byAccessKey.set(session.accessKeyId, session);
    return session;
  }

  find(accessKeyId: string): StsSession | undefined {
    return this.byAccessKey.get(accessKeyId);
  }
}
