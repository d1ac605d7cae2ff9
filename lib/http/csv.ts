// CSV downloads (the request log, the audit log): RFC 4180 rows, and whether the client asked for them.

/** Rows as RFC 4180 text; a leading = + - @ is quoted with a ' so a spreadsheet never runs a cell as a formula. */
export function csvTable<Row>(columns: readonly { name: string; value: (row: Row) => unknown }[], rows: readonly Row[]): string {
  const cell = (value: unknown) => {
    let text = value === null || value === undefined ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [
    columns.map((column) => column.name).join(","),
    ...rows.map((row) => columns.map((c) => cell(c.value(row))).join(",")),
  ];
  return lines.join("\r\n") + "\r\n";
}

/** `?format=csv`, or no format and `Accept: text/csv`. */
export function wantsCsv(req: Request, format: "json" | "csv" | undefined): boolean {
  return format === "csv" || (format === undefined && /\btext\/csv\b/.test(req.headers.get("accept") ?? ""));
}
