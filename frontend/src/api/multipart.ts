/**
 * openapi-fetch options for a multipart/form-data body: the typed `body` keeps the
 * compiler checking the field names against the generated schema, and the serializer
 * sends a FormData (with the File itself for `format: binary` fields, which the generator
 * types as string). The browser sets the boundary.
 */
export function multipart<B extends Record<string, unknown>>(
  fields: { [K in keyof B]: B[K] extends string ? string | Blob : B[K] },
) {
  return {
    body: fields as unknown as B,
    bodySerializer: () => {
      const fd = new FormData();
      for (const [k, v] of Object.entries(fields)) {
        if (v === undefined || v === null) continue;
        if (v instanceof File) fd.append(k, v, v.name);
        else if (v instanceof Blob) fd.append(k, v);
        else fd.append(k, String(v));
      }
      return fd;
    },
  };
}
