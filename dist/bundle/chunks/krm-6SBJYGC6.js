import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a}from"./chunk-AQ73GAV5.js";import"./chunk-GCFVPVBS.js";import"./chunk-NWBGM2GO.js";import"./chunk-P56XOXH3.js";import"./chunk-IHCP3ZWK.js";import"./chunk-V2IUU6RN.js";import"./chunk-PIRO4NZ7.js";import"./chunk-YIAP3JO3.js";export{a as runKrmFunction};
//# sourceMappingURL=krm-6SBJYGC6.js.map
