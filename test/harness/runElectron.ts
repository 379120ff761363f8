// `npm run test:electron`: the same extension-host suite through @vscode/test-electron, in VS
// Code desktop. It needs a machine that can download VS Code, or VSCODE_EXECUTABLE naming an
// installed VS Code (e.g. /usr/share/code/code). CI here cannot download VS Code and uses
// `npm run test:integration` instead. The *.ui.test files need the code-server harness's page
// and are not loaded here.
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { createSandbox, REPO_ROOT } from './sandbox';

async function main(): Promise<number> {
  const sandbox = createSandbox();
  try {
    return await runTests({
      ...(process.env.VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE } : { version: '1.100.3' }),
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: join(REPO_ROOT, 'out', 'test', 'integration', 'index'),
      launchArgs: [
        sandbox.workspace,
        `--user-data-dir=${sandbox.userDataDir}`,
        `--extensions-dir=${sandbox.extensionsDir}`,
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
      ],
      extensionTestsEnv: {
        AWS_CONFIG_FILE: sandbox.awsConfigFile,
        AWS_SHARED_CREDENTIALS_FILE: sandbox.awsCredentialsFile,
      },
    });
  } finally {
    sandbox.dispose();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `test:electron failed: ${error instanceof Error ? error.message : String(error)}\n` +
        'It needs to download VS Code, or VSCODE_EXECUTABLE set to an installed VS Code; on machines without internet use "npm run test:integration".\n',
    );
    process.exitCode = 1;
  },
);
