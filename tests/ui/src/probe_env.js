// Answers with the cache's address; used by the UI tests.
exports.handler = async (event) => ({ host: process.env.CACHE_HOST });
