// The API the pages talk to: same origin as the app (the API serves the built app, and the dev and preview
// servers proxy /api to it).
import { createLabApi } from './lab-api.ts';

export const browserLabApi = createLabApi();
