/**
 * Authenticated downloads: a plain `<a href>` cannot send the bearer token, so fetch the file with it, turn it
 * into a blob and save it through an object URL.
 */
import { fromResponse } from "@jmt/strapi-provider";

/** `attachment; filename*=UTF-8''%E6%93%8D.csv` or `filename="x.csv"` → the file name. */
export const filenameFromDisposition = (header: string | null | undefined): string | undefined => {
  if (!header) return undefined;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ""));
    } catch {
      /* fall through to the plain form */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain?.[1]?.trim() || undefined;
};

export interface FetchedFile {
  blob: Blob;
  filename?: string;
  contentType: string;
}

/** GET `url` with `Authorization: Bearer <token>`; rejects with the API's HttpError (Chinese message). */
export const fetchFile = async (url: string, token: string | null | undefined, fetchImpl: typeof fetch = fetch): Promise<FetchedFile> => {
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetchImpl(url, { headers, credentials: "same-origin" });
  } catch {
    throw { message: "网络连接失败，请检查网络后重试", statusCode: 0 };
  }
  if (!response.ok) {
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON: fromResponse falls back to a generic message */
    }
    throw fromResponse(response.status, body);
  }
  return {
    blob: await response.blob(),
    filename: filenameFromDisposition(response.headers.get("content-disposition")),
    contentType: response.headers.get("content-type") ?? "application/octet-stream",
  };
};

/** Hands a blob to the browser as a download. */
export const saveBlob = (blob: Blob, filename: string): void => {
  const href = URL.createObjectURL(blob);
  const anchor = document.createElement("a");
  anchor.href = href;
  anchor.download = filename;
  anchor.rel = "noopener";
  anchor.style.display = "none";
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(href), 30_000);
};

/** Fetch with the token and save; returns the name the file was saved under. */
export const downloadWithToken = async (url: string, token: string | null | undefined, fallbackName: string): Promise<string> => {
  const file = await fetchFile(url, token);
  const filename = file.filename ?? fallbackName;
  saveBlob(file.blob, filename);
  return filename;
};
