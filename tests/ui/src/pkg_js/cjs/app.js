// CommonJS by default: no package.json says otherwise.
export const handler = async () => ({ ok: true });
