import type { Catalogue } from '../catalogue.js';
import { answers } from './answers.js';
import { commands } from './commands.js';
import { feedback } from './feedback.js';
import { moderation } from './moderation.js';
import { navigation } from './navigation.js';
import { notices } from './notices.js';
import { posting } from './posting.js';

/** Persian interface text. */
export const fa: Catalogue = { ...answers, ...navigation, ...notices, ...commands, ...moderation, ...feedback, ...posting };
