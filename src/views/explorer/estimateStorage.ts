// "Estimate Storage Cost" on a region or repository: pages through DescribeImages with a
// cancellable progress notification and keeps the result for the node's description and tooltip.
import * as vscode from 'vscode';
import { notify } from '../notify';
import { describeAwsProblem } from '../../ecr/awsProblems';
import { formatBytes, formatUsd } from '../../ecr/format';
import { estimateRegionStorage, estimateRepositoryStorage } from '../lazyEcr';
import { storagePrice } from '../settings';
import type { ExplorerConnections } from './connections';
import type { ExplorerTree } from './explorerTree';
import type { RegionNodeData, RepositoryNodeData } from './nodeTypes';

export async function estimateStorage(
  node: RegionNodeData | RepositoryNodeData,
  connections: ExplorerConnections,
  tree: ExplorerTree,
  log: vscode.LogOutputChannel,
): Promise<void> {
  const price = storagePrice();
  const client = await connections.ecr(node.connection);
  const title =
    node.kind === 'region'
      ? vscode.l10n.t('Estimating the storage of {0} ({1})', node.connection.region, node.connection.profile)
      : vscode.l10n.t('Estimating the storage of {0}', node.repository.name);
  const controller = new AbortController();
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      token.onCancellationRequested(() => controller.abort());
      if (node.kind === 'region') {
        let reported = 0;
        const estimate = await estimateRegionStorage(client, price, {
          signal: controller.signal,
          onProgress: (done, total) => {
            const increment = total ? ((done - reported) / total) * 100 : undefined;
            reported = done;
            progress.report({
              message: total ? vscode.l10n.t('{0} of {1} repositories', done, total) : vscode.l10n.t('{0} repositories', done),
              ...(increment !== undefined ? { increment } : {}),
            });
          },
        });
        tree.setEstimate(node, estimate, estimate.perRepository);
        log.info(
          `Storage of ${node.connection.profile}/${node.connection.region}: ${estimate.bytes} bytes in ${estimate.imageCount} images of ${estimate.repositoryCount} repositories (${formatUsd(estimate.monthlyCostUsd)}/month)`,
        );
      } else {
        const estimate = await estimateRepositoryStorage(client, node.repository.name, price, controller.signal);
        tree.setEstimate(node, estimate);
        log.info(`Storage of ${node.repository.name}: ${formatBytes(estimate.bytes)} in ${estimate.imageCount} images (${formatUsd(estimate.monthlyCostUsd)}/month)`);
      }
    });
  } catch (error) {
    if (controller.signal.aborted) {
      log.info('Storage estimate cancelled');
      return;
    }
    const problem = describeAwsProblem(error, node.connection);
    log.error(`Storage estimate: ${problem.message}`);
    notify(log, 'error', problem.message);
  }
}
