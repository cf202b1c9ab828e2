import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a}from"./chunk-MJHBU4ZM.js";import"./chunk-YIAP3JO3.js";export default a();
//# sourceMappingURL=picomatch-EJODWJET.js.map
