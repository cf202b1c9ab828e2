import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a}from"./chunk-EIOT3UJA.js";import"./chunk-YIAP3JO3.js";export{a as VERSION};
//# sourceMappingURL=version-OXMECJQT.js.map
