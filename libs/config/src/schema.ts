/**
 * Every setting of every Stepwise service, with its environment variable, default and check.
 * Read once at process start (load.ts); nothing else in the project reads process.env.
 */
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));
const int = (min: number) => z.coerce.number().int().min(min);

export const configSchema = z.object({
  /** Redis connection string. Unset in `npm start` means: run an embedded redis-server. */
  REDIS_URL: z.string().url().optional(),
  /** Prefix of every Redis key and queue name, so several deployments can share one Redis. */
  STEPWISE_KEY_PREFIX: z.string().regex(/^[a-z0-9_-]{1,32}$/i).default('sw'),
  /** HTTP port: the api's AWS protocol/REST port (8083, as Step Functions Local) or a worker/scheduler health port. */
  PORT: int(0).max(65535).optional(),
  HOST: z.string().default('0.0.0.0'),
  /** `production` refuses unsafe local-only settings (time scale, auth off without saying so). */
  STEPWISE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  /** ARNs: region and account id the api puts in every ARN it makes. */
  STEPWISE_REGION: z.string().regex(/^[a-z0-9-]+$/).default('us-east-1'),
  STEPWISE_ACCOUNT_ID: z.string().regex(/^\d{12}$/).default('123456789012'),

  /** Authentication: `none` (local default, logged as a warning) or `required`. */
  STEPWISE_AUTH: z.enum(['none', 'required']).default('none'),
  /** SigV4 access keys, `ACCESS_KEY_ID:SECRET,ACCESS_KEY_ID2:SECRET2`. */
  STEPWISE_ACCESS_KEYS: z.string().default(''),
  /** Bearer tokens accepted by the REST API and console, comma-separated. */
  STEPWISE_API_TOKENS: z.string().default(''),

  /** Payload limit in bytes for inputs, outputs and task results (AWS: 256 KiB). */
  STEPWISE_MAX_PAYLOAD_BYTES: int(1024).default(262144),
  /** History limit in events per execution (AWS: 25,000). */
  STEPWISE_MAX_HISTORY_EVENTS: int(100).default(25000),
  /** StartExecution token bucket: sustained rate per second and burst (AWS's default quotas). */
  STEPWISE_START_RATE: z.coerce.number().positive().default(2000),
  STEPWISE_START_BURST: int(1).default(5000),

  /** Worker: jobs processed at once per worker process. */
  STEPWISE_WORKER_CONCURRENCY: int(1).default(32),
  /** Scheduler: leader lease length in milliseconds. */
  STEPWISE_LEADER_LEASE_MS: int(500).default(5000),
  /** Local and test use only: 3600 makes an hour of Wait last a second. Refused in production. */
  STEPWISE_TIME_SCALE: z.coerce.number().positive().default(1),
  /** A MockConfigFile (AWS Step Functions Local format) loaded at start. */
  SFN_MOCK_CONFIG: z.string().optional(),
  /** Lambda routing: JSON object from function name (or `*`) to an HTTP endpoint URL. */
  STEPWISE_LAMBDA_ENDPOINTS: z.string().default('{}'),
  /** Where the embedded redis-server of `npm start` keeps its AOF. */
  STEPWISE_DATA_DIR: z.string().default('.stepwise-data'),

  /** OpenTelemetry: traces are exported only when an endpoint is set (standard OTEL_* variables). */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.string().url().optional(),
  OTEL_SERVICE_NAME: z.string().optional(),
  OTEL_SDK_DISABLED: bool.optional(),
});

export type Config = Readonly<z.infer<typeof configSchema>>;
