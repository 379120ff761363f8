// Which profile/region pairs the tree shows and how VS Code's proxy settings become the core's
// options, decided from plain setting values (unknown: users edit settings.json by hand).

/** The ecrExplorer.regions setting, keeping only well-formed entries. */
export function regionsSetting(value: unknown): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return result;
  }
  for (const [profile, regions] of Object.entries(value as Record<string, unknown>)) {
    if (Array.isArray(regions)) {
      const valid = regions.filter((region): region is string => typeof region === 'string' && region.trim() !== '');
      result[profile] = [...new Set(valid.map((region) => region.trim()))];
    }
  }
  return result;
}

/**
 * The regions shown under a profile: the setting's list when it names the profile (even empty:
 * the user removed them all), else the profile's own config region, else none.
 */
export function regionsOfProfile(profile: string, setting: Record<string, string[]>, configRegion: string | undefined): string[] {
  const chosen = Object.prototype.hasOwnProperty.call(setting, profile) ? setting[profile] : undefined;
  if (chosen) {
    return chosen;
  }
  return configRegion ? [configRegion] : [];
}

export interface ProxyOptions {
  url: string;
  strictSSL: boolean;
  noProxy?: readonly string[];
}

/** VS Code's http.proxy, http.proxyStrictSSL and http.noProxy; undefined when no proxy is set. */
export function proxyFromSettings(proxy: unknown, strictSSL: unknown, noProxy: unknown): ProxyOptions | undefined {
  if (typeof proxy !== 'string' || proxy.trim() === '') {
    return undefined;
  }
  const exclusions = Array.isArray(noProxy)
    ? noProxy.filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '').map((entry) => entry.trim())
    : [];
  return {
    url: proxy.trim(),
    strictSSL: strictSSL !== false,
    ...(exclusions.length > 0 ? { noProxy: exclusions } : {}),
  };
}

/** Keeps a typed MFA code to exactly six digits, as STS wants; the message says what is wrong. */
export function mfaCodeProblem(value: string): 'empty' | 'notDigits' | 'length' | undefined {
  const code = value.trim();
  if (code === '') {
    return 'empty';
  }
  if (!/^\d+$/.test(code)) {
    return 'notDigits';
  }
  return code.length === 6 ? undefined : 'length';
}
