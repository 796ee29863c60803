/** Generated at build time from ../openapi/openapi.json by the plugin in vite.config.ts. */
declare module 'virtual:openapi-limits' {
  const limits: Record<string, Record<string, { minLength?: number; maxLength?: number; minimum?: number; maximum?: number }>>;
  export default limits;
}
