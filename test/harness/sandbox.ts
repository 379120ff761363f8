// A throw-away VS Code profile and workspace for one test run: user settings that keep the
// workbench quiet and offline, a copy of the fixture workspace, and AWS config files with
// known profiles (never the developer's own ~/.aws).
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onShutdown } from './shutdown';

export const REPO_ROOT = join(__dirname, '..', '..', '..');

export interface Sandbox {
  readonly root: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly workspace: string;
  readonly awsConfigFile: string;
  readonly awsCredentialsFile: string;
  dispose(): void;
}

const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.commandCenter.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
};

export function createSandbox(extraSettings: Record<string, unknown> = {}): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'ecr-explorer-vscode-'));
  const userDataDir = join(root, 'user-data');
  const extensionsDir = join(root, 'extensions');
  const workspace = join(root, 'workspace');
  const aws = join(root, 'aws');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  mkdirSync(aws, { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...QUIET_SETTINGS, ...extraSettings }, null, 2),
  );
  cpSync(join(REPO_ROOT, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  cpSync(join(REPO_ROOT, 'test', 'fixtures', 'aws'), aws, { recursive: true });
  const remove = (): void => rmSync(root, { recursive: true, force: true });
  const unregister = onShutdown(remove);
  return {
    root,
    userDataDir,
    extensionsDir,
    workspace,
    awsConfigFile: join(aws, 'config'),
    awsCredentialsFile: join(aws, 'credentials'),
    dispose: () => {
      unregister();
      remove();
    },
  };
}
