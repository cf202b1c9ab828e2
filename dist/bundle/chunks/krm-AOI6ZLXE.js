import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a}from"./chunk-KWSSQXOS.js";import"./chunk-GCFVPVBS.js";import"./chunk-NWBGM2GO.js";import"./chunk-F6NUEB6M.js";import"./chunk-CZWRZJ3P.js";import"./chunk-V2IUU6RN.js";import"./chunk-PIRO4NZ7.js";import"./chunk-YIAP3JO3.js";export{a as runKrmFunction};
//# sourceMappingURL=krm-AOI6ZLXE.js.map
