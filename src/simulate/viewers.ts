import { Viewer } from './scenario';

/** The users of harness.defaults.json, as the stories show them. */
export const CHW: Viewer = { user: 'chw_user', roles: ['chw'], label: 'CHW Amina' };
export const SUPERVISOR: Viewer = { user: 'supervisor_user', roles: ['chw_supervisor'], label: 'Supervisor Grace' };
