// Reads its settings from the environment; used by the UI tests.
import { settings } from "./lib/settings.cjs";

export const handler = async () => ({ host: process.env["CACHE_HOST"], ...settings });
