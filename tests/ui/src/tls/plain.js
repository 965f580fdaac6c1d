// Connects in clear text: node-redis without a tls option.
const { createClient } = require("redis");

const client = createClient({ socket: { host: "localhost", port: 6379 } });

exports.handler = async () => client.ping();
