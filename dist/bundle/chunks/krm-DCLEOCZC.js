import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a,b}from"./chunk-NPWY3TIF.js";import"./chunk-MAMWNFT2.js";import"./chunk-EMX2AD7S.js";import"./chunk-NFBNOP2F.js";import"./chunk-LEIEMNRV.js";import"./chunk-L7HAQXUV.js";import"./chunk-QK3E46YK.js";import"./chunk-LEJBU35X.js";import"./chunk-RGQ2DFU4.js";import"./chunk-L5HYG25G.js";import"./chunk-YIAP3JO3.js";export{a as runKrmFunction,b as runKrmOnText};
//# sourceMappingURL=krm-DCLEOCZC.js.map
