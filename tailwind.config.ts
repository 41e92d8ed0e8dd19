import type { Config } from "tailwindcss";

// Tailwind 4 reads its theme from CSS (@theme in app/globals.css); this file, loaded by `@config`
// there, only lists where class names are used. Status colours live in components/batches/status-colors.ts.
const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}", "./lib/**/*.{ts,tsx}"],
  theme: {
    extend: {},
  },
};

export default config;
