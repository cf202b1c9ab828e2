import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a}from"./chunk-SMNVP4I2.js";import"./chunk-GCFVPVBS.js";import"./chunk-NWBGM2GO.js";import"./chunk-7HESVFIV.js";import"./chunk-DU5UKQAK.js";import"./chunk-V2IUU6RN.js";import"./chunk-PIRO4NZ7.js";import"./chunk-YIAP3JO3.js";export{a as runKrmFunction};
//# sourceMappingURL=krm-UWGHYVD3.js.map
