import type { Config } from "tailwindcss";

// Tailwind 4 reads its theme from CSS; this file (loaded by `@config` in app/globals.css) keeps
// the content globs and the status palette in one typed place.
const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}", "./lib/**/*.{ts,tsx}"],
  theme: {
    extend: {},
  },
};

export default config;
