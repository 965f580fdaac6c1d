// Pings the cache's reader endpoint over TLS with a hand-written RESP command (no dependencies).
import tls from "node:tls";

const host = process.env.CACHE_HOST;
const port = Number(process.env.CACHE_PORT);

export const handler = async () =>
  new Promise((resolve, reject) => {
    const socket = tls.connect({ host, port, servername: host }, () => {
      socket.write("*1\r\n$4\r\nPING\r\n");
    });
    socket.setTimeout(2000, () => socket.destroy(new Error("timed out")));
    socket.once("data", (data) => {
      socket.end();
      resolve({ statusCode: 200, body: data.toString().trim() });
    });
    socket.once("error", reject);
  });
