// What the two API endpoints share: the store, the URL clients reach us at, the fault injector.
import type { EcrLocalStore } from '../store';
import { ApiError } from './apiError';
import { delay } from './http';
import type { FaultInjector } from './faults';
import type { StsSessions } from '../sts/sessions';

export interface ApiContext {
  readonly store: EcrLocalStore;
  readonly endpointUrl: () => string;
  readonly faults: FaultInjector;
  /** The temporary credentials STS (AssumeRole) handed out. */
  readonly stsSessions: StsSessions;
  readonly previewDelayMs: number;
  readonly log: (line: string) => void;
}

/** The status of each injected fault, per protocol. */
const FAULT_STATUS = {
  ecr: { expired: 400, throttle: 400, throttleCode: 'ThrottlingException', error500: 500, serverError: 'ServerException' },
  inspector2: { expired: 403, throttle: 429, throttleCode: 'ThrottlingException', error500: 500, serverError: 'InternalServerException' },
  // STS speaks the query protocol: its codes carry no "Exception" suffix, except ExpiredTokenException.
  sts: { expired: 400, throttle: 400, throttleCode: 'Throttling', error500: 500, serverError: 'InternalFailure' },
} as const;

/** Waits the injected latency, then throws the injected fault for this request, if any. */
export async function applyFaults(context: ApiContext, service: keyof typeof FAULT_STATUS): Promise<void> {
  const { faults } = context;
  if (!faults.active) {
    return;
  }
  if (faults.spec.latencyMs > 0) {
    await delay(faults.spec.latencyMs);
  }
  const status = FAULT_STATUS[service];
  switch (faults.next()) {
    case 'expired-token':
      throw new ApiError('ExpiredTokenException', 'The security token included in the request is expired', status.expired);
    case 'throttle':
      throw new ApiError(status.throttleCode, 'Rate exceeded (injected by ECR_LOCAL_FAULTS throttle)', status.throttle);
    case 'error500':
      throw new ApiError(status.serverError, 'Internal server error (injected by ECR_LOCAL_FAULTS error500)', status.error500);
    case 'none':
      return;
  }
}
