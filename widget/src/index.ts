/** The widget bundle served at /suora.js: importing it defines <suora-feedback>. */
export { SuoraFeedback } from './feedback/suora-feedback.js';
