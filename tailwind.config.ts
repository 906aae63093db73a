import type { Config } from 'tailwindcss';

// Tailwind v4 reads this through `@config` in app/globals.css; the theme tokens live in CSS, as shadcn/ui does.
export default {
  content: ['./app/**/*.{ts,tsx}', './components/**/*.{ts,tsx}'],
  darkMode: 'class',
} satisfies Config;
