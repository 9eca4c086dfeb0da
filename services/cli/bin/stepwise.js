#!/usr/bin/env node
// The stepwise executable: a committed, executable entry that loads the built command (npm run build).
import '../dist/main.js';
