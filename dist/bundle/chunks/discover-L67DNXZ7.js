import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a,c as m,e as c}from"./chunk-PMQTY22U.js";import{a as n}from"./chunk-7Q7A45KS.js";import"./chunk-P27OV5BT.js";import"./chunk-3P725EOP.js";import"./chunk-WY47OZHL.js";import"./chunk-B7T54GY4.js";import"./chunk-PIRO4NZ7.js";import"./chunk-YIAP3JO3.js";import{existsSync as p}from"node:fs";import e from"node:path";async function v(r){try{let o=r.cwd,i=m(o)?"kustomize":!p(e.join(o,"Chart.yaml"))&&(await a(o)).length>0?"directory":void 0;if(!i)return 0;let s=c(o,r.env),t=await n({allowJs:!1,stopDir:s}).resolveFor(e.join(o,"<stdin>"));t.source==="file"&&t.filepath&&r.stdout(`${i} app with ${e.relative(s,t.filepath)}
`)}catch(o){r.stderr(`mesh-inject: discovery failed, not taking this app: ${o.message}
`)}return 0}export{v as runArgocdDiscover};
//# sourceMappingURL=discover-L67DNXZ7.js.map
