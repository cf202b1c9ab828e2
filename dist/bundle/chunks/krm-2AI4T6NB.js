import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a,b}from"./chunk-I66JXDZ7.js";import"./chunk-6FW7AOSL.js";import"./chunk-ZQEZLBCC.js";import"./chunk-IN25RGXY.js";import"./chunk-2OATUU5I.js";import"./chunk-VJHWFES3.js";import"./chunk-XG5KR3XL.js";import"./chunk-LEJBU35X.js";import"./chunk-RGQ2DFU4.js";import"./chunk-H5DIAZG2.js";import"./chunk-YIAP3JO3.js";export{a as runKrmFunction,b as runKrmOnText};
//# sourceMappingURL=krm-2AI4T6NB.js.map
