// How each node of the ECR view looks: label, description, icon, Markdown tooltip, contextValue
// (the `when` clauses of package.json's menus read it) and the command a click runs.
import * as vscode from 'vscode';
import { formatBytes, formatRelativeTime, formatUsd, shortDigest } from '../../ecr/format';
import { ENVIRONMENT_PROFILE, type Image, type Repository, type ScanState, type Severity, type StorageEstimate } from '../../ecr/model';
import type { CredentialKind } from '../../ecr/profiles';
import { ECR_REGIONS } from '../../ecr/regions';
import type {
  ChooseRegionNode,
  ExplorerNode,
  ImageNode,
  LoadMoreNode,
  NamespaceNode,
  PlatformNode,
  ProblemNode,
  ProfileNode,
  RegionNode,
  RepositoryNode,
} from './explorerNodes';
import { severityCounts, summariseScan } from './imageModel';

/** What the tree knows beyond a node's own data. */
export interface ItemContext {
  readonly layout: 'nested' | 'flat';
  readonly now: Date;
  readonly pricePerGbMonth: number;
  accountId(profile: string): string | undefined;
  /** Known storage of a region or repository (estimated, or summed from a full image list). */
  storage(node: RegionNode | RepositoryNode): (StorageEstimate & { estimated: boolean }) | undefined;
}

export function treeItemOf(node: ExplorerNode, context: ItemContext): vscode.TreeItem {
  switch (node.kind) {
    case 'profile':
      return profileItem(node, context);
    case 'chooseRegion':
      return chooseRegionItem(node);
    case 'region':
      return regionItem(node, context);
    case 'namespace':
      return namespaceItem(node);
    case 'repository':
      return repositoryItem(node, context);
    case 'image':
      return imageItem(node, context);
    case 'platformImage':
      return platformItem(node, context);
    case 'loadMore':
      return loadMoreItem(node);
    case 'problem':
      return problemItem(node);
  }
}

function locale(): string {
  return vscode.env.language || 'en';
}

function profileItem(node: ProfileNode, context: ItemContext): vscode.TreeItem {
  const isEnvironment = node.profile === ENVIRONMENT_PROFILE;
  const label = isEnvironment ? vscode.l10n.t('Environment credentials') : node.profile;
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Expanded);
  item.id = node.id;
  if (!node.info && !isEnvironment) {
    item.contextValue = 'profile.missing';
    item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    item.description = vscode.l10n.t('not found');
    item.collapsibleState = vscode.TreeItemCollapsibleState.None;
    item.tooltip = new vscode.MarkdownString(
      vscode.l10n.t(
        'Profile **{0}** is not in your AWS config or credentials file. Add it there, or choose other profiles.',
        escapeMarkdown(node.profile),
      ),
    );
    return item;
  }
  item.contextValue = 'profile';
  item.iconPath = new vscode.ThemeIcon('account');
  const kind = isEnvironment ? vscode.l10n.t('environment variables') : credentialKindLabel(node.info?.credentialKind ?? 'unknown');
  const account = context.accountId(node.profile);
  item.description = account ? `${account} · ${kind}` : kind;
  const lines = [`**${escapeMarkdown(label)}**`, ''];
  if (account) {
    lines.push(`${vscode.l10n.t('Account')}: ${account}`, '');
  }
  lines.push(`${vscode.l10n.t('Credentials')}: ${kind}`, '');
  lines.push(`${vscode.l10n.t('Regions')}: ${node.regions.length > 0 ? node.regions.join(', ') : vscode.l10n.t('none chosen')}`);
  if (node.info?.endpointUrl) {
    lines.push('', `${vscode.l10n.t('Endpoint')}: \`${node.info.endpointUrl.replace(/`/g, '')}\``);
  }
  item.tooltip = new vscode.MarkdownString(lines.join('\n'));
  return item;
}

function chooseRegionItem(node: ChooseRegionNode): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Choose a region…'), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon('globe');
  item.tooltip = vscode.l10n.t('Profile {0} has no region in its configuration: choose the regions to explore.', node.parent.profile);
  item.command = { command: 'ecrExplorer.chooseRegions', title: vscode.l10n.t('Choose Regions…'), arguments: [node.parent] };
  return item;
}

