import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a}from"./chunk-X2FZ34AL.js";import"./chunk-GCFVPVBS.js";import"./chunk-NWBGM2GO.js";import"./chunk-UEXT43VR.js";import"./chunk-4ZSOBTQ4.js";import"./chunk-V2IUU6RN.js";import"./chunk-PIRO4NZ7.js";import"./chunk-YIAP3JO3.js";export{a as runKrmFunction};
//# sourceMappingURL=krm-VHR7VC47.js.map
