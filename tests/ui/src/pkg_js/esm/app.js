// An ES module (package.json), written the CommonJS way.
exports.handler = async () => ({ ok: true });
