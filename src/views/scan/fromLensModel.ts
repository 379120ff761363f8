// What a FROM line's CodeLens and hover say about the ECR image it names, decided without the
// editor: the scan summary and push date of an image that was found, or plainly why nothing can
// be said (not in the repository, no chosen profile for that account and region, no scan).
import { formatRelativeTime } from '../../ecr/format';
import type { ImageReference } from '../../ecr/imageReference';
import type { Connection, Image } from '../../ecr/model';
import { connectionLabel, countsText } from './presentationModel';

export type FromLookup =
  | { readonly kind: 'found'; readonly connection: Connection; readonly image: Image }
  /** The repository or the tag/digest is not there, in any of the candidate connections. */
  | { readonly kind: 'missing'; readonly connection: Connection; readonly repositoryMissing: boolean }
  | { readonly kind: 'no-profile'; readonly accountId: string; readonly region: string }
  /** ECR could not be asked (credentials, network): the reason, said as describeAwsProblem says it. */
  | { readonly kind: 'error'; readonly connection: Connection; readonly message: string };

/** "app:1.2" / "app@sha256:0123456789ab" as written after the repository's last path part. */
export function referenceName(reference: ImageReference): string {
  const short = reference.repository.split('/').pop() ?? reference.repository;
  return reference.digest ? `${short}@${reference.digest.slice(0, 19)}` : `${short}:${reference.tag ?? 'latest'}`;
}

export function scanSummary(image: Image): string {
  const scan = image.scan;
  if (!scan) {
    return 'not scanned';
  }
  const status = scan.status.toUpperCase();
  if (status === 'COMPLETE' || status === 'ACTIVE') {
    return countsText(scan.severityCounts);
  }
  if (status === 'IN_PROGRESS' || status === 'PENDING') {
    return 'scan in progress';
  }
  return `scan ${status.toLowerCase().replace(/_/g, ' ')}`;
}

/** The CodeLens title (codicons allowed). */
export function lensTitle(reference: ImageReference, lookup: FromLookup, now: Date): string {
  switch (lookup.kind) {
    case 'found': {
      const pushed = lookup.image.pushedAt ? ` · pushed ${formatRelativeTime(lookup.image.pushedAt, now)}` : '';
      return `$(shield) ${scanSummary(lookup.image)}${pushed}`;
    }
    case 'missing':
      return `$(warning) ${missingMessage(reference, lookup)}`;
    case 'no-profile':
      return `$(account) ${noProfileMessage(lookup)}`;
    case 'error':
      return `$(error) ${lookup.message}`;
  }
}

export function missingMessage(reference: ImageReference, lookup: Extract<FromLookup, { kind: 'missing' }>): string {
  const where = connectionLabel(lookup.connection);
  return lookup.repositoryMissing
    ? `Repository ${reference.repository} does not exist (${where})`
    : `${referenceName(reference)} is not in repository ${reference.repository} (${where})`;
}

export function noProfileMessage(lookup: Extract<FromLookup, { kind: 'no-profile' }>): string {
  return `No chosen AWS profile for account ${lookup.accountId} in ${lookup.region}: Choose Profiles`;
}

/** The hover's Markdown lines (scanner text is not in it: only counts, dates and names we checked). */
export function hoverLines(reference: ImageReference, lookup: FromLookup, now: Date): string[] {
  switch (lookup.kind) {
    case 'found': {
      const { image } = lookup;
      const lines = [`**${reference.repository}** ${image.tags.length > 0 ? image.tags.map((tag) => `\`${tag}\``).join(' ') : '(untagged)'}`, ''];
      lines.push(`Digest: \`${image.digest}\``, '');
      if (image.pushedAt) {
        lines.push(`Pushed: ${image.pushedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC (${formatRelativeTime(image.pushedAt, now)})`, '');
      }
      lines.push(`Scan: ${scanSummary(image)}${image.scan?.completedAt ? ` (completed ${formatRelativeTime(image.scan.completedAt, now)})` : ''}`, '');
      lines.push(`${connectionLabel(lookup.connection)}`);
      return lines;
    }
    case 'missing':
      return [missingMessage(reference, lookup)];
    case 'no-profile':
      return [noProfileMessage(lookup)];
    case 'error':
      return [lookup.message];
  }
}
