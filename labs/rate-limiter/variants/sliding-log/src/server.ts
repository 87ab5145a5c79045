// A second correct design the grader must accept: a sliding log of admissions in a sorted set.
import { connectRedis } from '../../../solution/src/redis.ts';
import { serve } from '../../../solution/src/http.ts';
import { slidingLog } from './sliding-log.ts';

const limit = Number(process.env.RATE_LIMIT);
const windowMs = Number(process.env.RATE_WINDOW_MS);
const redis = connectRedis(process.env.REDIS_URL!);
serve({ port: Number(process.env.PORT), limit, limiter: slidingLog(redis, limit, windowMs) });
