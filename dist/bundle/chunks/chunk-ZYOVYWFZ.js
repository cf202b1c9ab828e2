import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{c as o,d as n}from"./chunk-2GZUGCEN.js";import{a as e}from"./chunk-RGQ2DFU4.js";import{rename as m,stat as c,unlink as w,writeFile as f}from"node:fs/promises";async function d(r,i){let a=await c(r).then(()=>!0,()=>!1),t=o(r,process.pid);try{if(a)return await n(r,i);await f(t,i),await m(t,r)}catch(s){throw await w(t).catch(()=>{}),new e(`cannot write ${r}: ${s.message}`)}}export{d as a};
//# sourceMappingURL=chunk-ZYOVYWFZ.js.map
