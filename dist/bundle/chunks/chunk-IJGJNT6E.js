import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{g as s,k as d}from"./chunk-F4ZKI7X3.js";import{a as o,b as n,c as i}from"./chunk-LEJBU35X.js";var m="<stdin>";async function p(e){let r=e.readStdinBytes?await e.readStdinBytes(67108864):new TextEncoder().encode(await e.readStdin());if(r.length>67108864)return{result:s("io-error",m,i("stdin"))};let t=o(r);return n(t)?{result:d(m,t)}:t}export{m as a,p as b};
//# sourceMappingURL=chunk-IJGJNT6E.js.map
