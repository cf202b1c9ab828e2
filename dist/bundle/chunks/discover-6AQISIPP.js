import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a,c as m,e as c}from"./chunk-GCNDTJGO.js";import"./chunk-OCF5YQ7Z.js";import{a as n}from"./chunk-TRZIC3E4.js";import"./chunk-NVQZDIVT.js";import"./chunk-5HUFHXMJ.js";import"./chunk-6BQQTSJI.js";import"./chunk-H7OFMJ4N.js";import"./chunk-AKY4KHAV.js";import"./chunk-JU4A5LK5.js";import"./chunk-DAKBLSIJ.js";import"./chunk-YIAP3JO3.js";import{existsSync as p}from"node:fs";import e from"node:path";async function v(r){try{let o=r.cwd,i=m(o)?"kustomize":!p(e.join(o,"Chart.yaml"))&&(await a(o)).length>0?"directory":void 0;if(!i)return 0;let s=c(o,r.env),t=await n({allowJs:!1,stopDir:s}).resolveFor(e.join(o,"<stdin>"));t.source==="file"&&t.filepath&&r.stdout(`${i} app with ${e.relative(s,t.filepath)}
`)}catch(o){r.stderr(`mesh-inject: discovery failed, not taking this app: ${o.message}
`)}return 0}export{v as runArgocdDiscover};
//# sourceMappingURL=discover-6AQISIPP.js.map
