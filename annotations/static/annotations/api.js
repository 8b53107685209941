// JSON over the session. Django's CSRF middleware checks every unsafe method, so the token
// from <meta name="csrf-token"> goes with each of them.

export class ApiError extends Error {
  constructor(status, data) {
    super(describe(status, data));
    this.status = status;
    this.data = data || {};
  }
}

function describe(status, data) {
  if (data && data.errors) {
    const messages = Object.entries(data.errors).map(
      ([field, list]) => `${field}: ${[].concat(list).join(", ")}`,
    );
    if (messages.length) return messages.join("; ");
  }
  if (data && data.error) return data.error;
  return status ? `HTTP ${status}` : "network error";
}

function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.content : "";
}

export async function request(method, url, { body, version } = {}) {
  const headers = { Accept: "application/json" };
  if (method !== "GET" && method !== "HEAD") headers["X-CSRFToken"] = csrfToken();
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (version !== undefined) headers["If-Match"] = `"${version}"`;
  let response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch (error) {
    throw new ApiError(0, { error: error.message });
  }
  if (response.status === 204) return null;
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null; // an HTML error page from a proxy, say: the status still tells what happened
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

export const api = {
  list: (url) => request("GET", url),
  create: (url, body) => request("POST", url, { body }),
  update: (url, version, body) => request("PATCH", url, { body, version }),
  remove: (url) => request("DELETE", url),
  // The replies address comes with the annotation (the links of the compact payload).
  reply: (url, note) => request("POST", url, { body: { note } }),
  preview: (url, note) => request("POST", url, { body: { note } }),
};
