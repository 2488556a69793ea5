export { config, configHelp } from './config.js';
export { consumers, consumersHelp } from './consumers.js';
export { mode, modeHelp } from './mode.js';
export { subjects, subjectsHelp } from './subjects.js';
