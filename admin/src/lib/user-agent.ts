/** A short, readable summary of a User-Agent for a table cell: `Chrome 126 · Windows`. The full string stays in a tooltip. */
export const summarizeUserAgent = (ua: string | null | undefined): string => {
  if (!ua) return "—";
  const pick = (patterns: Array<[RegExp, string]>): string | undefined => {
    for (const [pattern, name] of patterns) {
      const match = pattern.exec(ua);
      if (match) return match[1] ? `${name} ${match[1].split(".")[0]}` : name;
    }
    return undefined;
  };
  const client = pick([
    [/MicroMessenger\/([\d.]+)/, "微信"],
    [/Edg\/([\d.]+)/, "Edge"],
    [/OPR\/([\d.]+)/, "Opera"],
    [/HeadlessChrome\/([\d.]+)/, "HeadlessChrome"],
    [/Chrome\/([\d.]+)/, "Chrome"],
    [/Firefox\/([\d.]+)/, "Firefox"],
    [/Version\/([\d.]+).*Safari/, "Safari"],
    [/curl\/([\d.]+)/, "curl"],
    [/node-fetch|undici|axios\/([\d.]+)/, "Node.js"],
    [/PostmanRuntime\/([\d.]+)/, "Postman"],
    [/Apifox\/([\d.]+)/, "Apifox"],
  ]);
  const os = pick([
    [/Windows NT/, "Windows"],
    [/iPhone|iPad/, "iOS"],
    [/Android/, "Android"],
    [/Mac OS X/, "macOS"],
    [/Linux/, "Linux"],
  ]);
  if (!client && !os) return ua.length > 32 ? `${ua.slice(0, 32)}…` : ua;
  return [client, os].filter(Boolean).join(" · ");
};
