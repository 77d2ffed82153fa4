/** File types as Slack names them, from a file name's extension (or a snippet type). */
export interface FileType {
  filetype: string;
  mimetype: string;
  pretty_type: string;
}

const TYPES: Record<string, FileType> = {
  txt: { filetype: "text", mimetype: "text/plain", pretty_type: "Plain Text" },
  text: { filetype: "text", mimetype: "text/plain", pretty_type: "Plain Text" },
  md: { filetype: "markdown", mimetype: "text/plain", pretty_type: "Markdown (raw)" },
  markdown: { filetype: "markdown", mimetype: "text/plain", pretty_type: "Markdown (raw)" },
  json: { filetype: "json", mimetype: "application/json", pretty_type: "JSON" },
  csv: { filetype: "csv", mimetype: "text/csv", pretty_type: "CSV" },
  js: { filetype: "javascript", mimetype: "text/javascript", pretty_type: "JavaScript" },
  javascript: { filetype: "javascript", mimetype: "text/javascript", pretty_type: "JavaScript" },
  ts: { filetype: "typescript", mimetype: "text/plain", pretty_type: "TypeScript" },
  typescript: { filetype: "typescript", mimetype: "text/plain", pretty_type: "TypeScript" },
  py: { filetype: "python", mimetype: "text/plain", pretty_type: "Python" },
  python: { filetype: "python", mimetype: "text/plain", pretty_type: "Python" },
  yaml: { filetype: "yaml", mimetype: "text/plain", pretty_type: "YAML" },
  yml: { filetype: "yaml", mimetype: "text/plain", pretty_type: "YAML" },
  html: { filetype: "html", mimetype: "text/html", pretty_type: "HTML" },
  png: { filetype: "png", mimetype: "image/png", pretty_type: "PNG" },
  jpg: { filetype: "jpg", mimetype: "image/jpeg", pretty_type: "JPEG" },
  jpeg: { filetype: "jpg", mimetype: "image/jpeg", pretty_type: "JPEG" },
  gif: { filetype: "gif", mimetype: "image/gif", pretty_type: "GIF" },
  pdf: { filetype: "pdf", mimetype: "application/pdf", pretty_type: "PDF" },
  zip: { filetype: "zip", mimetype: "application/zip", pretty_type: "Zip" },
};

const BINARY: FileType = { filetype: "binary", mimetype: "application/octet-stream", pretty_type: "Binary" };

export function fileTypeOf(filename: string, snippetType?: string): FileType {
  if (snippetType && TYPES[snippetType.toLowerCase()]) return TYPES[snippetType.toLowerCase()]!;
  const extension = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase();
  return (extension && TYPES[extension]) || BINARY;
}

/** `files.list` `types` filter names and the file types they cover. */
export const LIST_TYPES: Record<string, (type: string) => boolean> = {
  all: () => true,
  spaces: (type) => type === "space",
  snippets: (type) => !["png", "jpg", "gif", "pdf", "zip", "binary"].includes(type),
  images: (type) => ["png", "jpg", "gif"].includes(type),
  gdocs: (type) => type === "gdoc",
  zips: (type) => type === "zip",
  pdfs: (type) => type === "pdf",
};
