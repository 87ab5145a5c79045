// The built-in design challenges, drawn from real backend interview loops.
import type { Challenge } from '../challenge.ts';
import { chatNotifications } from './chat-notifications.ts';
import { gameLeaderboard } from './game-leaderboard.ts';
import { mediaCatalogue } from './media-catalogue.ts';
import { multiTenantSaas } from './multi-tenant-saas.ts';
import { paymentsIdempotency } from './payments-idempotency.ts';
import { rateLimitedPublicApi } from './rate-limited-public-api.ts';
import { urlShortener } from './url-shortener.ts';

export const builtInChallenges: readonly Challenge[] = [
  rateLimitedPublicApi,
  urlShortener,
  gameLeaderboard,
  mediaCatalogue,
  chatNotifications,
  paymentsIdempotency,
  multiTenantSaas,
];
