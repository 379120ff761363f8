// One image's scan result, every page of it, in src/scan/model.ts's shape.
//
// BASIC or ENHANCED is read from the answer itself rather than from
// GetRegistryScanningConfiguration: ECR fills `findings` for a basic scan and `enhancedFindings`
// for an enhanced one, and only enhanced scans have the ACTIVE status. The registry setting could
// have changed since the image was scanned (then the answer is still the old scan's kind), and
// asking would cost one more request and one more IAM permission for nothing.
import { DescribeImageScanFindingsCommand, type DescribeImageScanFindingsCommandOutput } from '@aws-sdk/client-ecr';
import { ListFindingsCommand, type Finding as InspectorFinding } from '@aws-sdk/client-inspector2';
import type { ImageScanResult, ScanFinding, ScanType } from '../scan/model';
import { severityCounts } from '../scan/severity';
import type { EcrClients } from './clients';
import type { Connection } from './model';
import { enrich, fromBasicFinding, fromEnhancedFinding, indexInspectorFindings } from './scanNormalize';

/** ECR's most per DescribeImageScanFindings page, and Inspector2's per ListFindings page. */
const ECR_PAGE = 1000;
const INSPECTOR_PAGE = 100;
/** Statuses that exist only for enhanced (Inspector) scans. */
const ENHANCED_ONLY_STATUSES = new Set(['ACTIVE', 'PENDING', 'SCAN_ELIGIBILITY_EXPIRED', 'FINDINGS_UNAVAILABLE']);

export async function readScanResult(
  clients: EcrClients,
  connection: Connection,
  repositoryName: string,
  imageDigest: string,
  signal?: AbortSignal,
): Promise<ImageScanResult> {
  const ecr = clients.ecr(connection);
  const options = signal ? { abortSignal: signal } : {};
  const findings: ScanFinding[] = [];
  let first: DescribeImageScanFindingsCommandOutput | undefined;
  let enhanced = false;
  let nextToken: string | undefined;
  do {
    const page = await ecr.send(
      new DescribeImageScanFindingsCommand({ repositoryName, imageId: { imageDigest }, maxResults: ECR_PAGE, ...(nextToken ? { nextToken } : {}) }),
      options,
    );
    first ??= page;
    const scanFindings = page.imageScanFindings;
    if (scanFindings?.enhancedFindings) {
      enhanced = true;
      for (const finding of scanFindings.enhancedFindings) {
        findings.push(...fromEnhancedFinding(finding));
      }
    }
    for (const finding of scanFindings?.findings ?? []) {
      findings.push(fromBasicFinding(finding));
    }
    nextToken = page.nextToken;
  } while (nextToken);

  const status = first?.imageScanStatus?.status ?? 'UNKNOWN';
  const scanType: ScanType = enhanced || ENHANCED_ONLY_STATUSES.has(status) ? 'ENHANCED' : 'BASIC';
  let result = findings;
  let enrichmentProblem: string | undefined;
  if (scanType === 'ENHANCED' && findings.length > 0) {
    try {
      const index = indexInspectorFindings(await listInspectorFindings(clients, connection, repositoryName, imageDigest, signal));
      result = findings.map((finding) => enrich(finding, index));
    } catch (error) {
      if (signal?.aborted || (error instanceof Error && error.name === 'AbortError')) {
        throw error;
      }
      // The findings are complete without Inspector; only EPSS and its score are missing.
      enrichmentProblem = `Amazon Inspector could not be read (${describe(error)}), so EPSS and Inspector scores are not shown; allow inspector2:ListFindings to see them.`;
    }
  }
  const summary = first?.imageScanFindings;
  return {
    repositoryName,
    imageDigest,
    scanType,
    status,
    ...(first?.imageScanStatus?.description ? { description: first.imageScanStatus.description } : {}),
    ...(summary?.imageScanCompletedAt ? { completedAt: summary.imageScanCompletedAt } : {}),
    ...(summary?.vulnerabilitySourceUpdatedAt ? { vulnerabilitySourceUpdatedAt: summary.vulnerabilitySourceUpdatedAt } : {}),
    severityCounts: severityCounts(result),
    findings: result,
    ...(enrichmentProblem ? { enrichmentProblem } : {}),
  };
}

/** Every Inspector2 finding of this image (100 a page). */
async function listInspectorFindings(
  clients: EcrClients,
  connection: Connection,
  repositoryName: string,
  imageDigest: string,
  signal?: AbortSignal,
): Promise<InspectorFinding[]> {
  const inspector = clients.inspector(connection);
  const all: InspectorFinding[] = [];
  let nextToken: string | undefined;
  do {
    const page = await inspector.send(
      new ListFindingsCommand({
        maxResults: INSPECTOR_PAGE,
        filterCriteria: {
          ecrImageHash: [{ comparison: 'EQUALS', value: imageDigest }],
          ecrImageRepositoryName: [{ comparison: 'EQUALS', value: repositoryName }],
        },
        ...(nextToken ? { nextToken } : {}),
      }),
      signal ? { abortSignal: signal } : {},
    );
    all.push(...(page.findings ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return all;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    return error.name && error.name !== 'Error' ? error.name : error.message;
  }
  return String(error);
}
