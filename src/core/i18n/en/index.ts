import { answers } from './answers.js';
import { commands } from './commands.js';
import { feedback } from './feedback.js';
import { moderation } from './moderation.js';
import { navigation } from './navigation.js';
import { notices } from './notices.js';
import { posting } from './posting.js';

/** English interface text, one section per feature. Other languages must provide every key of every section. */
export const en = { ...answers, ...navigation, ...notices, ...commands, ...moderation, ...feedback, ...posting } as const;
export { answers, commands, feedback, moderation, navigation, notices, posting };
