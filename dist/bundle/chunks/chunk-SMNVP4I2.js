import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{c as u}from"./chunk-GCFVPVBS.js";import{f as c,g as i}from"./chunk-7HESVFIV.js";import{b as s}from"./chunk-DU5UKQAK.js";async function p(r,f="inject",m=!1){let a=await r.readStdin(),o=c(a,{mode:f,resolveConfig:e=>{let t=u(e,{baseDir:r.cwd,rootDir:r.cwd});return{...t.config?{config:t.config}:{},results:[...t.errors,...t.warnings]}},presetFor:i,verify:m});r.stdout(o.text);let n=o.results.filter(e=>e.severity==="error"),d=r.env.LOG_TO_STDERR==="true"?o.results:n;for(let e of d)r.stderr(`mesh-inject: ${s(e)}
`);return n.length?(r.stderr(`mesh-inject: ${n.length} error(s); no resource was changed
`),1):0}export{p as a};
//# sourceMappingURL=chunk-SMNVP4I2.js.map
