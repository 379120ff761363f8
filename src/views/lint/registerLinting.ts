// Dockerfile linting in VS Code, wired in one place: diagnostics as the user types, quick fixes,
// the .hadolint.yaml and settings that configure it, and the rule list. The rules themselves live
// in the pure core (src/lint); everything here translates between it and the editor.
import * as vscode from 'vscode';
import { lint } from '../../lint/engine';
import { findHadolintConfig, parseHadolintConfig } from '../../lint/hadolintConfig';
import { findRuleMeta } from '../../lint/rules/index';
import { suppressionFixes } from '../../lint/suppress';
import { getLog } from '../log';
import { APPLY_FIX_COMMAND, applyPromptedFix } from './applyFix';
import { LintCodeActionProvider } from './codeActions';
import { toDiagnostic } from './diagnostics';
import { HadolintConfigs } from './hadolintConfigs';
import { LintController } from './lintController';
import { affectsLinting, mergeOptions, readLintSettings } from './lintSettings';
import { ProblemReporter } from './problemReporter';

const DOCKERFILES: vscode.DocumentSelector = [
  { language: 'dockerfile', scheme: 'file' },
  { language: 'dockerfile', scheme: 'untitled' },
];

export function registerLinting(context: vscode.ExtensionContext): void {
  const log = getLog();
  const collection = vscode.languages.createDiagnosticCollection('ecrExplorer.lint');
  const configs = new HadolintConfigs({ findHadolintConfig, parseHadolintConfig });
  const problems = new ProblemReporter(log);
  const knownRule = (idOrAlias: string): boolean => findRuleMeta(idOrAlias) !== undefined;
  const canonical = (idOrAlias: string): string => findRuleMeta(idOrAlias)?.id ?? idOrAlias;

  const controller = new LintController({
    lint,
    collection,
    log,
    toDiagnostic: (finding) => toDiagnostic(finding, context.extensionUri),
    setupFor: (document) => {
      const settings = readLintSettings(document.uri, knownRule);
      const config = settings.enable ? configs.forDocument(document) : { options: {}, problems: [] };
      problems.report([...settings.problems, ...config.problems]);
      return {
        enabled: settings.enable,
        debounceMs: settings.debounceMs,
        options: mergeOptions(config.options, settings, canonical),
      };
    },
  });

  context.subscriptions.push(
    collection,
    configs,
    controller,
    vscode.languages.registerCodeActionsProvider(
      DOCKERFILES,
      new LintCodeActionProvider(controller, suppressionFixes),
      LintCodeActionProvider.metadata,
    ),
    vscode.commands.registerCommand(APPLY_FIX_COMMAND, applyPromptedFix),
    configs.onDidChange(() => controller.relintAll()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (affectsLinting(event)) {
        controller.relintAll();
      }
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      configs.forget();
      controller.relintAll();
    }),
  );
  controller.start();
}
