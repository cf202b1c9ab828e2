/** The `linkerd:` section of the rc file: where the Linkerd control plane's settings come from. */
import * as z from 'zod';
import { DEFAULT_CONFIG } from './defaults.js';
import { expects } from './expects.js';
import { nonEmptyString } from './value-schemas.js';

const D = DEFAULT_CONFIG.linkerd;

const relativeFile = (example: string, what: string) =>
  expects(`a file path relative to this config file, such as ${example}`, z.string().min(1)).optional().describe(`${what} Relative to the config file. No default.`);

export const linkerdSchema = z
  .strictObject({
    version: nonEmptyString('edge-26.8.3')
      .default(D.version)
      .describe('Linkerd version whose built-in chart defaults apply when values is not set; also the proxy image tag.'),
    values: relativeFile(
      'linkerd/linkerd-config.yaml',
      "The control plane's values: the linkerd-config ConfigMap as `kubectl get -n linkerd configmap linkerd-config -o yaml` prints it, or a Helm values file of the linkerd-control-plane chart. When set, it replaces version and the trust anchors below.",
    ),
    identityTrustAnchorsPEM: expects('a PEM certificate bundle (-----BEGIN CERTIFICATE----- ...)', z.string().regex(/-----BEGIN CERTIFICATE-----/))
      .optional()
      .describe('The trust anchors of the mesh identity (identityTrustAnchorsPEM), needed when values is not set. No default.'),
    identityTrustAnchorsFile: relativeFile('linkerd/ca.crt', 'A PEM file with the trust anchors, instead of identityTrustAnchorsPEM.'),
  })
  .prefault({})
  .describe('Settings of the Linkerd preset (used when mesh is linkerd).');