function regionItem(node: RegionNode, context: ItemContext): vscode.TreeItem {
  const item = new vscode.TreeItem(node.connection.region, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.contextValue = 'region';
  item.iconPath = new vscode.ThemeIcon('globe');
  const name = ECR_REGIONS.find((region) => region.code === node.connection.region)?.name;
  const storage = context.storage(node);
  item.description = [name, storage ? storageText(storage) : undefined].filter(Boolean).join(' · ');
  const lines = [`**${escapeMarkdown(node.connection.region)}**${name ? ` (${escapeMarkdown(name)})` : ''}`];
  if (storage) {
    lines.push('', ...storageLines(storage, context));
  }
  item.tooltip = new vscode.MarkdownString(lines.join('\n'));
  return item;
}

function namespaceItem(node: NamespaceNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.contextValue = 'namespace';
  item.iconPath = vscode.ThemeIcon.Folder;
  item.description = node.repositoryCount === 1 ? vscode.l10n.t('1 repository') : vscode.l10n.t('{0} repositories', node.repositoryCount);
  item.tooltip = vscode.l10n.t('Namespace {0} (among the repositories loaded so far)', node.path);
  return item;
}

function repositoryItem(node: RepositoryNode, context: ItemContext): vscode.TreeItem {
  const { repository } = node;
  const label = context.layout === 'nested' && node.parent.kind === 'namespace' ? repository.name.slice(node.parent.path.length) : repository.name;
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.contextValue = `repository ${repository.scanOnPush ? 'scanOnPushOn' : 'scanOnPushOff'}`;
  item.iconPath = new vscode.ThemeIcon('repo');
  const storage = context.storage(node);
  item.description = storage ? storageText(storage) : '';
  item.tooltip = repositoryTooltip(repository, storage, context);
  return item;
}

function repositoryTooltip(repository: Repository, storage: (StorageEstimate & { estimated: boolean }) | undefined, context: ItemContext): vscode.MarkdownString {
  const lines = [`**${escapeMarkdown(repository.name)}**`, '', `${vscode.l10n.t('URI')}: \`${repository.uri}\``];
  if (repository.createdAt) {
    lines.push('', `${vscode.l10n.t('Created')}: ${repository.createdAt.toLocaleString(locale())}`);
  }
  const exclusions = repository.tagMutabilityExclusions.length > 0 ? ` (${vscode.l10n.t('except')} ${repository.tagMutabilityExclusions.map((f) => `\`${f}\``).join(', ')})` : '';
  lines.push('', `${vscode.l10n.t('Tag mutability')}: ${mutabilityLabel(repository.tagMutability)}${exclusions}`);
  lines.push('', `${vscode.l10n.t('Scan on push')}: ${repository.scanOnPush ? vscode.l10n.t('on') : vscode.l10n.t('off')}`);
  const key = repository.encryption.kmsKey ? ` (\`${repository.encryption.kmsKey}\`)` : '';
  lines.push('', `${vscode.l10n.t('Encryption')}: ${repository.encryption.type}${key}`);
  if (storage) {
    lines.push('', ...storageLines(storage, context));
  }
  return new vscode.MarkdownString(lines.join('\n'));
}

function mutabilityLabel(mutability: Repository['tagMutability']): string {
  switch (mutability) {
    case 'MUTABLE':
      return vscode.l10n.t('mutable');
    case 'IMMUTABLE':
      return vscode.l10n.t('immutable');
    case 'IMMUTABLE_WITH_EXCLUSION':
      return vscode.l10n.t('immutable with exclusions');
    case 'MUTABLE_WITH_EXCLUSION':
      return vscode.l10n.t('mutable with exclusions');
  }
}

export function storageText(storage: StorageEstimate): string {
  return vscode.l10n.t('{0} · {1}/mo', formatBytes(storage.bytes, locale()), formatUsd(storage.monthlyCostUsd, locale()));
}

function storageLines(storage: StorageEstimate & { estimated: boolean }, context: ItemContext): string[] {
  return [
    `${vscode.l10n.t('Storage')}: ${formatBytes(storage.bytes, locale())} ${vscode.l10n.t('in {0} images', storage.imageCount)}, ${vscode.l10n.t(
      'about {0} a month at {1} per GB-month',
      formatUsd(storage.monthlyCostUsd, locale()),
      formatUsd(context.pricePerGbMonth, locale()),
    )}`,
    '',
    `_${vscode.l10n.t('Layers shared between images are counted once per image, so the bill may be lower.')}_`,
  ];
}

