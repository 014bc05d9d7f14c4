#!/usr/bin/env node
// Thin launcher: the CLI is TypeScript compiled to dist/ by `npm run build`,
// which `npm install` runs through the `prepare` script.
await import('../dist/device/gateway/main.js');
