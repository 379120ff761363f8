// secret-file-copied: COPY/ADD of credential files (.env, SSH keys, *.pem, .npmrc, .aws/…) puts
// them in a layer; deleting them later does not remove them from the image.
import type { Rule } from '../rule';

const SECRET_FILE = /(?:^|\/)(?:\.env(?:\.(?!example$|sample$|template$|dist$)[\w.-]+)?|id_(?:rsa|dsa|ecdsa|ed25519)|[^/]*\.(?:pem|key|p12|pfx|jks|keystore|kdbx)|\.npmrc|\.pypirc|\.netrc|\.git-credentials|\.dockercfg|\.docker\/config\.json|\.aws(?:\/(?:credentials|config))?|\.ssh(?:\/[^/]*)?|\.kube\/config|kubeconfig|credentials\.json|\.htpasswd|secrets?\.(?:json|ya?ml|env|txt))\/?$/i;

export function isSecretPath(path: string): boolean {
  const clean = path.replace(/^\.\//, '').replace(/\/+$/, '');
  return SECRET_FILE.test(clean) && !/\.pub$/i.test(clean);
}

export const rule: Rule = {
  meta: {
    id: 'secret-file-copied',
    title: 'Secret file copied into the image',
    category: 'security',
    defaultSeverity: 'error',
    aliases: [],
    summary: 'COPY/ADD of .env, private keys, *.pem, .npmrc, .aws/… into a layer.',
  },
  check(context): void {
    for (const instruction of context.model.instructions) {
      if ((instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') || instruction.heredocs.length > 0) {
        continue;
      }
      const json = instruction.json();
      const sources = json ? json.slice(0, -1).map((value) => ({ value, range: instruction.argsRange })) : instruction.operands().slice(0, -1).map((word) => ({ value: word.value, range: instruction.rangeOf(word.start, word.end) }));
      for (const source of sources) {
        if (!isSecretPath(source.value)) {
          continue;
        }
        context.report({
          instruction,
          range: source.range,
          message:
            `${instruction.keyword} puts "${source.value}" into an image layer. Everyone who can pull the image can extract it, even if a later step deletes it. ` +
            'Keep it out of the build context (.dockerignore) and mount it only while needed: RUN --mount=type=secret,id=…  (or --mount=type=ssh for SSH keys).',
        });
      }
    }
  },
};
