// Inspector2 BatchGetFindingDetails (POST /findings/details/batch/get): 1-10 finding ARNs; the
// ones not found come back as errors, not as a failed call.
import type { BatchGetFindingDetailsResponse, FindingDetail, FindingDetailsError } from '@aws-sdk/client-inspector2';
import type { Input } from '../ecr/input';
import type { EcrLocalStore } from '../store';
import { regionFindings } from './regionFindings';

const FINDING_ARN = /^arn:(aws[a-zA-Z-]*)?:inspector2:[a-z]{2}(-gov)?-[a-z]+-\d{1}:\d{12}:finding\/[a-f0-9]{32}$/;

export function batchGetFindingDetails(store: EcrLocalStore, regionName: string, input: Input): BatchGetFindingDetailsResponse {
  const arns = input.requiredStrings('findingArns', { min: 1, max: 10 }, { min: 1, max: 100 });
  const findings = new Map(regionFindings(store, regionName).map((finding) => [finding.findingArn, finding]));
  const findingDetails: FindingDetail[] = [];
  const errors: FindingDetailsError[] = [];
  for (const findingArn of arns) {
    const finding = findings.get(findingArn);
    if (!FINDING_ARN.test(findingArn)) {
      errors.push({ findingArn, errorCode: 'INVALID_INPUT', errorMessage: `'${findingArn}' is not an Inspector2 finding ARN.` });
    } else if (!finding) {
      errors.push({ findingArn, errorCode: 'FINDING_DETAILS_NOT_FOUND', errorMessage: `No finding ${findingArn} in ${regionName}.` });
    } else {
      findingDetails.push({
        findingArn,
        referenceUrls: [...(finding.packageVulnerabilityDetails?.referenceUrls ?? [])],
        ...(finding.epss?.score !== undefined ? { epssScore: finding.epss.score } : {}),
        cwes: [],
        ttps: [],
        tools: [],
        evidences: [],
      });
    }
  }
  return { findingDetails, errors };
}
