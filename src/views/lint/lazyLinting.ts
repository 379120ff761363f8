// The linter (66 rules, the end-of-life table, the editor adapters) is most of the bundle's code.
// Opening the ECR view must not pay for it: it is loaded, and its modules evaluated, when the
// first Dockerfile is open. esbuild keeps a dynamically imported module's initialisation lazy.
import * as vscode from 'vscode';
import { whenDockerfileOpens } from '../dockerfileDocuments';
import { SHOW_RULES_COMMAND } from './showRules';

export function registerLintingLazily(context: vscode.ExtensionContext): void {
  let loaded: Promise<void> | undefined;
  const load = (): Promise<void> =>
    (loaded ??= import('./registerLinting').then(({ registerLinting }) => registerLinting(context)));
  whenDockerfileOpens(context, () => void load());

  // The palette command exists from activation on; the rule list loads with it.
  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_RULES_COMMAND, async () => {
      const [{ ruleMetas }, { showLintRules }] = await Promise.all([import('../../lint/rules/index'), import('./showRules')]);
      await showLintRules(ruleMetas(), context.extensionUri);
    }),
  );
}
