import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{v as a,w as b,x as c}from"./chunk-3P725EOP.js";import"./chunk-PIRO4NZ7.js";import"./chunk-YIAP3JO3.js";export{b as contextFor,a as validateConfig,c as validateWithContext};
//# sourceMappingURL=validate-3RVMS5NT.js.map
