// Wires the scan views: the "ECR scan" diagnostics and their quick fixes, the findings view, the
// FROM CodeLens and hover, the image → Dockerfile store, the commands (each resolves to a
// ScanCommandResult that tests can check) and the ScanPresenter that Start Scan and the push
// commands end with.
import * as vscode from 'vscode';
import { SCAN_COMMANDS, type ScanCommandId } from '../commandIds';
import { errorMessage, notify } from '../notify';
import { reachesSeverity } from '../../scan';
import type { ImageScanResult } from '../../scan/model';
import type { ExplorerConnections } from '../explorer/connections';
import { asImageLike, digestOf } from '../explorer/actions/targets';
import { prompts } from '../explorer/prompts';
import { SETTINGS_SECTION } from '../settings';
import { FindingsPanels } from './findingsPanel';
import type { FindingsViewData } from './findingsHtml';
import { FromLensProvider } from './fromLens';
import { imageLabel, thresholdOf } from './presentationModel';
import { ScanCodeActionProvider } from './scanCodeActions';
import { ScanDiagnostics } from './scanDiagnostics';
import { ScanEcr } from './scanEcr';
import { ScanPresenter, type ScannedImageRef } from './scanPresenter';
import { isStoredImage, SourceStore } from './sourceStore';
import { describeAwsProblem } from '../../ecr/awsProblems';


/** What the scan commands resolve to (vscode.commands.executeCommand hands it to tests). */
export type ScanCommandResult =
  | {
      readonly outcome: 'done';
      readonly message: string;
      /** The findings view's page (showScanFindings). */
      readonly html?: string;
      /** The Dockerfile that got diagnostics, and on how many lines (showFindingsOnDockerfile). */
      readonly uri?: string;
      readonly lines?: number;
      readonly findings?: number;
    }
  | { readonly outcome: 'cancelled' }
  | { readonly outcome: 'failed'; readonly message: string };

export interface ScanViewsDeps {
  readonly connections: ExplorerConnections;
  readonly log: vscode.LogOutputChannel;
}

const DOCKERFILE_SELECTOR: vscode.DocumentSelector = [{ language: 'dockerfile' }, { pattern: '**/{Dockerfile,*.Dockerfile,Dockerfile.*,Containerfile}' }];

/** What the lazily loaded scan views hand back: the presenter and the scan commands' handlers. */
export interface ScanViews {
  readonly presenter: ScanPresenter;
  readonly commands: Record<ScanCommandId, (...args: unknown[]) => Promise<ScanCommandResult>>;
}

/**
 * Registers the providers and listeners of the scan views. Their commands are registered at
 * activation by src/views/pushAndScanLazily.ts, which loads this module on first use.
 */
