/**
 * Everything template mode remembers between pods, in one object owned by one parsed set of
 * cluster inputs (`ParsedInputs.cache`) and dropped with it. Nothing else remembers template-mode
 * results: the libraries it calls (gotemplate/, kube/strategic-merge/, yaml/, go/) keep nothing
 * between calls, and take what they may reuse as arguments (the fast YAML reader's block cache).
 *
 * - `blocks`: template output differs from pod to pod in a few lines only, so its blocks (volumes,
 *   probes, most env entries) are read once, keyed by their text, and pods with the same lines
 *   share the parsed parts of their overlays.
 * - `protoMessages`: the Go message structs templates see for the mesh config and ProxyConfigs,
 *   per JSON object (the mesh config and its default ProxyConfig are the same for every pod).
 *
 * Everything stored is `DeepReadonly` (and frozen): shared between pods, it is never changed,
 * and the JSON a struct is kept for is never changed either. Per-render state (the pod, istiod's
 * environment) is passed to each call, never stored here.
 *
 * Each cache earns its place by `npm run bench` (`template_cache_<name>_gain`); the options switch
 * them off for that measurement only.
 */
import type { DeepReadonly } from '../../data/deep-readonly.js';
import { createBlockCache, readPlainData, type BlockCache, type PlainRead } from '../../yaml/fast-read/fast-read.js';

type Json = Record<string, unknown>;

/** Which caches are on (all by default): `npm run bench` switches each off to measure what it buys. */
export interface TemplateModeCacheOptions {
  readonly blocks?: boolean;
  readonly protoMessages?: boolean;
}

export class TemplateModeCache {
  private readonly blocks: BlockCache | undefined;
  private readonly messages: WeakMap<object, Map<string, object>> | undefined;

  constructor(options: TemplateModeCacheOptions = {}) {
    this.blocks = options.blocks === false ? undefined : createBlockCache();
    this.messages = options.protoMessages === false ? undefined : new WeakMap();
  }

  /** Template output read by the fast YAML reader (`ok: false`: outside its subset); blocks seen before are shared. */
  readOutput(text: string): PlainRead<DeepReadonly<unknown>> {
    return readPlainData(text, this.blocks);
  }

  /** The message struct of schema `schemaName` built from `json` (by `build`), built once per JSON object. */
  protoMessage(schemaName: string, json: DeepReadonly<Json>, build: () => object): object {
    if (this.messages === undefined) return build();
    let bySchema = this.messages.get(json);
    if (bySchema === undefined) this.messages.set(json, (bySchema = new Map()));
    let message = bySchema.get(schemaName);
    if (message === undefined) bySchema.set(schemaName, (message = build()));
    return message;
  }
}
