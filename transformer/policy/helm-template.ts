/**
 * Template actions where YAML could not hold them: a line starting with `{{`, or `{{` as an
 * unquoted value. A quoted `"{{ ... }}"` string is data (a Prometheus rule, a config file in a
 * ConfigMap), as it is in any rendered stream.
 */
const HELM_ACTION = /^[ \t]*(?:-[ \t]+)?\{\{|:[ \t]+\{\{/m;

/** A Helm template, not an object: passed through, and not read for cluster facts either. */
export function isHelmTemplate(text: string): boolean {
  return HELM_ACTION.test(text);
}
