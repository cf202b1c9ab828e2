import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a,b}from"./chunk-HHCM4DMO.js";import"./chunk-OXTOYWQJ.js";import"./chunk-5HUFHXMJ.js";import"./chunk-IJGJNT6E.js";import"./chunk-5MACMPH6.js";import"./chunk-FY3Z7HX6.js";import"./chunk-F4ZKI7X3.js";import"./chunk-LEJBU35X.js";import"./chunk-RGQ2DFU4.js";import"./chunk-DAKBLSIJ.js";import"./chunk-YIAP3JO3.js";export{a as runKrmFunction,b as runKrmOnText};
//# sourceMappingURL=krm-U2OCYG6H.js.map
