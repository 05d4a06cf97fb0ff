// Browser side of an upload, in chunks (REQ-042). When the connection drops, the upload
// waits; when the user selects the same file again, it continues after the chunks the
// server has confirmed instead of starting from 0 %.
//
// FIX-012: the server finds the interrupted upload by size and fingerprint (SHA-256 of
// the first MB), not by name: a phone may give the file another name when it is picked
// again, and two different files may share a name and a size.

const RETRIES_PER_CHUNK = 3;
const FINGERPRINT_BYTES = 1024 * 1024;

export async function uploadFile(folder, file, onProgress) {
  const fingerprint = await sha256Hex(file.slice(0, FINGERPRINT_BYTES));
  const session = await api("POST", "/api/v2/uploads", {
    folder, name: file.name, size: file.size, fingerprint,
  });
  const done = new Set(session.confirmed);
  onProgress(done.size / session.chunks);
  for (let n = 0; n < session.chunks; n++) {
    if (done.has(n)) continue;
    const chunk = file.slice(n * session.chunk_bytes, (n + 1) * session.chunk_bytes);
    await withRetries(() => api("PUT", `/api/v2/uploads/${session.id}/chunks/${n}`, chunk));
    done.add(n);
    onProgress(done.size / session.chunks);
  }
  return api("POST", `/api/v2/uploads/${session.id}/complete`);
}

async function sha256Hex(blob) {
  const digest = await crypto.subtle.digest("SHA-256", await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function withRetries(send) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (attempt >= RETRIES_PER_CHUNK) throw error;
      await new Promise((r) => setTimeout(r, 1000 * 2 ** attempt));
    }
  }
}

async function api(method, path, body) {
  const json = body !== undefined && !(body instanceof Blob);
  const response = await fetch(path, {
    method,
    headers: json ? { "Content-Type": "application/json" } : {},
    body: json ? JSON.stringify(body) : body,
  });
  if (!response.ok) throw new Error((await response.json()).message);
  return response.json();
}
