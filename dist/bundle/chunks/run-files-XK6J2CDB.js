import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{b as a,c as b}from"./chunk-EJ36JUUE.js";import"./chunk-A6RHWBEJ.js";import"./chunk-6ZK4HN2D.js";import"./chunk-ZYNQEJTO.js";import"./chunk-RGQ2DFU4.js";import"./chunk-7HESVFIV.js";import"./chunk-DU5UKQAK.js";import"./chunk-V2IUU6RN.js";import"./chunk-PIRO4NZ7.js";import"./chunk-YIAP3JO3.js";export{b as allowJsConfig,a as runFiles};
//# sourceMappingURL=run-files-XK6J2CDB.js.map
