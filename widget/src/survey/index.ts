/** The survey page's bundle, served at /survey.js: importing it defines <suora-survey>. */
export { SuoraSurvey } from './suora-survey.js';
