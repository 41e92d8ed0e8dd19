import { z } from "zod";

// In the browser, zod must not compile parsers with `new Function`: the console's CSP forbids
// eval, and even zod's caught probe for it is reported as a policy violation. Imported first by
// every module that defines schemas, so it runs before any schema exists. Servers keep the JIT
// (it parses 100k-row result sets).
if (typeof window !== "undefined") z.config({ jitless: true });