export function registerScanViews(context: vscode.ExtensionContext, deps: ScanViewsDeps): ScanViews {
  const { log } = deps;
  const ecr = new ScanEcr(deps.connections);
  const sources = new SourceStore(context.workspaceState);
  const diagnostics = new ScanDiagnostics();
  const panels = new FindingsPanels(context.extensionUri, log);
  const lenses = new FromLensProvider(ecr);

  const showOnDockerfile = async (image: ScannedImageRef, result: ImageScanResult, dockerfile: vscode.Uri): Promise<number> => {
    const document = await vscode.workspace.openTextDocument(dockerfile);
    const layers = await ecr.layerDigests(image).catch((error: unknown) => {
      log.warn(`Layers of ${imageLabel(image)} not read (${describeAwsProblem(error, image.connection).message}); findings are mapped by package only.`);
      return [];
    });
    return diagnostics.show(document, image, result, layers);
  };

  const presenter = new ScanPresenter({
    waitForScan: (image, options) => ecr.waitForScan(image, options),
    readScanResult: (image, signal) => ecr.readResult(image, { signal, fresh: true }),
    sources: {
      remember: (image, dockerfile) => sources.remember(image, dockerfile.toString()),
      dockerfileOf: (image) => {
        const uri = sources.dockerfileOf(image);
        return uri ? vscode.Uri.parse(uri, true) : undefined;
      },
    },
    showOnDockerfile,
    showFindings: (image, result) => void panels.show(image, result),
    waitSeconds: () => {
      const value = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<unknown>('scanWaitSeconds');
      return typeof value === 'number' && Number.isFinite(value) ? Math.min(3600, Math.max(10, Math.trunc(value))) : 300;
    },
    get threshold() {
      return thresholdOf(vscode.workspace.getConfiguration(SETTINGS_SECTION).get<unknown>('failOnSeverity'), reachesSeverity);
    },
    log,
  });

  /** Brings back the diagnostics of a remembered Dockerfile opened in a later session (once). */
  const restored = new Set<string>();
  const restore = (document: vscode.TextDocument): void => {
    const key = document.uri.toString();
    const image = sources.imageOf(key);
    if (!image || restored.has(key) || diagnostics.has(document.uri)) {
      return;
    }
    restored.add(key);
    void (async () => {
      try {
        const result = await ecr.readResult(image);
        await showOnDockerfile(image, result, document.uri);
        log.info(`Scan findings of ${imageLabel(image)} shown again on ${vscode.workspace.asRelativePath(document.uri)}`);
      } catch (error) {
        log.warn(`Scan findings of ${imageLabel(image)} not shown on ${vscode.workspace.asRelativePath(document.uri)}: ${describeAwsProblem(error, image.connection).message}`);
      }
    })();
  };

  const run =
    <A extends unknown[]>(command: (...args: A) => Promise<ScanCommandResult>) =>
    async (...args: A): Promise<ScanCommandResult> => {
      try {
        return await command(...args);
      } catch (error) {
        return fail(log, errorMessage(error));
      }
    };

  const readWithProgress = (image: ScannedImageRef): Promise<{ result: ImageScanResult } | { failed: string } | { cancelled: true }> =>
    Promise.resolve(
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading the scan findings of {0}…', imageLabel(image)), cancellable: true },
        async (_progress, token) => {
          const controller = new AbortController();
          const cancelling = token.onCancellationRequested(() => controller.abort());
          try {
            return { result: await ecr.readResult(image, { signal: controller.signal }) };
          } catch (error) {
            if (controller.signal.aborted) {
              return { cancelled: true as const };
            }
            return { failed: vscode.l10n.t('Could not read the scan findings of {0}: {1}', imageLabel(image), describeAwsProblem(error, image.connection).message) };
          } finally {
            cancelling.dispose();
          }
        },
      ),
    );

  const showScanFindings = async (arg: unknown): Promise<ScanCommandResult> => {
    const image = scannedImageOf(arg);
    if (!image) {
      return fail(log, vscode.l10n.t('Show Scan Findings runs on an image in the ECR view (or from a FROM line\'s CodeLens).'));
    }
    const read = await readWithProgress(image);
    if ('cancelled' in read) {
      return { outcome: 'cancelled' };
    }
    if ('failed' in read) {
      return fail(log, read.failed);
    }
    const only = onlyOf(arg);
    const shown = panels.show(image, read.result, only);
    const message = vscode.l10n.t('{0} findings of {1}', read.result.findings.length, imageLabel(image));
    log.info(message);
    return { outcome: 'done', message, html: shown.html, findings: read.result.findings.length };
  };

  const showFindingsOnDockerfile = async (arg: unknown, target?: unknown): Promise<ScanCommandResult> => {
    const image = scannedImageOf(arg);
    if (!image) {
      return fail(log, vscode.l10n.t('Show Findings on Dockerfile runs on an image in the ECR view.'));
    }
    const dockerfile = target instanceof vscode.Uri ? target : await pickDockerfile(image, sources.dockerfileOf(image));
    if (!dockerfile) {
      return { outcome: 'cancelled' };
    }
    const read = await readWithProgress(image);
    if ('cancelled' in read) {
      return { outcome: 'cancelled' };
    }
    if ('failed' in read) {
      return fail(log, read.failed);
    }
    await sources.remember(image, dockerfile.toString());
    const lines = await showOnDockerfile(image, read.result, dockerfile);
    await vscode.window.showTextDocument(dockerfile, { preview: false });
    const message = vscode.l10n.t('{0} findings of {1} on {2} lines of {3}', read.result.findings.length, imageLabel(image), lines, vscode.workspace.asRelativePath(dockerfile));
    log.info(message);
    void vscode.window.setStatusBarMessage(`$(shield) ${message}`, 5000);
    return { outcome: 'done', message, uri: dockerfile.toString(), lines, findings: read.result.findings.length };
  };

  const clearScanFindings = async (arg?: unknown): Promise<ScanCommandResult> => {
    const uri = arg instanceof vscode.Uri ? arg : undefined;
    if (uri) {
      await sources.forgetDockerfile(uri.toString());
    }
    const cleared = diagnostics.clear(uri);
    return { outcome: 'done', message: vscode.l10n.t('Scan findings cleared from {0} file(s)', cleared) };
  };

  context.subscriptions.push(
    diagnostics,
    panels,
    lenses,
    vscode.languages.registerCodeActionsProvider(DOCKERFILE_SELECTOR, new ScanCodeActionProvider(diagnostics, ecr), ScanCodeActionProvider.metadata),
    vscode.languages.registerCodeLensProvider(DOCKERFILE_SELECTOR, lenses),
    vscode.languages.registerHoverProvider(DOCKERFILE_SELECTOR, lenses),
    vscode.workspace.onDidOpenTextDocument(restore),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SETTINGS_SECTION}.scanCodeLens`)) {
        lenses.refresh();
      }
      if (['profiles', 'regions'].some((key) => event.affectsConfiguration(`${SETTINGS_SECTION}.${key}`))) {
        ecr.forget();
        lenses.refresh();
      }
    }),
  );
  for (const document of vscode.workspace.textDocuments) {
    restore(document);
  }
  return {
    presenter,
    commands: {
      [SCAN_COMMANDS.showScanFindings]: run(showScanFindings),
      [SCAN_COMMANDS.showFindingsOnDockerfile]: run(showFindingsOnDockerfile),
      [SCAN_COMMANDS.clearScanFindings]: run(clearScanFindings),
    },
  };
}

function fail(log: vscode.LogOutputChannel, message: string): ScanCommandResult {
  log.error(message);
  notify(log, 'error', message);
  return { outcome: 'failed', message };
}

/** An explorer image/platform node, or a plain { connection, repositoryName, imageDigest, tag? }. */
export function scannedImageOf(arg: unknown): ScannedImageRef | undefined {
  const node = asImageLike(arg);
  if (node) {
    const tag = node.kind === 'image' ? node.image.tags[0] : node.index.tags[0];
    return { connection: node.connection, repositoryName: node.repository.name, imageDigest: digestOf(node), ...(tag ? { tag } : {}) };
  }
  if (isStoredImage(arg)) {
    return {
      connection: { profile: arg.connection.profile, region: arg.connection.region },
      repositoryName: arg.repositoryName,
      imageDigest: arg.imageDigest,
      ...(arg.tag !== undefined ? { tag: arg.tag } : {}),
    };
  }
  return undefined;
}

function onlyOf(arg: unknown): FindingsViewData['only'] | undefined {
  const only = (arg as { only?: { ids?: unknown; label?: unknown } } | undefined)?.only;
  return only && Array.isArray(only.ids) && typeof only.label === 'string'
    ? { ids: only.ids.filter((id): id is string => typeof id === 'string'), label: only.label }
    : undefined;
}

async function pickDockerfile(image: ScannedImageRef, remembered: string | undefined): Promise<vscode.Uri | undefined> {
  const found = await vscode.workspace.findFiles('**/{Dockerfile,*.Dockerfile,Dockerfile.*,Containerfile}', '**/node_modules/**', 200);
  if (found.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No Dockerfile in this workspace to show the findings of {0} on.', imageLabel(image)));
    return undefined;
  }
  const items = found
    .map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri, ...(uri.toString() === remembered ? { description: vscode.l10n.t('last used for this image') } : {}) }))
    .sort((a, b) => Number(b.uri.toString() === remembered) - Number(a.uri.toString() === remembered) || a.label.localeCompare(b.label));
  const picked = await prompts().quickPick(items, {
    title: vscode.l10n.t('Show the Findings of {0} on Which Dockerfile?', imageLabel(image)),
    placeHolder: vscode.l10n.t('The Dockerfile this image was built from'),
  });
  return picked?.uri;
}
