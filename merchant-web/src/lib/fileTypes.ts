/**
 * What a file slot takes: images and PDFs unless the kind narrows it (出口退税: PDFs only), and how each type is
 * named, picked and recognised.
 */
const DEFAULT_TYPES = ["image/png", "image/jpeg", "application/pdf"] as const;
const TYPE_INFO: Record<string, { name: string; extensions: string[] }> = {
  "image/png": { name: "PNG", extensions: [".png"] },
  "image/jpeg": { name: "JPG", extensions: [".jpg", ".jpeg"] },
  "application/pdf": { name: "PDF", extensions: [".pdf"] },
};

/** The picker's `accept`, a check of a chosen file (by MIME type or extension) and the types' names. */
export function slotAccept(types: readonly string[] | null | undefined) {
  const known = (types?.length ? types : DEFAULT_TYPES).filter((type) => TYPE_INFO[type]);
  const list = known.length ? known : [...DEFAULT_TYPES];
  const extensions = list.flatMap((type) => TYPE_INFO[type].extensions);
  return {
    /** Only some of the default types: the slot says so in its hint and its error. */
    restricted: list.length < DEFAULT_TYPES.length,
    pdfOnly: list.length === 1 && list[0] === "application/pdf",
    input: [...list, ...extensions].join(","),
    names: list.map((type) => TYPE_INFO[type].name).join("、"),
    accepts: (file: Pick<File, "type" | "name">) =>
      list.includes(file.type) || extensions.some((ext) => file.name.toLowerCase().endsWith(ext)),
  };
}
