import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{b as s,f as d}from"./chunk-ZVC6IWVI.js";import{a as i}from"./chunk-AKY4KHAV.js";import{a as o,b as n}from"./chunk-JU4A5LK5.js";var m="<stdin>";async function p(e){let r=e.readStdinBytes?await e.readStdinBytes(67108864):new TextEncoder().encode(await e.readStdin());if(r.length>67108864)return{result:s("io-error",m,i("stdin"))};let t=o(r);return n(t)?{result:d(m,t)}:t}export{m as a,p as b};
//# sourceMappingURL=chunk-XD6M4EJZ.js.map
