// Prints benchmark results as one aligned table per benchmark.

function formatValue(value, unit) {
  const digits = unit === "x" ? 2 : value < 0.1 ? 4 : value < 10 ? 3 : 1;
  return `${value.toFixed(digits)} ${unit}`;
}

export function printReport(reports, write = (line) => console.log(line)) {
  for (const report of reports) {
    write("");
    write(report.title);
    const nameWidth = Math.max(...report.rows.map((row) => row.name.length));
    for (const row of report.rows) {
      const spread = row.value.min !== undefined ? `  (min ${formatValue(row.value.min, row.unit)}, max ${formatValue(row.value.max, row.unit)})` : "";
      write(`  ${row.name.padEnd(nameWidth)}  ${formatValue(row.value.median, row.unit).padStart(14)}${spread}`);
    }
    for (const note of report.notes ?? []) write(`  ${note}`);
  }
}
