#!/usr/bin/env node
import { runAgentCli } from './program.js';

process.exitCode = await runAgentCli(process.argv.slice(2));
