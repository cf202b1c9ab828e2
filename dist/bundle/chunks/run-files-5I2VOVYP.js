import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{b as a,c as b}from"./chunk-PKLXZHA5.js";import"./chunk-6G4XQY5J.js";import"./chunk-6ZK4HN2D.js";import"./chunk-ZYNQEJTO.js";import"./chunk-RGQ2DFU4.js";import"./chunk-WZPTTQAL.js";import"./chunk-ER3JPKSM.js";import"./chunk-V2IUU6RN.js";import"./chunk-PIRO4NZ7.js";import"./chunk-YIAP3JO3.js";export{b as allowJsConfig,a as runFiles};
//# sourceMappingURL=run-files-5I2VOVYP.js.map
