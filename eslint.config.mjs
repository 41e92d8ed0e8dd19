import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import tseslint from "typescript-eslint";

const TYPESCRIPT = ["**/*.ts", "**/*.tsx"];
// Tests read answers as JSON (`any`) on purpose and fake async APIs with plain functions.
const TESTS = ["**/*.test.ts", "e2e/**", "tests/**", "bench/**", "sandbox/tests/**"];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ["node_modules/**", ".next/**", ".next-*/**", "data/**", "next-env.d.ts", "test-results/**", "playwright-report/**"],
  },
  // Type-checked rules: a promise nobody awaits or handles (no-floating-promises), a promise where
  // a plain value is expected (no-misused-promises), values typed `any` spreading unchecked.
  ...tseslint.configs.recommendedTypeChecked.map((c) => ({ ...c, files: TYPESCRIPT })),
  {
    files: TYPESCRIPT,
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    // React takes async event handlers (a form's handleSubmit) and ignores what they return.
    rules: {
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      // Style, not safety: an async function without await is harmless, and the store's methods
      // are async to keep one shape over synchronous and networked backends.
      "@typescript-eslint/require-await": "off",
      // Values shown to people are unknown JSON from Syllable: objects are JSON-stringified before
      // String() where they can occur, and String(x) of the rest is the point.
      "@typescript-eslint/no-base-to-string": "off",
    },
  },
  {
    files: TESTS,
    rules: {
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/require-await": "off",
    },
  },
];

export default config;
