#!/usr/bin/env node
// `npm run dev [-- COMMAND …]`: the CLI straight from the TypeScript through tsx (no build; slower to start).
// With no command it runs `start`, like `npm start`; templates are re-read on every request.
import { register } from 'tsx/esm/api';

process.env.NODE_ENV ??= 'development';
register();
const { runCli } = await import('../src/cli/main.ts');
await runCli(process.argv.length > 2 ? process.argv : [...process.argv, 'start']);
