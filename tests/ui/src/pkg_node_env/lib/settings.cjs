// A fallback makes a read optional; Lambda sets AWS_REGION itself.
exports.settings = {
  port: Number(process.env.CACHE_PORT ?? "6379"),
  prefix: process.env.KEY_PREFIX || "app:",
  region: process.env.AWS_REGION,
  name: process.env.APP_NAME,
};
