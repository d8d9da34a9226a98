#!/usr/bin/env node
import { createCrmApp } from '../lib/app.js';

// Stage and options come from context: `npx cdk deploy --all -c stage=prod` (docs/deploy.md).
const { app } = createCrmApp();
app.synth();
