// The one EcrClients the explorer shares, built from VS Code's proxy settings, asking for MFA
// codes through prompts() and logging every request (operation, connection, time, error name;
// never a credential). Rebuilt when the proxy settings change. The first clients() loads the
// SDK-backed core (lazyEcr.ts): nothing here touches the SDK at activation.
import * as vscode from 'vscode';
import type { ECRClient } from '@aws-sdk/client-ecr';
import type { EcrClients, RequestLogEntry } from '../../ecr/clients';
import { ENVIRONMENT_PROFILE, type Connection } from '../../ecr/model';
import { loadEcrCore } from '../lazyEcr';
import { mfaCodeProblem, proxyFromSettings } from './connectionsModel';
import { prompts } from './prompts';

/** Thrown by the MFA provider when the user dismissed the code prompt; its message names MFA so it reads as 'mfa-required'. */
export class MfaCodeCancelledError extends Error {
  constructor(profile: string) {
    super(`No MFA code was entered for profile "${profile}" (the prompt was dismissed). Enter the MFA code to continue.`);
    this.name = 'MfaCodeCancelled';
  }
}

export class ExplorerConnections implements vscode.Disposable {
  private current: Promise<EcrClients> | undefined;
  /** Profiles whose MFA prompt was dismissed: no new prompt until "Enter MFA Code" asks for one. */
  private readonly mfaDeclined = new Set<string>();
  /** One prompt per profile at a time: several regions resolve the same credentials together. */
  private readonly mfaPending = new Map<string, Promise<string>>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (['http.proxy', 'http.proxyStrictSSL', 'http.noProxy'].some((key) => event.affectsConfiguration(key))) {
        this.log.info('Proxy settings changed: new ECR clients');
        this.reset();
      }
    });
  }

  clients(): Promise<EcrClients> {
    if (!this.current) {
      const created = this.create();
      // A core that failed to load is tried again by the next caller (who sees the same message).
      created.catch(() => {
        if (this.current === created) {
          this.current = undefined;
        }
      });
      this.current = created;
    }
    return this.current;
  }

  /** The ECR client of one connection (profile + region). */
  async ecr(connection: Connection): Promise<ECRClient> {
    return (await this.clients()).ecr(connection);
  }

  /** Drops cached clients and credentials (all, or one profile's) and lets MFA ask again. */
  forget(profile?: string): void {
    if (profile === undefined) {
      this.mfaDeclined.clear();
    } else {
      this.mfaDeclined.delete(profile);
    }
    // Callbacks run in order: requests that call clients() after this see the forgotten state.
    void this.current?.then(
      (clients) => clients.forget(profile),
      () => undefined,
    );
  }

  reset(): void {
    void this.current?.then(
      (clients) => clients.dispose(),
      () => undefined,
    );
    this.current = undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.reset();
  }

  private async create(): Promise<EcrClients> {
    const { EcrClients } = await loadEcrCore();
    const http = vscode.workspace.getConfiguration('http');
    const proxy = proxyFromSettings(http.get('proxy'), http.get('proxyStrictSSL'), http.get('noProxy'));
    if (proxy) {
      this.log.info(`ECR requests go through the proxy set in http.proxy${proxy.strictSSL ? '' : ' (certificates not verified: http.proxyStrictSSL is off)'}`);
    }
    return new EcrClients({
      ...(proxy ? { proxy } : {}),
      mfaCodeProvider: (serial, profile) => this.askMfaCode(serial, profile),
      onRequest: (entry) => this.logRequest(entry),
    });
  }

  private askMfaCode(serial: string, profile: string): Promise<string> {
    if (this.mfaDeclined.has(profile)) {
      return Promise.reject(new MfaCodeCancelledError(profile));
    }
    let pending = this.mfaPending.get(profile);
    if (!pending) {
      pending = this.promptMfaCode(serial, profile).finally(() => this.mfaPending.delete(profile));
      this.mfaPending.set(profile, pending);
    }
    return pending;
  }

  private async promptMfaCode(serial: string, profile: string): Promise<string> {
    const code = await prompts().inputBox({
      title: vscode.l10n.t('MFA Code for Profile {0}', profile),
      prompt: vscode.l10n.t('Enter the current 6-digit code of {0}', serial),
      placeHolder: '123456',
      ignoreFocusOut: true,
      validateInput: (value) => mfaCodeMessage(value),
    });
    if (code === undefined || mfaCodeMessage(code) !== undefined) {
      this.mfaDeclined.add(profile);
      this.log.warn(`MFA code prompt for profile ${profile} dismissed`);
      throw new MfaCodeCancelledError(profile);
    }
    return code.trim();
  }

  private logRequest(entry: RequestLogEntry): void {
    const who = entry.connection.profile === ENVIRONMENT_PROFILE ? 'environment' : entry.connection.profile;
    const attempts = entry.attempts > 1 ? ` (${entry.attempts} attempts)` : '';
    const line = `ECR ${entry.operation} ${who}/${entry.connection.region} ${Math.round(entry.durationMs)} ms${attempts}`;
    if (entry.errorName) {
      this.log.warn(`${line}: ${entry.errorName}${entry.httpStatus ? ` (HTTP ${entry.httpStatus})` : ''}`);
    } else {
      this.log.info(line);
    }
  }
}

function mfaCodeMessage(value: string): string | undefined {
  switch (mfaCodeProblem(value)) {
    case 'empty':
      return vscode.l10n.t('Type the 6 digits your MFA device shows.');
    case 'notDigits':
      return vscode.l10n.t('An MFA code has digits only.');
    case 'length':
      return vscode.l10n.t('An MFA code has exactly 6 digits.');
    case undefined:
      return undefined;
  }
}
