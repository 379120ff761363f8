// Secrets must never reach a tree node, a notification or the log. AWS errors rarely carry one,
// but credential_process output, a proxy URL with a password, or a signed URL can; anything that
// looks like a key, token, signature or password is replaced before a message leaves the core.

const REDACTIONS: ReadonlyArray<[RegExp, string]> = [
  // Access key ids: AKIA… (long-term), ASIA… (temporary) and the other documented prefixes.
  [/\b(?:AKIA|ASIA|AIDA|AROA|AGPA|ANPA|ANVA|APKA|ABIA|ACCA)[A-Z0-9]{12,}\b/g, '[access key]'],
  // Bearer tokens (before the key: value rule, which would stop at the space after "Bearer").
  [/\b(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, '$1[redacted]'],
  // key=value and "key": "value" forms of anything secret-like.
  [
    /((?:secret|token|password|passwd|pwd|signature|credential|session|authorization|x-amz-security-token|x-amz-signature)[A-Za-z_-]*["']?\s*[:=]\s*["']?)[^\s"'&,;}]+/gi,
    '$1[redacted]',
  ],
  // user:password@ in URLs (proxy settings).
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+:[^\s/@]+@/gi, '$1[redacted]@'],
  // A 40-character secret access key, or any long base64/JWT-like run (session tokens are hundreds).
  [/(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g, '[secret]'],
  [/[A-Za-z0-9/+=]{80,}/g, '[secret]'],
];

export function redactSecrets(text: string): string {
  let result = text;
  for (const [pattern, replacement] of REDACTIONS) {
    result = result.replace(pattern, replacement);
  }
  return result;
}
