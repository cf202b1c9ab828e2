import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a,b}from"./chunk-GTME3LJF.js";import"./chunk-GCFVPVBS.js";import"./chunk-NWBGM2GO.js";import"./chunk-XWL73SNC.js";import"./chunk-YBX2CTOS.js";import"./chunk-EKKKOPPG.js";import"./chunk-ER3JPKSM.js";import"./chunk-V2IUU6RN.js";import"./chunk-AKY4KHAV.js";import"./chunk-XVURWVPD.js";import"./chunk-RGQ2DFU4.js";import"./chunk-PIRO4NZ7.js";import"./chunk-YIAP3JO3.js";export{a as runKrmFunction,b as runKrmOnText};
//# sourceMappingURL=krm-VMWTVHVO.js.map
