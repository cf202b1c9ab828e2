import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{c as a}from"./chunk-N2JUDHFW.js";import{b as d}from"./chunk-XD6M4EJZ.js";import{g as m,k as f}from"./chunk-Y3UDJEJB.js";import{b as u}from"./chunk-AXZDXOJI.js";async function T(r,o="inject",s=!1){let t=await d(r);return"result"in t?(r.stderr(`mesh-inject: ${u(t.result)}
mesh-inject: nothing was written to stdout
`),2):p(r,t.text,o,s)}function p(r,o,s="inject",t=!1){let i=f(o,{mode:s,resolveConfig:e=>{let n=a(e,{baseDir:r.cwd,rootDir:r.cwd});return{...n.config?{config:n.config}:{},results:[...n.errors,...n.warnings]}},presetFor:m,verify:t});r.stdout(i.text);let c=i.results.filter(e=>e.severity==="error"),l=r.env.LOG_TO_STDERR==="true"?i.results:c;for(let e of l)r.stderr(`mesh-inject: ${u(e)}
`);return c.length?(r.stderr(`mesh-inject: ${c.length} error(s); no resource was changed
`),1):0}export{T as a,p as b};
//# sourceMappingURL=chunk-3EMZX65Q.js.map
