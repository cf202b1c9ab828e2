/**
 * What the run's input says about the cost of its workloads beyond their pods: the
 * HorizontalPodAutoscalers that scale them and the LimitRanges that give their containers
 * defaults. Read from every file before any is transformed, as the Namespaces are.
 */
import { parseManifest, toPlainData } from '../yaml/parse-document.js';
import { splitDocuments } from '../yaml/split-documents.js';
import { collectHpaTargets, type HpaTarget } from './hpa-targets.js';
import { collectLimitRanges, type LimitRangeDefaults } from './limit-ranges.js';

export interface CostInputs {
  hpas: HpaTarget[];
  limitRanges: LimitRangeDefaults[];
}

export function emptyCostInputs(): CostInputs {
  return { hpas: [], limitRanges: [] };
}

const COST_KIND = /["']?kind["']?\s*:\s*["']?(?:HorizontalPodAutoscaler|LimitRange)\b/;

/** From a YAML stream; other documents are not parsed, malformed ones are left to the transform to report. */
export function costInputsFromText(text: string, into: CostInputs = emptyCostInputs()): CostInputs {
  if (!COST_KIND.test(text)) return into;
  for (const slice of splitDocuments(text) ?? [{ text, line: 0 }]) {
    if (!COST_KIND.test(slice.text)) continue;
    const { parsed, problems } = parseManifest(slice.text);
    if (problems.length) continue;
    try {
      const data = [toPlainData(parsed.doc)];
      collectHpaTargets(data, into.hpas);
      collectLimitRanges(data, into.limitRanges);
    } catch {
      // Reported when the file is transformed.
    }
  }
  return into;
}
