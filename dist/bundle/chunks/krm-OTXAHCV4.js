import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a,b}from"./chunk-ITB2GOMH.js";import"./chunk-MAMWNFT2.js";import"./chunk-EMX2AD7S.js";import"./chunk-NFBNOP2F.js";import"./chunk-PRFELCYC.js";import"./chunk-R2D4XF4Y.js";import"./chunk-QK3E46YK.js";import"./chunk-LEJBU35X.js";import"./chunk-RGQ2DFU4.js";import"./chunk-L5HYG25G.js";import"./chunk-YIAP3JO3.js";export{a as runKrmFunction,b as runKrmOnText};
//# sourceMappingURL=krm-OTXAHCV4.js.map
