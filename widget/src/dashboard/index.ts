/** The dashboard's bundle, served at /dashboard.js for /dashboard only. */
export { SuoraDashboard } from './suora-dashboard.js';
