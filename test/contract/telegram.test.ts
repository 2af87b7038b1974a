import { telegramDriver } from './drivers/telegram.js';
import { contractSuite } from './scenarios.js';

contractSuite('telegram', telegramDriver);
