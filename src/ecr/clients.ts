// One ECR client per connection (profile + region), with the profile's credentials and endpoint
// override, VS Code's proxy, adaptive retries and a request log. The views hold one EcrClients.
// Enhanced scanning's details (EPSS, Inspector score) come from Amazon Inspector2, so each
// connection also gets an Inspector2 client built the same way, created only when first asked.
import { DescribeRegistryCommand, ECRClient, type ECRClientConfig } from '@aws-sdk/client-ecr';
import { Inspector2Client, type Inspector2ClientConfig } from '@aws-sdk/client-inspector2';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { credentialProviderFor } from './credentials';
import { configuredEndpoint } from './endpoints';
import { ENVIRONMENT_PROFILE, type Connection } from './model';
import { QuotaAwareRetryStrategy } from './retryStrategy';
import { createProxyAgents, type ProxyAgents } from './proxy';

export interface RequestLogEntry {
  connection: Connection;
  operation: string;
  durationMs: number;
  attempts: number;
  errorName?: string;
  httpStatus?: number;
}

export interface EcrClientsOptions {
  mfaCodeProvider?: (mfaSerial: string, profile: string) => Promise<string>;
  proxy?: { url: string; strictSSL: boolean; noProxy?: readonly string[] };
  /** One entry per operation (after the SDK's retries); never holds credentials or messages. */
  onRequest?: (entry: RequestLogEntry) => void;
  env?: NodeJS.ProcessEnv;
  /** Default 5, adaptive (the SDK retries throttling with client-side rate limiting); quota errors are not retried (retryStrategy.ts). */
  maxAttempts?: number;
}

const DEFAULT_MAX_ATTEMPTS = 5;

export class EcrClients {
  private readonly clients = new Map<string, ECRClient>();
  private readonly inspectorClients = new Map<string, Inspector2Client>();
  private readonly credentials = new Map<string, AwsCredentialIdentityProvider>();
  private readonly accountIds = new Map<string, Promise<string>>();
  private readonly env: NodeJS.ProcessEnv;
  private agents: ProxyAgents | undefined;
  private disposed = false;

  constructor(private readonly options: EcrClientsOptions = {}) {
    this.env = options.env ?? process.env;
  }

  /** The client of `connection`, created on first use and kept until forget() or dispose(). */
  ecr(connection: Connection): ECRClient {
    return this.cached(this.clients, connection, () => this.createClient(connection));
  }

  /** The Inspector2 client of `connection` (same credentials, proxy, retries and request log as ecr()). */
  inspector(connection: Connection): Inspector2Client {
    return this.cached(this.inspectorClients, connection, () => this.createInspectorClient(connection));
  }

  private cached<C>(clients: Map<string, C>, connection: Connection, create: () => C): C {
    if (this.disposed) {
      throw new Error('The ECR clients were disposed; the explorer is shutting down.');
    }
    const key = keyOf(connection);
    let client = clients.get(key);
    if (!client) {
      client = create();
      clients.set(key, client);
    }
    return client;
  }

  /** The account (registry) id of the connection, from DescribeRegistry; remembered once known. */
  accountId(connection: Connection): Promise<string> {
    const key = keyOf(connection);
    let accountId = this.accountIds.get(key);
    if (!accountId) {
      const lookup = this.ecr(connection)
        .send(new DescribeRegistryCommand({}))
        .then((output) => {
          if (!output.registryId) {
            throw new Error('DescribeRegistry returned no registry id.');
          }
          return output.registryId;
        });
      lookup.catch(() => {
        if (this.accountIds.get(key) === lookup) {
          this.accountIds.delete(key);
        }
      });
      accountId = lookup;
      this.accountIds.set(key, accountId);
    }
    return accountId;
  }

  /** Drops clients, credentials and account ids of `profile` (all profiles when omitted). */
  forget(profile?: string): void {
    for (const [key, client] of this.clients) {
      if (profile === undefined || profileOfKey(key) === profile) {
        client.destroy();
        this.clients.delete(key);
      }
    }
    for (const [key, client] of this.inspectorClients) {
      if (profile === undefined || profileOfKey(key) === profile) {
        client.destroy();
        this.inspectorClients.delete(key);
      }
    }
    for (const key of [...this.accountIds.keys()]) {
      if (profile === undefined || profileOfKey(key) === profile) {
        this.accountIds.delete(key);
      }
    }
    if (profile === undefined) {
      this.credentials.clear();
    } else {
      this.credentials.delete(profile);
    }
  }

  dispose(): void {
    this.forget();
    this.agents?.destroy();
    this.agents = undefined;
    this.disposed = true;
  }

  private createClient(connection: Connection): ECRClient {
    const client = new ECRClient(this.clientConfig(connection));
    // Each profile's own endpoint override, not AWS_PROFILE's (see endpoints.ts).
    this.useConfiguredEndpoint(client, 'ECR', connection);
    this.addRequestLog(client, connection);
    return client;
  }

