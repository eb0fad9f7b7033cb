#!/usr/bin/env node
// The device agent; built from src/agent by `npm run build:server`.
import '../dist/agent/main.js';
