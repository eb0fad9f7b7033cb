#!/usr/bin/env node
// The admin CLI; built from src/cli by `npm run build:server`.
import '../dist/cli/main.js';
