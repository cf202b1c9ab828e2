import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a,b}from"./chunk-PEYNIGNV.js";import"./chunk-GCFVPVBS.js";import"./chunk-NWBGM2GO.js";import"./chunk-AGYQZAUH.js";import"./chunk-PZ5ABQMM.js";import"./chunk-EKKKOPPG.js";import"./chunk-CZWRZJ3P.js";import"./chunk-V2IUU6RN.js";import"./chunk-B7T54GY4.js";import"./chunk-RGQ2DFU4.js";import"./chunk-PIRO4NZ7.js";import"./chunk-YIAP3JO3.js";export{a as runKrmFunction,b as runKrmOnText};
//# sourceMappingURL=krm-FDX223BM.js.map
