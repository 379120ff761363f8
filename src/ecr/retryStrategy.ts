// The SDK's adaptive retries, except for ECR's quota errors. ECR says LimitExceededException when
// an account limit is reached (one basic scan per image per 24 hours, repositories per region),
// not when requests come too fast (that is ThrottlingException). The SDK counts it as throttling,
// so StartImageScan's "scanned less than 24 hours ago" took five attempts and ~9 s of backoff to
// arrive, and slowed the client's sending rate for nothing.
import { AdaptiveRetryStrategy } from '@smithy/core/retry';
import type { RetryErrorInfo, RetryToken, StandardRetryToken } from '@smithy/types';

const QUOTA_ERRORS: ReadonlySet<string> = new Set(['LimitExceededException']);

export class QuotaAwareRetryStrategy extends AdaptiveRetryStrategy {
  constructor(maxAttempts: number) {
    super(() => Promise.resolve(maxAttempts));
  }

  override refreshRetryTokenForRetry(token: StandardRetryToken, errorInfo: RetryErrorInfo): Promise<RetryToken> {
    const name = errorInfo.error?.name;
    if (errorInfo.error && name !== undefined && QUOTA_ERRORS.has(name)) {
      // The retry middleware answers a refused retry with the original error, as it came.
      return Promise.reject(errorInfo.error);
    }
    return super.refreshRetryTokenForRetry(token, errorInfo);
  }
}
