// The one AWS account ecr-local pretends to be, and the names ECR derives from it.

/** A fixed account id: every ARN, registryId and repository URI uses it. */
export const ACCOUNT_ID = '123456789012';

export function repositoryArn(region: string, repositoryName: string): string {
  return `arn:aws:ecr:${region}:${ACCOUNT_ID}:repository/${repositoryName}`;
}

/** ECR's form of the URI; the registry itself answers at the ecr-local URL (proxyEndpoint). */
export function repositoryUri(region: string, repositoryName: string): string {
  return `${ACCOUNT_ID}.dkr.ecr.${region}.amazonaws.com/${repositoryName}`;
}

const REPOSITORY_ARN = /^arn:aws:ecr:([a-z0-9-]+):(\d{12}):repository\/(.+)$/;

export function parseRepositoryArn(arn: string): { region: string; accountId: string; repositoryName: string } | undefined {
  const match = REPOSITORY_ARN.exec(arn);
  if (!match) {
    return undefined;
  }
  return { region: match[1] ?? '', accountId: match[2] ?? '', repositoryName: match[3] ?? '' };
}