function imageItem(node: ImageNode, context: ItemContext): vscode.TreeItem {
  const { image } = node;
  const label = image.tags.length > 0 ? image.tags.join(', ') : vscode.l10n.t('<untagged>');
  const item = new vscode.TreeItem(label, image.isIndex ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.contextValue = `image ${image.tags.length > 0 ? 'tagged' : 'untagged'}${image.isIndex ? ' index' : ''}`;
  item.iconPath = image.isIndex ? new vscode.ThemeIcon('layers') : scanIcon(image.scan);
  item.description = imageDescription(image, context);
  item.tooltip = imageTooltip(image, context, undefined);
  return item;
}

function platformItem(node: PlatformNode, context: ItemContext): vscode.TreeItem {
  const { platform } = node;
  const item = new vscode.TreeItem(platform.platform, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.contextValue = 'platformImage';
  const image = platform.image;
  item.iconPath = image ? scanIcon(image.scan) : new vscode.ThemeIcon('package');
  item.description = image ? imageDescription(image, context) : shortDigest(platform.digest);
  item.tooltip = image
    ? imageTooltip(image, context, platform.platform)
    : new vscode.MarkdownString(`**${escapeMarkdown(platform.platform)}**\n\n${vscode.l10n.t('Digest')}: \`${platform.digest}\`\n\n${vscode.l10n.t('Media type')}: \`${platform.mediaType}\``);
  return item;
}

function imageDescription(image: Image, context: ItemContext): string {
  const parts = [shortDigest(image.digest)];
  if (image.sizeBytes !== undefined && !image.isIndex) {
    parts.push(formatBytes(image.sizeBytes, locale()));
  }
  if (image.pushedAt) {
    parts.push(formatRelativeTime(image.pushedAt, context.now, locale()));
  }
  const scan = scanText(image.scan);
  if (scan) {
    parts.push(scan);
  }
  return parts.join(' · ');
}

/** "2 critical 5 high", "no findings", "scanning", … */
function scanText(scan: ScanState | undefined): string | undefined {
  const summary = summariseScan(scan);
  switch (summary.kind) {
    case 'none':
      return undefined;
    case 'findings':
      return summary.counts.map(({ severity, count }) => `${count} ${severityLabel(severity)}`).join(' ');
    case 'clean':
      return vscode.l10n.t('no findings');
    case 'inProgress':
      return vscode.l10n.t('scanning');
    case 'failed':
      return vscode.l10n.t('scan failed');
    case 'other':
      return summary.status.toLowerCase().replace(/_/g, ' ');
  }
}

function severityLabel(severity: Severity): string {
  switch (severity) {
    case 'CRITICAL':
      return vscode.l10n.t('critical');
    case 'HIGH':
      return vscode.l10n.t('high');
    case 'MEDIUM':
      return vscode.l10n.t('medium');
    case 'LOW':
      return vscode.l10n.t('low');
    case 'INFORMATIONAL':
      return vscode.l10n.t('informational');
    case 'UNDEFINED':
      return vscode.l10n.t('undefined');
  }
}

function scanIcon(scan: ScanState | undefined): vscode.ThemeIcon {
  const summary = summariseScan(scan);
  switch (summary.kind) {
    case 'findings':
      if (summary.worst === 'CRITICAL' || summary.worst === 'HIGH') {
        return new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
      }
      if (summary.worst === 'MEDIUM') {
        return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
      }
      return new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground'));
    case 'clean':
      return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    case 'inProgress':
      return new vscode.ThemeIcon('sync');
    case 'failed':
      return new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    case 'none':
    case 'other':
      return new vscode.ThemeIcon('package');
  }
}

function imageTooltip(image: Image, context: ItemContext, platform: string | undefined): vscode.MarkdownString {
  const lines: string[] = [];
  const title = image.tags.length > 0 ? image.tags.map((tag) => `\`${tag}\``).join(', ') : vscode.l10n.t('untagged image');
  lines.push(`**${platform ? escapeMarkdown(platform) : title}**`, '');
  if (platform && image.tags.length > 0) {
    lines.push(`${vscode.l10n.t('Tags')}: ${title}`, '');
  }
  lines.push(`${vscode.l10n.t('Digest')}: \`${image.digest}\``);
  if (image.sizeBytes !== undefined) {
    lines.push('', `${vscode.l10n.t('Size')}: ${formatBytes(image.sizeBytes, locale())}${image.isIndex ? ` (${vscode.l10n.t('the list itself; its platform images are counted on their own')})` : ''}`);
  }
  if (image.pushedAt) {
    lines.push('', `${vscode.l10n.t('Pushed')}: ${image.pushedAt.toLocaleString(locale())} (${formatRelativeTime(image.pushedAt, context.now, locale())})`);
  }
  lines.push('', `${vscode.l10n.t('Last pulled')}: ${image.lastPulledAt ? image.lastPulledAt.toLocaleString(locale()) : vscode.l10n.t('never recorded')}`);
  if (image.manifestMediaType) {
    lines.push('', `${vscode.l10n.t('Media type')}: \`${image.manifestMediaType}\``);
  }
  if (image.artifactMediaType) {
    lines.push('', `${vscode.l10n.t('Artifact media type')}: \`${image.artifactMediaType}\``);
  }
  const scan = image.scan;
  if (scan) {
    lines.push('', `${vscode.l10n.t('Scan')}: ${escapeMarkdown(scan.status)}${scan.description ? ` — ${escapeMarkdown(scan.description)}` : ''}`);
    if (scan.completedAt) {
      lines.push('', `${vscode.l10n.t('Scanned')}: ${scan.completedAt.toLocaleString(locale())}`);
    }
    const counts = severityCounts(scan);
    if (counts.length > 0) {
      lines.push('', counts.map(({ severity, count }) => `${severityLabel(severity)}: ${count}`).join(' · '));
    }
  } else if (!image.isIndex) {
    lines.push('', `${vscode.l10n.t('Scan')}: ${vscode.l10n.t('not scanned')}`);
  }
  if (image.isIndex) {
    lines.push('', vscode.l10n.t('A manifest list: expand it to see one image per platform.'));
  }
  return new vscode.MarkdownString(lines.join('\n'));
}

function loadMoreItem(node: LoadMoreNode): vscode.TreeItem {
  if (node.searched !== undefined) {
    // The filter's index is still being read: say how far, and offer nothing to click.
    const searching = new vscode.TreeItem(
      vscode.l10n.t('Searching… {0} repositories read', node.searched.toLocaleString(locale())),
      vscode.TreeItemCollapsibleState.None,
    );
    searching.id = node.id;
    searching.contextValue = 'searching';
    searching.iconPath = new vscode.ThemeIcon('loading~spin');
    searching.tooltip = vscode.l10n.t('Reading every repository name of this region (1,000 per request); matches appear as they are found.');
    return searching;
  }
  const label = node.matches
    ? vscode.l10n.t('Load more ({0} of {1} matches)', node.matches.shown.toLocaleString(locale()), node.matches.total.toLocaleString(locale()))
    : vscode.l10n.t('Load more');
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.contextValue = 'loadMore';
  item.iconPath = new vscode.ThemeIcon('more');
  item.tooltip = node.matches
    ? vscode.l10n.t('Show more of the repositories that match the filter')
    : node.parent.kind === 'region'
      ? vscode.l10n.t('Fetch the next page of repositories')
      : vscode.l10n.t('Fetch the next page of images');
  item.command = { command: 'ecrExplorer.loadMore', title: vscode.l10n.t('Load More'), arguments: [node] };
  return item;
}

function problemItem(node: ProblemNode): vscode.TreeItem {
  const { problem } = node;
  let label = problem.message;
  let contextValue = 'problem';
  let command: vscode.Command | undefined;
  if (problem.kind === 'sso-login' && problem.fixCommand) {
    label = vscode.l10n.t('Sign in: {0}', problem.fixCommand);
    contextValue = 'problem.signIn';
    command = { command: 'ecrExplorer.signIn', title: vscode.l10n.t('Sign In'), arguments: [node] };
  } else if (problem.kind === 'mfa-required') {
    label = vscode.l10n.t('Enter MFA code');
    contextValue = 'problem.mfa';
    command = { command: 'ecrExplorer.enterMfaCode', title: vscode.l10n.t('Enter MFA Code…'), arguments: [node] };
  }
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.contextValue = contextValue;
  item.iconPath = problem.retryable
    ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'))
    : new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
  if (command) {
    item.command = command;
  }
  const lines = [escapeMarkdown(problem.message)];
  if (problem.fixCommand) {
    lines.push('', `\`${problem.fixCommand.replace(/`/g, '')}\``);
  }
  if (problem.errorName) {
    lines.push('', `_${escapeMarkdown(problem.errorName)}_`);
  }
  item.tooltip = new vscode.MarkdownString(lines.join('\n'));
  return item;
}

function credentialKindLabel(kind: CredentialKind): string {
  switch (kind) {
    case 'static-keys':
      return vscode.l10n.t('access keys');
    case 'sso':
      return vscode.l10n.t('IAM Identity Center (SSO)');
    case 'assume-role':
      return vscode.l10n.t('assumed role');
    case 'web-identity':
      return vscode.l10n.t('web identity');
    case 'process':
      return vscode.l10n.t('credential process');
    case 'login':
      return vscode.l10n.t('console login');
    case 'unknown':
      return vscode.l10n.t('not configured');
  }
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
