/**
 * Everything template mode remembers between pods, in one object owned by one parsed set of
 * cluster inputs (`ParsedInputs.cache`) and dropped with it. Nothing else remembers template-mode
 * results: the libraries it calls (gotemplate/, kube/strategic-merge/, yaml/, go/) take what
 * they may reuse as arguments.
 *
 * Template output differs from pod to pod in a few lines only. Its blocks are read once, keyed by
 * their text (`blocks`, the fast YAML reader's block cache), so pods with the same lines share the
 * parsed parts of their overlays. What is worked out from such a part is kept by identity: the part
 * as a merge takes it in (nulls and directives removed, `takenParts`) and as Go's round trip writes
 * it (`roundTrips`). The proto message structs of the mesh config and ProxyConfigs are kept per
 * JSON object (`protoMessages`).
 *
 * Identity is a safe key because nothing here ever changes: everything stored is `DeepReadonly`
 * (and frozen), and so is what it is keyed on. Per-render state (the pod, istiod's environment)
 * is passed to each call, never stored here.
 */
import type { DeepReadonly } from '../../data/deep-readonly.js';
import { deepFreeze } from '../../data/frozen-data.js';
import type { RoundTripMemo } from '../../go/go-roundtrip.js';
import type { PatchPartMemo } from '../../kube/strategic-merge/index.js';
import { createBlockCache, readPlainData, type BlockCache, type PlainRead } from '../../yaml/fast-read/fast-read.js';

type Json = Record<string, unknown>;

/** Which caches are on (all by default): `npm run bench` switches each off to measure what it buys. */
export interface TemplateModeCacheOptions {
  readonly blocks?: boolean;
  readonly takenParts?: boolean;
  readonly roundTrips?: boolean;
  readonly protoMessages?: boolean;
}

export class TemplateModeCache {
  private readonly blocks: BlockCache | undefined;
  private readonly taken: SharedParts | undefined;
  private readonly roundTripMemo: RoundTrips | undefined;
  private readonly messages: WeakMap<object, Map<string, object>> | undefined;

  constructor(options: TemplateModeCacheOptions = {}) {
    this.blocks = options.blocks === false ? undefined : createBlockCache();
    this.taken = options.takenParts === false ? undefined : new SharedParts();
    this.roundTripMemo = options.roundTrips === false || this.taken === undefined ? undefined : new RoundTrips(this.taken);
    this.messages = options.protoMessages === false ? undefined : new WeakMap();
  }

  /** Template output read by the fast YAML reader (`ok: false`: outside its subset), blocks seen before shared. */
  readOutput(text: string): PlainRead<DeepReadonly<unknown>> {
    return readPlainData(text, this.blocks);
  }

  /** For `strategicMerge`'s `patchParts`: overlay parts as merges took them before (undefined when off). */
  get patchParts(): PatchPartMemo | undefined {
    return this.taken;
  }

  /** For `goRoundTrip`: what Go made of overlay parts before (undefined when off). */
  get roundTrips(): RoundTripMemo | undefined {
    return this.roundTripMemo;
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

/**
 * Overlay parts as the merges take them in (`materializeOwned`), by part. Every part and every
 * result is frozen: results become parts of merged pods, shared between pods.
 */
class SharedParts implements PatchPartMemo {
  private readonly parts = new WeakMap<object, unknown>();
  /** Results handed out: parts of merged pods that never change. */
  private readonly results = new WeakSet<object>();

  has(part: object): boolean {
    return this.parts.has(part);
  }

  get(part: object): unknown {
    return this.parts.get(part);
  }

  set(part: object, taken: unknown): void {
    deepFreeze(taken);
    if (typeof taken === 'object' && taken !== null) this.results.add(taken);
    this.parts.set(part, taken);
  }

  isShared(value: object): boolean {
    return this.results.has(value);
  }
}

/** Go round trips of overlay parts taken into merged pods (with no user field to keep), by Go type. */
class RoundTrips implements RoundTripMemo {
  private readonly byType = new Map<string, WeakMap<object, Json>>();

  constructor(private readonly shared: SharedParts) {}

  get(part: Json, typeName: string): Json | undefined {
    return this.byType.get(typeName)?.get(part);
  }

  set(part: Json, typeName: string, result: Json): void {
    if (!this.shared.isShared(part)) return;
    let results = this.byType.get(typeName);
    if (results === undefined) this.byType.set(typeName, (results = new WeakMap()));
    results.set(part, deepFreeze(result));
  }
}
