import { discordDriver } from './drivers/discord.js';
import { contractSuite } from './scenarios.js';

contractSuite('discord', discordDriver);
