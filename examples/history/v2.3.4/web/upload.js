// Browser side of an upload: one request with the whole file, and a progress bar.
// Used by the folder page (drag and drop, or the Upload button).

export async function uploadFile(folder, file, onProgress) {
  const session = await api("POST", "/api/v2/uploads", { folder, name: file.name, size: file.size });
  await new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", `/api/v2/uploads/${session.id}`);
    xhr.upload.onprogress = (e) => onProgress(e.loaded / file.size);
    xhr.onload = () => (xhr.status < 300 ? resolve() : reject(new Error(xhr.statusText)));
    xhr.onerror = () => reject(new Error("network error: start the upload again"));
    xhr.send(file);
  });
  return api("POST", `/api/v2/uploads/${session.id}/complete`);
}

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body ? { "Content-Type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error((await response.json()).message);
  return response.json();
}
