import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a,b}from"./chunk-OX3J6R4Y.js";import"./chunk-MAMWNFT2.js";import"./chunk-EMX2AD7S.js";import"./chunk-NFBNOP2F.js";import"./chunk-CZR6IDTV.js";import"./chunk-ZBFGAW73.js";import"./chunk-QK3E46YK.js";import"./chunk-LEJBU35X.js";import"./chunk-RGQ2DFU4.js";import"./chunk-L5HYG25G.js";import"./chunk-YIAP3JO3.js";export{a as runKrmFunction,b as runKrmOnText};
//# sourceMappingURL=krm-AP6V6JV2.js.map
