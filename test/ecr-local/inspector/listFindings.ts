// Inspector2 ListFindings (POST /findings/list): filterCriteria, sortCriteria, and paging with
// maxResults 1-100 and an opaque nextToken tied to the query it came from.
import { createHash } from 'node:crypto';
import type { Finding, ListFindingsResponse } from '@aws-sdk/client-inspector2';
import type { Input } from '../ecr/input';
import { ApiError } from '../protocol/apiError';
import type { EcrLocalStore } from '../store';
import { readFilterCriteria } from './findingFilters';
import { regionFindings } from './regionFindings';

const SEVERITY_RANK: Readonly<Record<string, number>> = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 2, HIGH: 3, CRITICAL: 4, UNTRIAGED: -1 };

type SortKey = (finding: Finding) => string | number;

const SORT_KEYS: Readonly<Record<string, SortKey>> = {
  AWS_ACCOUNT_ID: (finding) => finding.awsAccountId ?? '',
  COMPONENT_TYPE: () => '',
  ECR_IMAGE_PUSHED_AT: (finding) => finding.resources?.[0]?.details?.awsEcrContainerImage?.pushedAt?.getTime() ?? 0,
  ECR_IMAGE_REGISTRY: (finding) => finding.resources?.[0]?.details?.awsEcrContainerImage?.registry ?? '',
  ECR_IMAGE_REPOSITORY_NAME: (finding) => finding.resources?.[0]?.details?.awsEcrContainerImage?.repositoryName ?? '',
  EPSS_SCORE: (finding) => finding.epss?.score ?? -1,
  FINDING_STATUS: (finding) => finding.status ?? '',
  FINDING_TYPE: (finding) => finding.type ?? '',
  FIRST_OBSERVED_AT: (finding) => finding.firstObservedAt?.getTime() ?? 0,
  INSPECTOR_SCORE: (finding) => finding.inspectorScore ?? -1,
  LAST_OBSERVED_AT: (finding) => finding.lastObservedAt?.getTime() ?? 0,
  NETWORK_PROTOCOL: () => '',
  RESOURCE_TYPE: (finding) => finding.resources?.[0]?.type ?? '',
  SEVERITY: (finding) => SEVERITY_RANK[finding.severity ?? ''] ?? -1,
  VENDOR_SEVERITY: (finding) => finding.packageVulnerabilityDetails?.vendorSeverity ?? '',
  VULNERABILITY_ID: (finding) => finding.packageVulnerabilityDetails?.vulnerabilityId ?? '',
  VULNERABILITY_SOURCE: (finding) => finding.packageVulnerabilityDetails?.source ?? '',
};

function validation(message: string, field: string): ApiError {
  return new ApiError('ValidationException', message, 400, { reason: 'FIELD_VALIDATION_FAILED', fields: [{ name: field, message }] });
}

function compare(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function listFindings(store: EcrLocalStore, regionName: string, input: Input): ListFindingsResponse {
  const maxResults = input.optionalInteger('maxResults', { min: 1, max: 100 }) ?? 100;
  const nextToken = input.optionalString('nextToken', { min: 0, max: 1_000_000 });
  const criteria = input.optionalObject('filterCriteria');
  const keep = readFilterCriteria(criteria);
  const sort = input.optionalObject('sortCriteria');
  const field = sort?.requiredString('field', { oneOf: Object.keys(SORT_KEYS) });
  const descending = (sort?.requiredString('sortOrder', { oneOf: ['ASC', 'DESC'] }) ?? 'ASC') === 'DESC';

  const sortKey = field !== undefined ? SORT_KEYS[field] : undefined;
  const findings = regionFindings(store, regionName)
    .filter(keep)
    // The ARN breaks ties, so pages never overlap whatever the sort field.
    .sort((a, b) => (sortKey ? compare(sortKey(a), sortKey(b)) * (descending ? -1 : 1) : 0) || compare(a.findingArn ?? '', b.findingArn ?? ''));

  // The token remembers the query, so a token reused with other filters is refused, not misread.
  const query = createHash('sha256')
    .update(JSON.stringify([regionName, input.rawValue('filterCriteria') ?? null, field ?? null, descending]))
    .digest('base64url')
    .slice(0, 16);
  let offset = 0;
  if (nextToken !== undefined && nextToken !== '') {
    const decoded = decodeToken(nextToken);
    if (!decoded || decoded.q !== query) {
      throw validation('The nextToken is not valid for this query: pass the nextToken of the previous page with the same filters and sort.', 'nextToken');
    }
    offset = decoded.n;
  }
  const page = findings.slice(offset, offset + maxResults);
  const next = offset + maxResults;
  return {
    findings: page,
    ...(next < findings.length ? { nextToken: Buffer.from(JSON.stringify({ q: query, n: next })).toString('base64url') } : {}),
  };
}

function decodeToken(token: string): { q: string; n: number } | undefined {
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { q?: unknown; n?: unknown };
    if (typeof decoded.q === 'string' && typeof decoded.n === 'number' && Number.isInteger(decoded.n) && decoded.n >= 0) {
      return { q: decoded.q, n: decoded.n };
    }
  } catch {
    // Refused by the caller.
  }
  return undefined;
}
