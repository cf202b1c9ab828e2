import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{b as a,c as b}from"./chunk-ETGTUZEK.js";import"./chunk-TWBZJBKN.js";import"./chunk-Q2E6HDZP.js";import"./chunk-ZKR3CILX.js";import"./chunk-RK5NYMNQ.js";import"./chunk-NFBNOP2F.js";import"./chunk-CZR6IDTV.js";import"./chunk-ZBFGAW73.js";import"./chunk-QK3E46YK.js";import"./chunk-LEJBU35X.js";import"./chunk-RGQ2DFU4.js";import"./chunk-L5HYG25G.js";import"./chunk-YIAP3JO3.js";export{b as allowJsConfig,a as runFiles};
//# sourceMappingURL=run-files-HKD4JOLZ.js.map
