// Reads a key from the cache; used by the UI tests.
exports.handler = async (event) => ({ host: process.env.HOST ?? "localhost" });
