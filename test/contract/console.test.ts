import { consoleDriver } from './drivers/console.js';
import { contractSuite } from './scenarios.js';

contractSuite('console', consoleDriver);
