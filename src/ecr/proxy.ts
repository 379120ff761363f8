// VS Code's proxy settings (http.proxy, http.proxyStrictSSL, http.noProxy) applied to the SDK's
// Node HTTP handler: one agent per protocol that sends each request through the proxy, or
// directly when its host is in noProxy. agent-base lets an agent pick another agent per request,
// which is what noProxy needs (the endpoint of a client is only known when it sends).
import * as http from 'node:http';
import * as https from 'node:https';
import { Agent, type AgentConnectOpts } from 'agent-base';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';

export interface ProxySettings {
  /** http://[user:password@]host:port (https:// proxies work too). */
  readonly url: string;
  /** false accepts self-signed or intercepting certificates, as VS Code's http.proxyStrictSSL. */
  readonly strictSSL: boolean;
  /** Hosts reached directly: "localhost", ".example.com", "*.example.com", "example.com:8443", "10.0.0.1", "*". */
  readonly noProxy?: readonly string[];
}

export interface ProxyAgents {
  readonly httpAgent: http.Agent;
  readonly httpsAgent: https.Agent;
  destroy(): void;
}

/** Agents for the SDK's NodeHttpHandler; throws a clear Error when the proxy URL is unusable. */
export function createProxyAgents(settings: ProxySettings): ProxyAgents {
  const proxyUrl = parseProxyUrl(settings.url);
  const tlsOptions = { rejectUnauthorized: settings.strictSSL, keepAlive: true };
  const viaProxyHttps = new HttpsProxyAgent(proxyUrl, tlsOptions);
  const viaProxyHttp = new HttpProxyAgent(proxyUrl, { keepAlive: true, rejectUnauthorized: settings.strictSSL });
  const directHttps = new https.Agent(tlsOptions);
  const directHttp = new http.Agent({ keepAlive: true });
  const noProxy = settings.noProxy ?? [];

  class RoutingAgent extends Agent {
    connect(_request: http.ClientRequest, options: AgentConnectOpts): http.Agent {
      const port = options.port ?? (options.secureEndpoint ? 443 : 80);
      const host = options.host ?? 'localhost';
      const direct = bypassesProxy(host, port, noProxy);
      if (options.secureEndpoint) {
        return direct ? directHttps : viaProxyHttps;
      }
      return direct ? directHttp : viaProxyHttp;
    }
  }
  // agent-base agents serve both protocols.
  // Its options reach the per-request options of the agent it picks (rejectUnauthorized included).
  const routing = new RoutingAgent(tlsOptions);
  return {
    httpAgent: routing,
    httpsAgent: routing,
    destroy() {
      for (const agent of [routing, viaProxyHttps, viaProxyHttp, directHttps, directHttp]) {
        agent.destroy();
      }
    },
  };
}

function parseProxyUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text.includes('://') ? text : `http://${text}`);
  } catch {
    throw new Error(`The proxy setting "${redactUserInfo(text)}" is not a URL; expected e.g. http://proxy.example.com:3128.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`The proxy "${redactUserInfo(text)}" uses ${url.protocol.replace(':', '')}; only http:// and https:// proxies are supported.`);
  }
  return url;
}

function redactUserInfo(text: string): string {
  return text.replace(/\/\/[^/@]*@/, '//[redacted]@');
}

/** curl-style NO_PROXY matching: exact host, domain suffix (with or without a leading dot or "*."), optional port, or "*". */
export function bypassesProxy(host: string, port: number | string, noProxy: readonly string[]): boolean {
  const hostname = host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  for (const raw of noProxy) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') {
      continue;
    }
    if (entry === '*') {
      return true;
    }
    const { pattern, entryPort } = splitPort(entry);
    if (entryPort !== undefined && String(entryPort) !== String(port)) {
      continue;
    }
    const domain = pattern.replace(/^\*?\./, '');
    if (hostname === domain || hostname.endsWith(`.${domain}`)) {
      return true;
    }
  }
  return false;
}

function splitPort(entry: string): { pattern: string; entryPort?: string } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) {
    return { pattern: bracketed[1] ?? '', ...(bracketed[2] ? { entryPort: bracketed[2] } : {}) };
  }
  const parts = entry.split(':');
  // More than one colon without brackets: an IPv6 address without a port.
  if (parts.length === 2 && /^\d+$/.test(parts[1] ?? '')) {
    return { pattern: parts[0] ?? '', entryPort: parts[1] };
  }
  return { pattern: entry };
}
