// ListFindings' filterCriteria: for each key, a finding must match at least one of the EQUALS /
// PREFIX filters (when there are any) and none of the NOT_EQUALS filters; different keys must
// all hold. Number and date filters are ranges. Keys ecr-local cannot evaluate are refused
// rather than silently ignored, so a client never mistakes an unfiltered list for a filtered one.
import type { Finding } from '@aws-sdk/client-inspector2';
import type { Input } from '../ecr/input';
import { ApiError } from '../protocol/apiError';

type StringField = (finding: Finding) => readonly string[];
type NumberField = (finding: Finding) => number | undefined;

const ecrImage = (finding: Finding) => finding.resources?.[0]?.details?.awsEcrContainerImage;
const one = (value: string | undefined): readonly string[] => (value === undefined ? [] : [value]);

const STRING_FIELDS: Readonly<Record<string, StringField>> = {
  findingArn: (finding) => one(finding.findingArn),
  awsAccountId: (finding) => one(finding.awsAccountId),
  findingType: (finding) => one(finding.type),
  severity: (finding) => one(finding.severity),
  findingStatus: (finding) => one(finding.status),
  title: (finding) => one(finding.title),
  resourceType: (finding) => (finding.resources ?? []).flatMap((resource) => one(resource.type)),
  resourceId: (finding) => (finding.resources ?? []).flatMap((resource) => one(resource.id)),
  ecrImageRegistry: (finding) => one(ecrImage(finding)?.registry),
  ecrImageRepositoryName: (finding) => one(ecrImage(finding)?.repositoryName),
  ecrImageHash: (finding) => one(ecrImage(finding)?.imageHash),
  ecrImageTags: (finding) => ecrImage(finding)?.imageTags ?? [],
  vulnerabilityId: (finding) => one(finding.packageVulnerabilityDetails?.vulnerabilityId),
  vulnerabilitySource: (finding) => one(finding.packageVulnerabilityDetails?.source),
  vendorSeverity: (finding) => one(finding.packageVulnerabilityDetails?.vendorSeverity),
  fixAvailable: (finding) => one(finding.fixAvailable),
  exploitAvailable: (finding) => one(finding.exploitAvailable),
};

const NUMBER_FIELDS: Readonly<Record<string, NumberField>> = {
  inspectorScore: (finding) => finding.inspectorScore,
  epssScore: (finding) => finding.epss?.score,
};

/** Date filters: epoch seconds on the wire. */
const DATE_FIELDS: Readonly<Record<string, NumberField>> = {
  firstObservedAt: (finding) => finding.firstObservedAt?.getTime(),
  lastObservedAt: (finding) => finding.lastObservedAt?.getTime(),
  updatedAt: (finding) => finding.updatedAt?.getTime(),
  ecrImagePushedAt: (finding) => ecrImage(finding)?.pushedAt?.getTime(),
};

export type FindingPredicate = (finding: Finding) => boolean;

function unsupported(key: string): ApiError {
  const supported = [...Object.keys(STRING_FIELDS), ...Object.keys(NUMBER_FIELDS), ...Object.keys(DATE_FIELDS)].sort().join(', ');
  return new ApiError(
    'ValidationException',
    `ecr-local cannot filter findings on '${key}'; it filters on ${supported}.`,
    400,
    { reason: 'FIELD_VALIDATION_FAILED', fields: [{ name: `filterCriteria.${key}`, message: 'not supported by ecr-local' }] },
  );
}

/** Reads filterCriteria into one predicate; an absent or empty criteria object keeps everything. */
export function readFilterCriteria(criteria: Input | undefined): FindingPredicate {
  if (!criteria) {
    return () => true;
  }
  const predicates: FindingPredicate[] = [];
  for (const key of criteria.keys()) {
    const stringField = STRING_FIELDS[key];
    const numberField = NUMBER_FIELDS[key] ?? DATE_FIELDS[key];
    if (stringField) {
      const filters = criteria.optionalObjects(key, { min: 1, max: 10 })?.map((filter) => ({
        comparison: filter.requiredString('comparison', { oneOf: ['EQUALS', 'PREFIX', 'NOT_EQUALS'] }),
        value: filter.requiredString('value', { min: 1, max: 1024 }),
      }));
      if (filters) {
        predicates.push(stringPredicate(stringField, filters));
      }
    } else if (numberField) {
      const isDate = key in DATE_FIELDS;
      const [low, high] = isDate ? ['startInclusive', 'endInclusive'] : ['lowerInclusive', 'upperInclusive'];
      const scale = isDate ? 1000 : 1;
      const ranges = criteria.optionalObjects(key, { min: 1, max: 10 })?.map((range) => ({
        low: readNumber(range, low ?? '') * scale,
        high: readNumber(range, high ?? '', Infinity) * scale,
      }));
      if (ranges) {
        predicates.push((finding) => {
          const value = numberField(finding);
          return value !== undefined && ranges.some((range) => value >= range.low && value <= range.high);
        });
      }
    } else {
      throw unsupported(key);
    }
  }
  return (finding) => predicates.every((predicate) => predicate(finding));
}

function readNumber(range: Input, member: string, fallback = -Infinity): number {
  // Dates arrive as epoch seconds (numbers), which the integer reader would refuse when fractional.
  if (!range.has(member)) {
    return fallback;
  }
  return range.optionalNumber(member) ?? fallback;
}

function stringPredicate(field: StringField, filters: ReadonlyArray<{ comparison: string; value: string }>): FindingPredicate {
  const positive = filters.filter((filter) => filter.comparison !== 'NOT_EQUALS');
  const negative = filters.filter((filter) => filter.comparison === 'NOT_EQUALS');
  return (finding) => {
    const values = field(finding);
    const matchesPositive =
      positive.length === 0 ||
      positive.some((filter) =>
        values.some((value) => (filter.comparison === 'EQUALS' ? value === filter.value : value.startsWith(filter.value))),
      );
    return matchesPositive && negative.every((filter) => !values.includes(filter.value));
  };
}
