import type { Catalogue } from '../catalogue.js';
import { answers } from './answers.js';
import { commands } from './commands.js';
import { feedback } from './feedback.js';
import { moderation } from './moderation.js';
import { navigation } from './navigation.js';
import { notices } from './notices.js';
import { posting } from './posting.js';

/** Russian interface text. */
export const ru: Catalogue = { ...answers, ...navigation, ...notices, ...commands, ...moderation, ...feedback, ...posting };