  private createInspectorClient(connection: Connection): Inspector2Client {
    const client = new Inspector2Client(this.clientConfig(connection));
    // AWS_ENDPOINT_URL_INSPECTOR2, the profile's endpoint_url or its [services] inspector2 key.
    this.useConfiguredEndpoint(client, 'Inspector2', connection);
    this.addRequestLog(client, connection);
    return client;
  }

  /** What every client of a connection shares: region, credentials, retries, profile, proxy. */
  private clientConfig(connection: Connection): ECRClientConfig & Inspector2ClientConfig {
    return {
      region: connection.region,
      credentials: this.credentialsOf(connection.profile),
      retryStrategy: new QuotaAwareRetryStrategy(this.options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS),
      ...(connection.profile !== ENVIRONMENT_PROFILE ? { profile: connection.profile } : {}),
      ...this.requestHandlerConfig(),
    };
  }

  /** The SDK would read AWS_PROFILE's endpoint settings whatever profile the client has: read the connection's own. */
  private useConfiguredEndpoint(client: ECRClient | Inspector2Client, service: 'ECR' | 'Inspector2', connection: Connection): void {
    const resolved = client.config as { serviceConfiguredEndpoint?: () => Promise<string | undefined> };
    resolved.serviceConfiguredEndpoint = () => configuredEndpoint(service, connection.profile, this.env);
  }

  private credentialsOf(profile: string): AwsCredentialIdentityProvider {
    let provider = this.credentials.get(profile);
    if (!provider) {
      provider = credentialProviderFor(profile, {
        env: this.env,
        ...(this.options.mfaCodeProvider ? { mfaCodeProvider: this.options.mfaCodeProvider } : {}),
        innerClientConfig: () => this.requestHandlerConfig(),
      });
      this.credentials.set(profile, provider);
    }
    return provider;
  }

  private requestHandlerConfig(): { requestHandler?: NodeHttpHandler } {
    const proxy = this.options.proxy;
    if (!proxy?.url) {
      return {};
    }
    try {
      this.agents ??= createProxyAgents(proxy);
    } catch (error) {
      // A bad proxy setting must not throw from ecr(): each request fails with the reason instead,
      // which the views show on the node like any other problem.
      return { requestHandler: new RefusingHandler(error instanceof Error ? error.message : String(error)) };
    }
    return { requestHandler: new NodeHttpHandler({ httpAgent: this.agents.httpAgent, httpsAgent: this.agents.httpsAgent }) };
  }

  private addRequestLog(client: ECRClient | Inspector2Client, connection: Connection): void {
    const onRequest = this.options.onRequest;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const started = performance.now();
        const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
        try {
          const result = await next(args);
          const metadata = (result.output as { $metadata?: { attempts?: number; httpStatusCode?: number } }).$metadata;
          onRequest?.({
            connection,
            operation,
            durationMs: Math.round(performance.now() - started),
            attempts: metadata?.attempts ?? 1,
            ...(metadata?.httpStatusCode !== undefined ? { httpStatus: metadata.httpStatusCode } : {}),
          });
          return result;
        } catch (error) {
          const failure = (typeof error === 'object' && error !== null ? error : {}) as {
            name?: string;
            $metadata?: { attempts?: number; httpStatusCode?: number };
          };
          // Lets describeAwsProblem say which endpoint could not be reached.
          const url = (context as { endpointV2?: { url?: URL } }).endpointV2?.url;
          if (url && typeof error === 'object' && error !== null && !('requestEndpoint' in error)) {
            Object.defineProperty(error, 'requestEndpoint', { value: url.host, enumerable: false, configurable: true });
          }
          onRequest?.({
            connection,
            operation,
            durationMs: Math.round(performance.now() - started),
            attempts: failure.$metadata?.attempts ?? 1,
            errorName: failure.name ?? 'Error',
            ...(failure.$metadata?.httpStatusCode !== undefined ? { httpStatus: failure.$metadata.httpStatusCode } : {}),
          });
          throw error;
        }
      },
      { step: 'initialize', name: 'ecrExplorerRequestLog', override: true },
    );
  }
}

/** Fails every request with the proxy setting's problem (described by awsProblems as unreachable). */
class RefusingHandler extends NodeHttpHandler {
  constructor(private readonly reason: string) {
    super();
  }
  override handle(): Promise<never> {
    return Promise.reject(Object.assign(new Error(`The proxy setting (http.proxy) cannot be used: ${this.reason}`), { name: 'ProxySettingError' }));
  }
}

function keyOf(connection: Connection): string {
  return `${connection.profile}\u0000${connection.region}`;
}

function profileOfKey(key: string): string {
  return key.slice(0, key.indexOf('\u0000'));
}
